/** The audited label's group means of an axis, as the charts and tables show them. */
import type { AxisResult, Interval } from '../metrics/types.js';

/** One group's mean probability of the audited label, with its interval. */
export interface GroupMean {
  name: string;
  n: number;
  mean: number;
  ci: Interval | null;
}

/** Group means of the audited label (`labels[0]`), in the axis's group order. */
export function groupMeans(axis: AxisResult): GroupMean[] {
  return (axis.labels[0]?.groups ?? []).flatMap((g) => {
    const m = g.metrics['mean'];
    return m ? [{ name: g.name, n: g.n, mean: m.value, ci: m.ci }] : [];
  });
}
