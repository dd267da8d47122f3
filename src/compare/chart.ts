/**
 * The chart of a comparison: for each judged metric of each axis (and each group metric that
 * regressed), the baseline and the candidate with both intervals, regressions first, one panel
 * per axis, so what changed, and how surely, is one glance.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS, formatInterval, formatNumber, VEGA_LITE_SCHEMA } from '../report/index.js';
import type { ChangeStatus, Comparison, MetricChange } from './diff.js';

/** At most this many rows per axis panel (regressions first); every change is in the tables. */
export const COMPARE_ROWS = 16;

/** The order of statuses in the chart and tables: regressions first. */
export const STATUS_ORDER: Record<ChangeStatus, number> = { regressed: 0, worse: 1, better: 2, changed: 3, unchanged: 4 };

const STATUS_COLOR: Record<ChangeStatus, string> = {
  regressed: COLORS.fail,
  worse: COLORS.warn,
  better: COLORS.pass,
  changed: COLORS.point,
  unchanged: '#767676',
};

/** The changes the chart shows, per axis in the baseline's order, regressions first. */
export function chartedChanges(cmp: Comparison): { axis: string; changes: MetricChange[]; of: number }[] {
  const axes = [...new Set(cmp.changes.map((c) => c.axis))];
  return axes.flatMap((axis) => {
    const mine = cmp.changes.filter((c) => c.axis === axis && c.ideal !== null && (c.scope !== 'group' || c.regressed));
    // Regressions first; among them the axis's own metrics before its groups'; then by how far they moved.
    const groupLast = (c: MetricChange) => (c.scope === 'group' ? 1 : 0);
    mine.sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        groupLast(a) - groupLast(b) ||
        Math.abs(b.worsening ?? 0) - Math.abs(a.worsening ?? 0),
    );
    const shown = mine.slice(0, COMPARE_ROWS);
    return shown.length > 0 ? [{ axis, changes: shown, of: mine.length }] : [];
  });
}

/** A row's label: metric, group, label. */
function rowName(c: MetricChange): string {
  return [c.metric, c.group, c.label].filter((x) => x !== undefined).join(' · ');
}

/** The chart of `cmp`, with its text alternative and caption; undefined when nothing is judged. */
export function compareChart(cmp: Comparison): { spec: TopLevelSpec; alt: string; caption: string } | undefined {
  const panels = chartedChanges(cmp);
  if (panels.length === 0) return undefined;
  const bounded = (v: number) => (Number.isFinite(v) ? Math.max(-10, Math.min(10, v)) : 0);
  const values = panels.flatMap((p) =>
    p.changes.flatMap((c, pos) => {
      const row = rowName(c);
      const run = (run: 'baseline' | 'candidate', m: MetricChange['baseline']) => ({
        axis: p.axis,
        row,
        pos,
        run,
        status: c.status,
        value: bounded(m.value),
        lo: bounded(m.ci?.[0] ?? m.value),
        hi: bounded(m.ci?.[1] ?? m.value),
      });
      return [run('baseline', c.baseline), run('candidate', c.candidate)];
    }),
  );
  const numbers = values.flatMap((v) => [v.lo, v.hi]);
  const lo = Math.min(0, ...numbers);
  const hi = Math.max(...numbers);
  const domain = [lo < 0 ? -Math.min(10, Math.ceil(-lo * 10) / 10) : 0, hi <= 1 ? 1 : Math.ceil(hi * 10) / 10];
  const y = {
    field: 'row',
    type: 'nominal',
    sort: { field: 'pos', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: 200, ticks: false, domain: false },
  } as const;
  const x = { type: 'quantitative' as const, scale: { domain, nice: false } };
  const layer = (run: 'baseline' | 'candidate', band: number) => {
    const yy = { ...y, bandPosition: band };
    const mine = { transform: [{ filter: `datum.run == '${run}'` }] };
    const colour =
      run === 'baseline'
        ? { value: '#767676' }
        : {
            field: 'status',
            type: 'nominal',
            scale: { domain: Object.keys(STATUS_COLOR), range: Object.values(STATUS_COLOR) },
            legend: null,
          };
    return [
      {
        ...mine,
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          y: yy,
          x: { ...x, field: 'lo', axis: { orient: 'top', title: 'value (grey: baseline; coloured: candidate)', tickCount: 5 } },
          x2: { field: 'hi' },
          color: colour,
        },
      },
      {
        ...mine,
        mark: { type: 'point', size: 36, filled: run === 'candidate', opacity: 1, strokeWidth: 1.5 },
        encoding: {
          y: yy,
          x: { ...x, field: 'value' },
          color: colour,
          tooltip: [
            { field: 'row', title: 'metric' },
            { field: 'run', title: 'run' },
            { field: 'value', title: 'value', format: '.3f' },
            { field: 'status', title: 'verdict' },
          ],
        },
      },
    ];
  };
  const regressed = cmp.changes.filter((c) => c.regressed);
  // The first regressions as the chart shows them.
  const first = panels.flatMap((p) => p.changes.filter((c) => c.regressed));
  const plural = panels.length === 1 ? '' : 's';
  const move = (c: MetricChange) =>
    `${rowName(c)} on ${c.axis} from ${formatNumber(c.baseline.value)} ${formatInterval(c.baseline.ci)} ` +
    `to ${formatNumber(c.candidate.value)} ${formatInterval(c.candidate.ci)}`;
  const verdict =
    regressed.length === 0 ? 'none regressed' : `${regressed.length} regressed, first ${first.slice(0, 3).map(move).join('; ')}`;
  const metrics = `${values.length / 2} metrics in ${panels.length} axis panel${plural}`;
  const alt = `Baseline and candidate values with their intervals for ${metrics}; ${verdict}.`;
  const cut = panels.filter((p) => p.of > p.changes.length).map((p) => `${p.axis}: ${p.changes.length} of ${p.of}`);
  const caption = [
    'hollow grey: baseline · filled: candidate (vermillion regressed, amber worse, green better, grey unchanged)',
    'whiskers: each run’s interval',
    'one panel per axis: its judged metrics and its groups’ regressions, regressions first',
    ...(cut.length > 0 ? [`rows shown (${cut.join('; ')}); every change is in the table below`] : []),
  ].join(' · ');
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `What changed: ${cmp.candidate.name}`, limit: 560 },
    description: alt,
    data: { values },
    vconcat: panels.map((p) => ({
      title: { text: p.axis, fontSize: 12, anchor: 'start' },
      width: 320,
      height: { step: 22 },
      transform: [{ filter: { field: 'axis', equal: p.axis } }],
      layer: [...layer('baseline', 0.3), ...layer('candidate', 0.7)],
    })),
    config: { ...CHART_CONFIG, axisY: { grid: true } },
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}
