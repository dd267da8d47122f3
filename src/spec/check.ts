/**
 * Checks the zod schema cannot express: references between parts of the spec. Checks that need
 * the lexicons (slot fields, group names) belong to the generate stage.
 */
import type { SpecIssue } from '../errors.js';
import type { AuditSpec } from './schema.js';
import { suggestion } from './suggest.js';

/** Cross-references in a validated spec: gate axes and gate bounds. */
export function checkSpec(spec: AuditSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const axes = Object.keys(spec.axes);
  spec.gates.forEach((g, i) => {
    if (g.axis !== undefined && !axes.includes(g.axis)) {
      issues.push({ path: ['gates', i, 'axis'], message: `gate names axis "${g.axis}", which is not declared under "axes"${suggestion(g.axis, axes)}` });
    }
    if (g.max !== undefined && g.min !== undefined && g.min > g.max) {
      issues.push({ path: ['gates', i], message: `gate has min ${g.min} above max ${g.max}: it can never pass` });
    }
  });
  return issues;
}
