/** The strip plot of per-set deltas against the reference group. */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, GateResult, LabelResult } from '../../results/index.js';
import { formatNumber } from '../format.js';
import { sortedGroupMeans } from '../group-means.js';
import type { SetDelta } from '../set-scores.js';
import type { ChartSpec } from './dot-plot.js';
import { chartRows, isCompacted, rowChannel } from './rows.js';
import { CHART_CONFIG, COLORS, FEW_GROUPS, LABEL_LIMIT, PLOT_WIDTH, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/**
 * One row per non-reference group (sorted as the dot plot; the highest and lowest unless `full`),
 * one tick per set at f(x_g) − f(x_ref), and a dot at the mean delta. The x scale spans the
 * deltas and any delta gate's thresholds, symmetric around 0, so small differences stay visible.
 * @param gates the gate results on this axis and label (per-group `delta` gates draw their thresholds).
 */
export function deltaStripSpec(
  axis: AxisResult,
  label: LabelResult | undefined,
  deltas: readonly SetDelta[],
  gates: readonly GateResult[] = [],
  full = false,
): ChartSpec {
  const labelName = label?.label ?? '';
  const sorted = sortedGroupMeans(label).filter((g) => g.name !== axis.reference);
  const rows = chartRows(sorted, () => false, full);
  const pos = new Map(rows.flatMap((r) => (r.kind === 'item' ? [[r.item.name, r.pos] as const] : [])));
  const ticks = deltas.flatMap((d) => {
    const p = pos.get(d.group);
    return p === undefined || !Number.isFinite(d.delta)
      ? []
      : [{ group: d.group, pos: p, delta: Math.max(-1, Math.min(1, d.delta)), set: d.set_id }];
  });
  const sums = new Map<string, { total: number; n: number; pos: number }>();
  for (const t of ticks) {
    const s = sums.get(t.group) ?? { total: 0, n: 0, pos: t.pos };
    s.total += t.delta;
    s.n += 1;
    sums.set(t.group, s);
  }
  const means = [...sums].map(([group, s]) => ({ group, pos: s.pos, mean: s.total / s.n }));
  const gaps = rows.flatMap((r) => (r.kind === 'gap' ? [{ group: r.label, pos: r.pos }] : []));
  const thresholds = gates
    .filter((g) => g.metric === 'delta')
    .flatMap((g) =>
      [g.max, g.min].filter((t): t is number => t !== undefined && Number.isFinite(t)).map((at) => ({ at: Math.max(-1, Math.min(1, at)) })),
    );
  const extent = Math.max(0.05, ...ticks.map((t) => Math.abs(t.delta)), ...thresholds.map((t) => Math.abs(t.at)));
  const domain = [-niceCeil(extent), niceCeil(extent)];
  const y = rowChannel('group');
  // Every layer names the same axis, so vega-lite merges them into one (a null in any layer would drop it).
  const xAxis = { orient: 'top' as const, title: `P(${labelName} | group) − P(${labelName} | ${axis.reference})`, tickCount: 6 };
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain, nice: false }, axis: xAxis });
  const widest = means.reduce<(typeof means)[number] | undefined>(
    (a, b) => (a === undefined || Math.abs(b.mean) > Math.abs(a.mean) ? b : a),
    undefined,
  );
  const alt = widest
    ? `Strip plot of each set's difference from the reference group ${axis.reference} for ${means.length} groups of ${axis.name}; ` +
      `the largest mean difference is ${widest.group} (${formatNumber(widest.mean)}).`
    : `Strip plot of ${axis.name}: no differences.`;
  const caption = [
    `tick: one set · dot: mean difference from ${axis.reference}`,
    `${ticks.length} differences over ${means.length} group${means.length === 1 ? '' : 's'}`,
    `x range ±${formatNumber(domain[1] as number)}`,
    ...(thresholds.length > 0 ? ['dashed vermillion: a delta gate’s threshold'] : []),
    ...(!full && isCompacted(sorted.length) ? ['rows: the highest and lowest 10 groups, as in the dot plot'] : []),
  ].join(' · ');
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: per-set difference from ${axis.reference}`, limit: PLOT_WIDTH + LABEL_LIMIT },
    description: alt,
    width: PLOT_WIDTH,
    height: { step: rowStep(rows.length) },
    layer: [
      { data: { values: gaps }, mark: { type: 'text', text: '' }, encoding: { y } },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLORS.reference, strokeWidth: 1 }, encoding: { x: x('zero') } },
      ...(thresholds.length > 0
        ? [
            {
              data: { values: thresholds },
              mark: { type: 'rule', color: COLORS.threshold, strokeWidth: 1.5, strokeDash: [6, 3] },
              encoding: { x: x('at') },
            },
          ]
        : []),
      {
        data: { values: ticks },
        // No ARIA label per tick, as in the heatmap: one per set and group is thousands.
        mark: { type: 'tick', aria: false, color: COLORS.interval, opacity: 0.7, thickness: 1.2, size: rows.length <= FEW_GROUPS ? 12 : 9 },
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
        mark: { type: 'point', filled: true, color: COLORS.point, size: 24, opacity: 1 },
        encoding: {
          y,
          x: x('mean'),
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'mean', title: 'mean difference', format: '+.3f' },
          ],
        },
      },
    ],
    config: CHART_CONFIG,
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}

/** The smallest of 0.05, 0.1, 0.2, 0.25, 0.5, 1 (or the value) at or above `v`. */
function niceCeil(v: number): number {
  for (const step of [0.05, 0.1, 0.2, 0.25, 0.5, 1]) if (v <= step) return step;
  return Math.min(v, 1);
}
