/** An axis's group means for one label, as the charts and tables show them. */
import type { Interval, LabelResult } from '../results/index.js';

/** One group's mean probability of a label, with its interval. */
export interface GroupMean {
  name: string;
  n: number;
  mean: number;
  ci: Interval | null;
}

/** Group means of one label's results, in the axis's group order; groups without a mean are left out. */
export function groupMeans(label: LabelResult | undefined): GroupMean[] {
  return (label?.groups ?? []).flatMap((g) => {
    const m = g.metrics['mean'];
    return m ? [{ name: g.name, n: g.n, mean: m.value, ci: m.ci }] : [];
  });
}

/** Group means sorted highest first, ties by name: the order every per-group chart and table uses. */
export function sortedGroupMeans(label: LabelResult | undefined): GroupMean[] {
  return groupMeans(label).sort((a, b) => b.mean - a.mean || compareText(a.name, b.name));
}

/** Locale-independent string order, so the same input sorts the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The unweighted mean of the group means (the dashed line of the dot plot, the white of every colour scale); undefined without groups. */
export function meanOfMeans(groups: readonly GroupMean[]): number | undefined {
  const finite = groups.filter((g) => Number.isFinite(g.mean));
  return finite.length > 0 ? finite.reduce((s, g) => s + g.mean, 0) / finite.length : undefined;
}
