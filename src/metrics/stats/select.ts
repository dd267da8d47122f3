/**
 * Quantiles by selection rather than sorting: the type 7 quantile needs only two order
 * statistics, and selection finds one in expected linear time. The order statistics are the
 * same as a sort's, so the quantiles are too.
 */

/**
 * Rearranges `a[left..right]` (inclusive) so that `a[k]` holds the value a sort would put there,
 * nothing before it is larger and nothing after it smaller: Floyd & Rivest's SELECT (CACM 18(3),
 * 1975, algorithm 489), which first selects within a small sample to find a pivot close to the
 * k-th value, so one partition pass leaves little to do (about n + min(k, n − k) comparisons).
 */
export function selectInPlace(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      selectInPlace(a, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)), k);
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
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
