/**
 * Quantiles by selection rather than sorting: the type 7 quantile needs only two order
 * statistics, and Hoare's FIND finds one in expected linear time. The order statistics are the
 * same as a sort's, so the quantiles are too.
 */

/**
 * Rearranges `a[left..right]` (inclusive) so that `a[k]` holds the value a sort would put there,
 * nothing before it is larger and nothing after it smaller (Hoare's FIND, Wirth's variant:
 * median-of-three pivot; values equal to the pivot are swapped, so many ties stay balanced).
 */
export function selectInPlace(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const x = a[left] as number;
    const y = a[(left + right) >> 1] as number;
    const z = a[right] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // [left, j] ≤ pivot, [i, right] ≥ pivot, and anything strictly between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** The smallest of `a[from..to]` (inclusive). */
function minOf(a: Float64Array, from: number, to: number): number {
  let m = a[from] as number;
  for (let i = from + 1; i <= to; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}

/**
 * The type 7 quantiles (numpy.percentile's default) at `pLo` ≤ `pHi` of the first `n` values of
 * `a`, which it reorders; equal to `quantileSorted` on the sorted values.
 */
export function quantilePairInPlace(a: Float64Array, n: number, pLo: number, pHi: number): [number, number] {
  if (n === 0) throw new RangeError('quantile of an empty sample');
  const hLo = (n - 1) * pLo;
  const hHi = (n - 1) * pHi;
  const kLo = Math.floor(hLo);
  const kHi = Math.floor(hHi);
  if (!(kLo <= kHi)) throw new RangeError('quantilePairInPlace needs pLo ≤ pHi');
  selectInPlace(a, 0, n - 1, kLo);
  const lo = interpolate(a, n, kLo, hLo);
  // Everything after kLo is at least a[kLo]: the upper order statistics are selected there.
  if (kHi > kLo) selectInPlace(a, kLo + 1, n - 1, kHi);
  return [lo, interpolate(a, n, kHi, hHi)];
}

/** a[k] + (h − k)(a[k + 1] − a[k]) as `quantileSorted` computes it, with a[k + 1] the least value after k. */
function interpolate(a: Float64Array, n: number, k: number, h: number): number {
  const x = a[k] as number;
  const y = k + 1 <= n - 1 ? minOf(a, k + 1, n - 1) : x;
  return x + (h - k) * (y - x);
}
