/**
 * Small multiples of a breakdown: an axis's results computed again within each value of a filler
 * or each template (results.breakdowns), one small dot plot per value, the values with the
 * largest gap first, so "does the gender gap hold for every occupation?" is one glance.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult } from '../../results/index.js';
import { formatInterval, formatNumber } from '../format.js';
import { sortedGroupMeans } from '../group-means.js';
import type { Breakdown } from '../breakdowns.js';
import { clamp01, type ChartSpec } from './dot-plot.js';
import { CHART_CONFIG, COLORS, VEGA_LITE_SCHEMA } from './theme.js';

/** At most this many panels; the other values are listed in the table below the chart. */
export const BREAKDOWN_PANELS = 12;
/** A panel of more groups shows its highest and lowest this many. */
const PANEL_ENDS = 5;

/** One value of a breakdown for one axis: its result, and its gap (audited label). */
export interface BreakdownPanel {
  value: string;
  axis: AxisResult;
  gap: number | undefined;
  gapCi: [number, number] | null;
}

/** The panels of breakdown `by` for the axis named `axisName`, the largest gap first. */
export function breakdownPanels(breakdowns: readonly Breakdown[], by: string, axisName: string): BreakdownPanel[] {
  return breakdowns
    .filter((b) => b.by === by)
    .flatMap((b) => {
      const axis = b.axes.find((a) => a.name === axisName);
      const gap = axis?.labels[0]?.metrics['gap'];
      return axis ? [{ value: b.value, axis, gap: gap?.value, gapCi: gap?.ci ?? null }] : [];
    })
    .sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Small multiples of `panels` (the first `BREAKDOWN_PANELS`). */
export function breakdownSpec(axisName: string, by: string, labelName: string, panels: readonly BreakdownPanel[]): ChartSpec {
  const shown = panels.slice(0, BREAKDOWN_PANELS);
  const values = shown.flatMap((p, panelPos) => {
    const groups = sortedGroupMeans(p.axis.labels[0]);
    const kept = groups.length <= 2 * PANEL_ENDS + 2 ? groups : [...groups.slice(0, PANEL_ENDS), ...groups.slice(-PANEL_ENDS)];
    const panel = `${p.value} · gap ${gapText(p.gap)}`;
    return kept.map((g, pos) => ({
      panel,
      panelPos,
      group: g.name,
      pos,
      mean: clamp01(g.mean),
      lo: clamp01(g.ci?.[0] ?? g.mean),
      hi: clamp01(g.ci?.[1] ?? g.mean),
      reference: g.name === p.axis.reference,
    }));
  });
  const y = {
    field: 'group',
    type: 'nominal',
    sort: { field: 'pos', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: 90, ticks: false, domain: false },
  } as const;
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } });
  const first = panels[0];
  const last = panels[panels.length - 1];
  const alt =
    first && last
      ? `Small multiples of ${axisName} within each ${by}: ${shown.length} of ${panels.length} values, largest gap first: ` +
        `${first.value} (gap ${gapText(first.gap)} ${formatInterval(first.gapCi)}) to ${last.value} (gap ${gapText(last.gap)}).`
      : `Small multiples of ${axisName} by ${by}: none.`;
  const caption = [
    `one panel per ${by}, the largest gap of P(${labelName}) first`,
    'dot: group mean · whisker: interval · orange: the reference group',
    ...(panels.length > shown.length
      ? [`the ${shown.length} ${by} values with the largest gap of ${panels.length}; all are in the table below`]
      : []),
  ].join(' · ');
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axisName} by ${by}`, limit: 520 },
    description: alt,
    data: { values },
    facet: {
      field: 'panel',
      type: 'nominal',
      sort: { field: 'panelPos', op: 'min', order: 'ascending' },
      title: null,
      header: { labelLimit: 160, labelFontSize: 11, labelAnchor: 'start' },
    },
    columns: 3,
    spec: {
      width: 150,
      height: { step: 14 },
      layer: [
        {
          mark: { type: 'rule', color: COLORS.interval, strokeWidth: 2 },
          encoding: { y, x: { ...x('lo'), axis: { tickCount: 3, title: null } }, x2: { field: 'hi' } },
        },
        {
          mark: { type: 'point', filled: true, size: 26, opacity: 1 },
          encoding: {
            y,
            x: x('mean'),
            color: { condition: { test: 'datum.reference', value: COLORS.reference }, value: COLORS.point },
            tooltip: [
              { field: 'panel', title: by },
              { field: 'group', title: 'group' },
              { field: 'mean', title: 'mean', format: '.3f' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
    config: CHART_CONFIG,
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}

function gapText(gap: number | undefined): string {
  return gap === undefined ? 'n/a' : formatNumber(gap);
}
