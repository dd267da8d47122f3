/**
 * The gates of an axis on one chart: each gate's value with its interval, its threshold as a
 * line, and the zone where it fails shaded, so a reader sees how far from passing a gate is.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, GateResult } from '../../results/index.js';
import { formatInterval, formatNumber, formatThreshold } from '../format.js';
import type { ChartSpec } from './dot-plot.js';
import { rowChannel } from './rows.js';
import { CHART_CONFIG, COLORS, LABEL_LIMIT, PLOT_WIDTH, ROW_STEP_FEW, VEGA_LITE_SCHEMA } from './theme.js';

/** A gate status as a chart label says it. */
const STATUS: Record<GateResult['status'], string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', insufficient_evidence: 'no evidence' };

/** A finite number within ±10 (a gate's numbers are rates, gaps, ratios: a corrupt 1e308 is drawn at the edge). */
function bounded(v: number): number {
  return Number.isFinite(v) ? Math.max(-10, Math.min(10, v)) : 0;
}

function sameTarget(a: GateResult, b: GateResult): boolean {
  return a.metric === b.metric && a.group === b.group && a.label === b.label;
}

/** The chart of every gate on `axis`; undefined when no gate checks it. */
export function gatesSpec(axis: AxisResult, gates: readonly GateResult[]): ChartSpec | undefined {
  if (gates.length === 0) return undefined;
  const rows = gates.map((g, pos) => {
    const repeated = gates.slice(0, pos).some((o) => sameTarget(o, g));
    const where = [g.group, g.label].filter((x) => x !== undefined).join(' · ');
    return {
      // Two gates on the same metric and group (a max and a min gate) get their position too.
      row: `${STATUS[g.status]} · ${g.metric}${where ? ` · ${where}` : ''}${repeated ? ` (${pos + 1})` : ''}`,
      pos,
      status: g.status,
      value: bounded(g.value),
      lo: bounded(g.ci?.[0] ?? g.value),
      hi: bounded(g.ci?.[1] ?? g.value),
      threshold: formatThreshold(g),
      max: g.max === undefined ? null : bounded(g.max),
      min: g.min === undefined ? null : bounded(g.min),
    };
  });
  const numbers = rows.flatMap((r) => [r.value, r.lo, r.hi, ...(r.max === null ? [] : [r.max]), ...(r.min === null ? [] : [r.min])]);
  const lo = Math.min(0, ...numbers);
  const hi = Math.max(...numbers);
  // Rates, gaps and ratios live in [0, 1]: the scale stops at 1 unless a number goes beyond.
  const domain = [lo < 0 ? -niceUp(-lo * 1.1) : 0, hi <= 1 ? Math.min(1, niceUp(Math.max(hi * 1.1, 0.05))) : niceUp(hi * 1.1)];
  const zones = rows.flatMap((r) => [
    ...(r.max !== null ? [{ row: r.row, pos: r.pos, from: r.max, to: domain[1] }] : []),
    ...(r.min !== null ? [{ row: r.row, pos: r.pos, from: domain[0], to: r.min }] : []),
  ]);
  const ticks = rows.flatMap((r) => [
    ...(r.max !== null ? [{ row: r.row, pos: r.pos, at: r.max }] : []),
    ...(r.min !== null ? [{ row: r.row, pos: r.pos, at: r.min }] : []),
  ]);
  const y = rowChannel('row');
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: { domain, nice: false },
    axis: { orient: 'top' as const, title: 'gate value', tickCount: 5 },
  });
  const described = gates.map(
    (g) =>
      `${g.metric}${g.group ? ` of ${g.group}` : ''} ${formatNumber(g.value)} ${formatInterval(g.ci)} ` +
      `against ${formatThreshold(g)}, ${STATUS[g.status]}`,
  );
  const alt = `Gates on ${axis.name}: ${described.join('; ')}.`;
  const caption =
    'dot: the gate’s value (green pass, vermillion fail, amber warn or no evidence) · whisker: its interval · ' +
    'dashed line: the threshold · shaded: where the gate fails';
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: gates`, limit: PLOT_WIDTH + LABEL_LIMIT },
    description: alt,
    width: PLOT_WIDTH,
    height: { step: ROW_STEP_FEW + 4 },
    layer: [
      {
        data: { values: zones },
        mark: { type: 'rect', color: COLORS.threshold, opacity: 0.12 },
        encoding: { y, x: x('from'), x2: { field: 'to' } },
      },
      {
        data: { values: ticks },
        mark: { type: 'tick', color: COLORS.threshold, thickness: 2, strokeDash: [4, 2] },
        encoding: { y, x: x('at') },
      },
      {
        data: { values: rows },
        mark: { type: 'rule', color: '#555', strokeWidth: 1.5 },
        encoding: { y, x: x('lo'), x2: { field: 'hi' } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 50, opacity: 1 },
        encoding: {
          y,
          x: x('value'),
          color: {
            field: 'status',
            type: 'nominal',
            scale: {
              domain: ['pass', 'fail', 'warn', 'insufficient_evidence'],
              range: [COLORS.pass, COLORS.fail, COLORS.warn, COLORS.warn],
            },
            legend: null,
          },
          shape: {
            field: 'status',
            type: 'nominal',
            scale: { domain: ['pass', 'fail', 'warn', 'insufficient_evidence'], range: ['circle', 'cross', 'triangle-up', 'square'] },
            legend: null,
          },
          tooltip: [
            { field: 'row', title: 'gate' },
            { field: 'value', title: 'value', format: '.3f' },
            { field: 'threshold', title: 'threshold' },
          ],
        },
      },
    ],
    config: CHART_CONFIG,
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}

/** The smallest of 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10 at or above `v`. */
function niceUp(v: number): number {
  for (const step of [0.05, 0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 5, 10]) if (v <= step) return step;
  return 10;
}
