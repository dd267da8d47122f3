/** What every chart shares: font, sizes, colours and the Vega-Lite config. */
import type { Config } from 'vega-lite';

/** The one font family of every chart; the width table in render.ts approximates it. */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

/** Height of one group's row, in px: a 197-country axis is ~2400 px tall and still legible. */
export const ROW_STEP = 12;
/** Row height of a short axis (a handful of groups), where there is room to breathe. */
export const ROW_STEP_FEW = 18;
/**
 * Up to this many groups an axis is drawn whole. Beyond, its charts show the `EXTREMES` highest
 * and lowest groups (and the reference), and the whole chart is one click away.
 */
export const FEW_GROUPS = 30;
/** How many groups of each end a chart of a many-group axis shows: the top 10 and the bottom 10. */
export const EXTREMES = 10;
/** Width of the plotting area of the dot and strip plots. */
export const PLOT_WIDTH = 360;
/** Longest group label drawn, in px; longer names are cut with an ellipsis. */
export const LABEL_LIMIT = 160;

/**
 * Colours, colour-blind safe (Okabe & Ito 2008): no two roles that must be told apart differ
 * by red against green alone, and every role also differs by shape, dash or position.
 */
export const COLORS = {
  interval: '#56b4e9',
  point: '#0072b2',
  reference: '#e69f00',
  overall: '#444444',
  /** Gate thresholds and the zone where a gate fails. */
  threshold: '#d55e00',
  missing: '#d3d7dc',
  pass: '#009e73',
  fail: '#d55e00',
  warn: '#e69f00',
} as const;

/** Colours of groups drawn side by side (intersections, breakdowns), in order; shapes differ too. */
export const SIDE_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'] as const;
export const SIDE_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'stroke'] as const;

/**
 * The diverging scheme of every diverging colour scale (heatmap, map): ColorBrewer's RdBu, safe
 * for the common colour-vision deficiencies; red below the white point, blue above.
 */
export const DIVERGING_SCHEME = 'redblue';

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
  axis: { labelFontSize: 11, titleFontSize: 11, labelColor: '#333', titleColor: '#333', gridColor: '#eee' },
  axisY: { grid: true },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 13, offset: 8, anchor: 'start' },
};

/** The `$schema` every standalone spec names, so the Vega editor opens it. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
