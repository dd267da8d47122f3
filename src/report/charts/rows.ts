/**
 * Which rows a chart of many groups shows, and the colour rule every diverging scale follows.
 *
 * Rows: an axis of up to `FEW_GROUPS` groups is drawn whole. Beyond, the compact chart shows the
 * `EXTREMES` highest and the `EXTREMES` lowest (and the reference group wherever it ranks), with a
 * row "⋯ 87 more" where groups are left out; the full chart is one click away.
 *
 * Colour: every diverging colour scale of an axis (heatmap, map) is white at the axis's mean of
 * group means — the dashed line of its dot plot — red below, blue above, symmetric: the domain
 * spans that mean ± the largest distance of any value drawn (cells and group means), rounded up
 * to 0.05. The heatmap and the map of an axis share it, so one colour is one value on both.
 */
import { DIVERGING_SCHEME, EXTREMES, FEW_GROUPS, LABEL_LIMIT } from './theme.js';

/** One row of a chart: an item at its rank, or a gap standing for `hidden` items left out. */
export type ChartRow<T> =
  { kind: 'item'; item: T; rank: number; pos: number } | { kind: 'gap'; hidden: number; pos: number; label: string };

/**
 * The rows of a chart of `sorted` items (its order is the chart's): all of them when `full` or
 * when there are few, else both ends and the items `keep` asks for, with gap rows between.
 */
export function chartRows<T>(sorted: readonly T[], keep: (item: T) => boolean, full: boolean): ChartRow<T>[] {
  const n = sorted.length;
  const shown = sorted
    .map((item, rank) => ({ item, rank }))
    .filter(({ item, rank }) => full || n <= FEW_GROUPS || rank < EXTREMES || rank >= n - EXTREMES || keep(item));
  const rows: ChartRow<T>[] = [];
  let next = 0;
  for (const s of shown) {
    if (s.rank > next) rows.push(gapRow(s.rank - next, rows.length));
    rows.push({ kind: 'item', item: s.item, rank: s.rank, pos: rows.length });
    next = s.rank + 1;
  }
  if (next < n) rows.push(gapRow(n - next, rows.length));
  return rows;
}

function gapRow(hidden: number, pos: number): ChartRow<never> {
  return { kind: 'gap', hidden, pos, label: `⋯ ${hidden} more` };
}

/** Whether a chart of `n` items leaves some out unless drawn whole. */
export function isCompacted(n: number): boolean {
  return n > FEW_GROUPS;
}

/** The colour rule of an axis's diverging scales: white point and symmetric domain. */
export interface ColorRule {
  mid: number;
  domain: [number, number];
}

/** The rule for white point `mid` and every value drawn (non-finite values are ignored). */
export function colorRule(mid: number, values: Iterable<number>): ColorRule {
  let extent = 0;
  for (const v of values) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v - mid));
  const half = Math.max(0.05, Math.ceil(Math.min(extent, 1) / 0.05 - 1e-9) * 0.05);
  return { mid, domain: [mid - half, mid + half] };
}

/** The Vega-Lite scale of a colour rule. */
export function colorScale(rule: ColorRule): Record<string, unknown> {
  return { domain: rule.domain, domainMid: rule.mid, scheme: DIVERGING_SCHEME, clamp: true, nice: false };
}

/**
 * The y channel of a chart of rows (`chartRows`): one band per row, in the rows' order (`pos`),
 * labelled at the left without ticks or axis line.
 */
export function rowChannel(field: 'row' | 'group') {
  return {
    field,
    type: 'nominal',
    sort: { field: 'pos', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: LABEL_LIMIT, ticks: false, domain: false },
  } as const;
}
