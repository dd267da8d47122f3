/**
 * results.json and timings.json as written.
 *
 * results.json holds the results, complete, without what can be derived from them, in a compact
 * layout that stays readable:
 * - `labels[].deltas` (at the top and in breakdowns: the all-pairs matrix, `matrix[i][j] = mean_i − mean_j` of the group means)
 *   is left out: it repeats the group means, and at 197 groups it was 80% of the file
 *   (16.5 MB of gender × country's 16.5). Derive it from `groups[].metrics.mean.value`.
 * - Arrays and objects that fit in 240 columns go on one line (a metric value with its interval
 *   and method is one line), so the file is about two thirds of 2-space JSON.
 */
import { stringifyCompact } from '../shared/compact-json.js';
import type { AuditResults, Timings } from './schema.js';

/** The widest line of results.json. */
const RESULTS_LINE = 240;

/** The text of results.json for `results`. */
export function resultsJson(results: AuditResults): string {
  const breakdowns = results.breakdowns?.map((b) => ({ ...b, axes: withoutDeltas(b.axes) }));
  return `${stringifyCompact({ ...results, axes: withoutDeltas(results.axes), ...(breakdowns ? { breakdowns } : {}) }, RESULTS_LINE)}\n`;
}

/** Axes without their labels' all-pairs deltas, in breakdowns as at the top. */
function withoutDeltas(axes: AuditResults['axes']): AuditResults['axes'] {
  return axes.map((axis) => ({ ...axis, labels: axis.labels.map(({ deltas: _derived, ...label }) => label) }));
}

/** The text of timings.json for `timings`: 2-space JSON. */
export function timingsJson(timings: Timings): string {
  return `${JSON.stringify(timings, null, 2)}\n`;
}
