/**
 * The metrics stage's section of the audit spec (`breakdown:`), and the catalog other sections
 * (the gates') validate against. It imports nothing of the stages before it, so that the spec,
 * which composes the sections, can import it.
 */
import { z } from 'zod';
import type { SpecIssue } from '../shared/errors.js';
import { suggestion } from '../shared/suggest.js';
import { unknownBreakdown } from './messages.js';

export { METRIC_NAMES, METRICS, metricInfo, type MetricName, type MetricRow } from './catalog.js';

/** The breakdown by template id, rather than by a filler. */
export const BREAKDOWN_BY_TEMPLATE = 'template';

/** `breakdown:` — fillers (or "template") whose values each get every axis's metrics. */
export const BreakdownSpecSchema = z
  .array(z.string().min(1))
  .min(1)
  .describe(
    'Also report every axis per value of these fillers (a lexicon filler by its groups, e.g. emotion → anger; a word list by its words) ' +
      'or per template ("template"), in results.json `breakdowns`',
  );

/** A validated `breakdown:`. */
export type BreakdownSpec = z.output<typeof BreakdownSpecSchema>;

/** Every `breakdown:` entry that is neither "template" nor a declared filler, or named twice. */
export function checkBreakdown(breakdown: BreakdownSpec | undefined, fillers: readonly string[]): SpecIssue[] {
  const known = [BREAKDOWN_BY_TEMPLATE, ...fillers];
  return (breakdown ?? []).flatMap((name, i): SpecIssue[] => {
    if (!known.includes(name)) return [{ path: ['breakdown', i], ...unknownBreakdown(name, suggestion(name, known)) }];
    if (breakdown?.indexOf(name) !== i) {
      return [{ path: ['breakdown', i], id: 'metrics.duplicate-breakdown', message: `breakdown "${name}" is named twice` }];
    }
    return [];
  });
}
