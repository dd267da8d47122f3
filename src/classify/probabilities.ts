/**
 * What a row of probabilities must be, from any backend or the cache: one finite number per
 * label, each within [0, 1], and for a single-label model a row that sums to 1. Anything else
 * is a broken model, server or cache, and the audit stops rather than report numbers from it.
 */

/** How far outside [0, 1] a probability may stray (float32 rounding). */
export const RANGE_TOLERANCE = 1e-6;
/** How far from 1 a single-label model's row may sum (float32 softmax of many labels). */
export const SUM_TOLERANCE = 1e-3;

/**
 * What is impossible about `row` as the probabilities of `labels` (followed by the values of the
 * backend's `extras`, which need only be finite), or undefined when nothing is.
 */
export function checkProbabilities(
  row: readonly number[],
  labels: readonly string[],
  multiLabel: boolean,
  extras: readonly string[] = [],
): string | undefined {
  if (row.length !== labels.length + extras.length) {
    const and = extras.length > 0 ? ` and ${extras.join(', ')}` : '';
    return `${row.length} values for ${labels.length} labels (${labels.join(', ')})${and}`;
  }
  const value = (i: number): unknown => (Object.hasOwn(row, i) ? row[i] : undefined);
  const notFinite = (name: string, p: unknown) => `${name} is ${typeof p === 'number' ? String(p) : 'missing'}`;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = value(i);
    const label = labels[i] ?? String(i);
    if (typeof p !== 'number' || !Number.isFinite(p)) return notFinite(label, p);
    if (p < -RANGE_TOLERANCE || p > 1 + RANGE_TOLERANCE) return `${label} is ${p}, outside [0, 1]`;
    sum += p;
  }
  for (const [k, name] of extras.entries()) {
    const p = value(labels.length + k);
    if (typeof p !== 'number' || !Number.isFinite(p)) return notFinite(name, p);
  }
  if (!multiLabel && Math.abs(sum - 1) > SUM_TOLERANCE) {
    return `the probabilities sum to ${sum}, not 1 (a classifier whose labels are independent says multiLabel)`;
  }
  return undefined;
}
