/** What every chart shares: font, sizes, colours and the Vega-Lite config. */
import type { Config } from 'vega-lite';

/** The one font family of every chart; the width table in render.ts approximates it. */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

/** Height of one group's row, in px: a 197-country axis is ~2400 px tall and still legible. */
export const ROW_STEP = 12;
/** Row height of a short axis (a handful of groups), where there is room to breathe. */
export const ROW_STEP_FEW = 18;
/** Up to this many groups, rows are `ROW_STEP_FEW` high and the x axis is drawn once. */
export const FEW_GROUPS = 30;
/** Width of the plotting area of the dot and strip plots. */
export const PLOT_WIDTH = 600;
/** Longest group label drawn, in px; longer names are cut with an ellipsis. */
export const LABEL_LIMIT = 220;

export const COLORS = {
  interval: '#4c78a8',
  point: '#1f3b5c',
  reference: '#e8730c',
  overall: '#c0392b',
  missing: '#d3d7dc',
} as const;

/** Row height for an axis with `groups` rows. */
export function rowStep(groups: number): number {
  return groups <= FEW_GROUPS ? ROW_STEP_FEW : ROW_STEP;
}

/** The Vega-Lite config of every chart. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 10, titleFontSize: 11, labelColor: '#333', titleColor: '#333', gridColor: '#eee' },
  axisY: { grid: true },
  legend: { labelFontSize: 10, titleFontSize: 11 },
  title: { fontSize: 13, subtitleFontSize: 10, subtitleColor: '#555', offset: 8, anchor: 'start' },
};

/** The `$schema` every standalone spec names, so the Vega editor opens it. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
