/**
 * When two computed values count as equal. Probabilities that are equal on paper reach the tests
 * a rounding step apart (a binary model's NEGATIVE is 1 − POSITIVE; group means summed in another
 * order), so exact float equality would let rounding decide ties, zeros and tails.
 */

/** Values within this distance, relative to the sample's scale, count as equal. */
export const RELATIVE_TIE = 1e-12;

/**
 * The absolute tolerance of a sample: RELATIVE_TIE × the larger of its largest magnitude and
 * `scale`. `scale` is the size of the numbers the values were computed from (1 for differences
 * of probabilities), so that differences that are all rounding dust still count as zero.
 */
export function tieTolerance(values: ArrayLike<number>, scale = 0): number {
  let largest = scale;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] ?? 0));
  return RELATIVE_TIE * largest;
}
