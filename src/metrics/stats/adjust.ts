/**
 * Multiple-comparison adjustments of p-values. Null entries (tests that could not be computed)
 * stay null and do not count towards the number of tests m.
 */

/**
 * Holm's step-down adjustment (Holm 1979), controlling the family-wise error rate:
 * p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)) over the p-values sorted ascending
 * (matches statsmodels multipletests(method="holm")).
 */
export function holmAdjust(ps: readonly (number | null)[]): (number | null)[] {
  return adjust(ps, (sorted) => {
    const m = sorted.length;
    let running = 0;
    return sorted.map((p, j) => (running = Math.max(running, Math.min(1, (m - j) * p))));
  });
}

/**
 * Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995), controlling the false
 * discovery rate: p̃_(i) = min_{j ≥ i} min(1, m p_(j) / j) over the p-values sorted ascending
 * (matches statsmodels multipletests(method="fdr_bh")).
 */
export function benjaminiHochbergAdjust(ps: readonly (number | null)[]): (number | null)[] {
  return adjust(ps, (sorted) => {
    const m = sorted.length;
    const out = new Array<number>(m);
    let running = 1;
    for (let j = m - 1; j >= 0; j--) out[j] = running = Math.min(running, ((sorted[j] as number) * m) / (j + 1));
    return out;
  });
}

/** Sorts the non-null p-values, adjusts them in sorted order and puts them back. */
function adjust(ps: readonly (number | null)[], inSortedOrder: (sorted: number[]) => number[]): (number | null)[] {
  for (const p of ps) if (p !== null && !(p >= 0 && p <= 1)) throw new RangeError(`p-value out of [0, 1]: ${p}`);
  const index = ps.flatMap((p, i) => (p === null ? [] : [i])).sort((i, j) => (ps[i] as number) - (ps[j] as number) || i - j);
  const adjusted = inSortedOrder(index.map((i) => ps[i] as number));
  const out: (number | null)[] = ps.map(() => null);
  index.forEach((i, k) => (out[i] = adjusted[k] as number));
  return out;
}
