/**
 * Checks the zod schema cannot express: references between parts of the spec. Checks that need
 * the lexicons (slot fields, group names) belong to the generate stage.
 */
import type { SpecIssue } from '../errors.js';
import type { AuditSpec } from './schema.js';
import { suggestion } from './suggest.js';

/** Cross-references in a validated spec: gate axes, gate bounds, template ids. */
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
  const seen = new Map<string, number>();
  spec.templates.forEach((t, i) => {
    if (typeof t === 'string') return;
    const first = seen.get(t.id);
    if (first !== undefined) issues.push({ path: ['templates', i, 'id'], message: `template id "${t.id}" is already used by templates[${first}]` });
    else seen.set(t.id, i);
  });
  return issues;
}
