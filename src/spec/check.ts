/**
 * Checks the zod schema cannot express: references between parts of the spec. Checks that need
 * the lexicons (slot fields, group names) belong to the generate stage; the gates' checks are
 * the gate stage's, the breakdown's the metrics stage's.
 */
import type { SpecIssue } from '../shared/errors.js';
import { gateSpecIssues } from '../gate/schema.js';
import { checkBreakdown } from '../metrics/schema.js';
import type { AuditSpec } from './schema.js';

/** Cross-references in a validated spec: gate axes, bounds and options; breakdown names. */
export function checkSpec(spec: AuditSpec): SpecIssue[] {
  return [
    ...gateSpecIssues(spec.gates, { axes: Object.keys(spec.axes), audited: spec.model.label }),
    ...checkBreakdown(spec.breakdown, Object.keys(spec.fillers ?? {})),
  ];
}
