/**
 * Checks the zod schema cannot express: references between parts of the spec. Checks that need
 * the lexicons (slot fields, group names) belong to the generate stage.
 */
import type { SpecIssue } from '../shared/errors.js';
import { gateAxes } from '../gate/targets.js';
import type { AuditSpec } from './schema.js';
import { suggestion } from '../shared/suggest.js';

/** Cross-references in a validated spec: gate axes and gate bounds. */
export function checkSpec(spec: AuditSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const axes = Object.keys(spec.axes);
  spec.gates.forEach((g, i) => {
    // A combination ("gender × country") names declared axes; the gate stage checks a template varies them together.
    const unknown = g.axis === undefined ? undefined : gateAxes(g.axis).find((a) => !axes.includes(a));
    if (g.axis !== undefined && unknown !== undefined) {
      issues.push({ path: ['gates', i, 'axis'], message: `gate names axis "${unknown}", which is not declared under "axes"${suggestion(unknown, axes)}` });
    }
    if (g.max !== undefined && g.min !== undefined && g.min > g.max) {
      issues.push({ path: ['gates', i], message: `gate has min ${g.min} above max ${g.max}: it can never pass` });
    }
  });
  return issues;
}
