/** The strip plot of per-set deltas against the reference group. */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult } from '../../metrics/types.js';
import { formatNumber } from '../format.js';
import { sortedGroupMeans } from '../group-means.js';
import type { SetDelta } from '../set-scores.js';
import { CHART_CONFIG, COLORS, FEW_GROUPS, LABEL_LIMIT, PLOT_WIDTH, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/**
 * One row per non-reference group (sorted as the dot plot), one tick per set at
 * f(x_g) − f(x_ref), and a dot at the mean delta. The x scale spans the deltas, symmetric
 * around 0, so small differences stay visible.
 */
export function deltaStripSpec(axis: AxisResult, label: LabelResult | undefined, deltas: readonly SetDelta[]): TopLevelSpec {
  const labelName = label?.label ?? '';
  const rank = new Map(sortedGroupMeans(label).filter((g) => g.name !== axis.reference).map((g, i) => [g.name, i]));
  const ticks = deltas.flatMap((d) => {
    const r = rank.get(d.group);
    return r === undefined ? [] : [{ group: d.group, rank: r, delta: d.delta, set: d.set_id }];
  });
  const sums = new Map<string, { total: number; n: number }>();
  for (const t of ticks) {
    const s = sums.get(t.group) ?? { total: 0, n: 0 };
    s.total += t.delta;
    s.n += 1;
    sums.set(t.group, s);
  }
  const means = [...sums].map(([group, s]) => ({ group, rank: rank.get(group) as number, mean: s.total / s.n }));
  const extent = Math.max(0.05, ...ticks.map((t) => Math.abs(t.delta)));
  const domain = [-niceCeil(extent), niceCeil(extent)];
  const y = {
    field: 'group',
    type: 'nominal',
    sort: { field: 'rank', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: LABEL_LIMIT, ticks: false, domain: false },
  } as const;
  // Every layer names the same axis, so vega-lite merges them into one (a null in any layer would drop it).
  const xAxis = { orient: 'top' as const, title: `P(${labelName} | group) − P(${labelName} | ${axis.reference})`, tickCount: 8 };
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain, nice: false }, axis: xAxis });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${axis.name}: per-set difference from the reference group ${axis.reference}`,
      subtitle: `tick: one set · dot: mean difference · ${ticks.length} differences over ${rank.size} group${rank.size === 1 ? '' : 's'} · x range ±${formatNumber(domain[1] as number)}`,
    },
    description: `For each set and group of ${axis.name}, the probability of ${labelName} minus that of the reference group.`,
    width: PLOT_WIDTH,
    height: { step: rowStep(rank.size) },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: COLORS.reference, strokeWidth: 1 },
        encoding: { x: x('zero') },
      },
      {
        data: { values: ticks },
        // No ARIA label per tick, as in the heatmap: one per set and group is thousands.
        mark: { type: 'tick', aria: false, color: COLORS.interval, opacity: 0.55, thickness: 1.2, size: rank.size <= FEW_GROUPS ? 12 : 9 },
        // Interactive views zoom and pan the x axis (the static SVG is unaffected).
        params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }],
        encoding: {
          y,
          x: x('delta'),
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'set', title: 'set' },
            { field: 'delta', title: 'difference', format: '+.3f' },
          ],
        },
      },
      {
        data: { values: means },
        mark: { type: 'point', filled: true, color: COLORS.point, size: 22, opacity: 1 },
        encoding: { y, x: x('mean'), tooltip: [{ field: 'group', title: 'group' }, { field: 'mean', title: 'mean difference', format: '+.3f' }] },
      },
    ],
    config: CHART_CONFIG,
  } as TopLevelSpec;
}

/** The smallest of 0.05, 0.1, 0.2, 0.25, 0.5, 1 (or the value) at or above `v`. */
function niceCeil(v: number): number {
  for (const step of [0.05, 0.1, 0.2, 0.25, 0.5, 1]) if (v <= step) return step;
  return v;
}
