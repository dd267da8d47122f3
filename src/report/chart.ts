/**
 * Charts: Vega-Lite specs built from results, and static SVG rendered from them in Node (no
 * canvas, no browser, no network). Each spec carries its data inline, so it stands alone.
 */
import { groupMeans } from './group-means.js';
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AxisResult } from '../metrics/types.js';
import { formatNumber, formatPercent, NOT_AVAILABLE } from './format.js';

/** The one font family of every chart; the width table below approximates it. */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

/** Height of one group's row, in px: a 197-country axis is ~2400 px tall and still legible. */
const ROW_STEP = 12;
/** Row height of a short axis (a handful of groups), where there is room to breathe. */
const ROW_STEP_FEW = 18;
/** Up to this many groups, rows are `ROW_STEP_FEW` high and the x axis is drawn once. */
const FEW_GROUPS = 30;
const PLOT_WIDTH = 600;

/**
 * Advance widths of Helvetica / Arial for the printable ASCII characters U+0020..U+007E, in
 * 1/1000 em (the Adobe Helvetica AFM metrics; Arial shares them).
 */
// prettier-ignore
const ASCII_WIDTHS: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //  !"#$%&'()*+,-./
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 :;<=>?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [\]^_
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z {|}~
];
/** Width of a character not in the table (after accents are stripped), e.g. a digit-wide glyph. */
const DEFAULT_WIDTH = 556;
/** Bold Helvetica is about this much wider on average. */
const BOLD_FACTOR = 1.07;

/** Width of `text` in em, from the table; accented Latin letters count as their base letter. */
function emWidth(text: string): number {
  let total = 0;
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x300 && code <= 0x36f) continue; // combining accent: no advance of its own
    const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
    // CJK and other wide scripts take about a full em.
    total += ascii ?? (code >= 0x1100 ? 1000 : DEFAULT_WIDTH);
  }
  return total / 1000;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Text width in px, as vega lays out labels and titles. Mirrors vega's own estimate (11 px
 * default size, trimmed text, a truncated label never wider than its `limit`).
 */
function textWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const str = text == null ? '' : String(text).trim();
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const width = emWidth(str) * size * (bold ? BOLD_FACTOR : 1);
  return item.limit != null && item.limit > 0 ? Math.min(width, item.limit) : width;
}

// Without the `canvas` package vega estimates every character as 0.8 em, about 1.5× too wide:
// axes reserve far too much room for labels and long names are cut early. vega exposes the
// hook `textMetrics.width` (not in its typings) for exactly this; it is a process-wide setting,
// so it is set once, here, at module load, and never reset.
const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text: unknown) => number } })
  .textMetrics;
if (metrics === undefined) throw new Error('vega no longer exports textMetrics: update src/report/chart.ts');
metrics.width = textWidth;

/** One row of the group-means chart. */
interface GroupDatum {
  group: string;
  rank: number;
  n: number;
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Dot plot of each group's mean probability of the audited label with its interval as a
 * horizontal whisker, groups sorted by mean (highest first), and a vertical rule at the mean of
 * the group means. Height grows with the number of groups (one 12 px row each).
 *
 * @param confidence level of the group intervals (e.g. 0.95), named in the subtitle when given.
 */
export function groupMeansSpec(axis: AxisResult, audited_label: string, confidence?: number): TopLevelSpec {
  const sorted = groupMeans(axis).sort((a, b) => b.mean - a.mean || compareText(a.name, b.name));
  const values: GroupDatum[] = sorted.map((g, rank) => ({
    group: g.name,
    rank,
    n: g.n,
    mean: g.mean,
    lo: g.ci?.[0] ?? g.mean,
    hi: g.ci?.[1] ?? g.mean,
  }));
  // Unweighted mean over groups; an axis without groups gets no rule.
  const overall = sorted.length > 0 ? sorted.reduce((s, g) => s + g.mean, 0) / sorted.length : undefined;
  const few = values.length <= FEW_GROUPS;
  const interval = confidence === undefined ? 'interval' : `${formatPercent(confidence)} interval`;
  const y = {
    field: 'group',
    type: 'nominal',
    // Sorting by a rank field (not an explicit list of names) keeps untrusted names out of the
    // expressions vega-lite generates, and breaks ties between equal means by name.
    sort: { field: 'rank', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: 220, labelPadding: 4, ticks: false, domain: false },
  } as const;
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } });
  // Ticks every 0.1: vega's default at this width is every 0.05, whose labels collide.
  const xAxis = { tickCount: 10, labelFlush: true } as const;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${axis.name}: P(${audited_label}) by group`,
      subtitle: `dot: group mean · whisker: ${interval} · dashed line: mean of group means (${overall === undefined ? NOT_AVAILABLE : formatNumber(overall)})`,
      anchor: 'start',
    },
    description: `Mean probability of ${audited_label} for each of the ${values.length} groups of axis ${axis.name}.`,
    width: PLOT_WIDTH,
    height: { step: few ? ROW_STEP_FEW : ROW_STEP },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#4c78a8', strokeWidth: 1.5 },
        encoding: {
          y,
          x: { ...x('lo'), title: 'interval low', axis: { ...xAxis, orient: 'top', title: `P(${audited_label})` } },
          x2: { field: 'hi', title: 'interval high' },
        },
      },
      {
        mark: { type: 'point', filled: true, color: '#1f3b5c', size: 24, opacity: 1 },
        // A long chart (197 groups: ~2400 px) repeats the scale at the bottom.
        encoding: { y, x: { ...x('mean'), axis: few ? null : { ...xAxis, orient: 'bottom', title: `P(${audited_label})` } } },
      },
      {
        data: { values: overall === undefined ? [] : [{ overall }] },
        mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x: { ...x('overall'), title: 'mean of group means', axis: null } },
      },
    ],
    // One x scale, drawn as two axes (top and bottom).
    resolve: { axis: { x: 'independent' } },
    config: {
      font: CHART_FONT,
      background: 'white',
      padding: 8,
      view: { stroke: '#ddd' },
      axis: { labelFontSize: 10, titleFontSize: 11, labelColor: '#333', titleColor: '#333', gridColor: '#eee' },
      axisY: { grid: true },
      title: { fontSize: 13, subtitleFontSize: 10, subtitleColor: '#555', offset: 8 },
    },
  };
}

/**
 * Renders a Vega-Lite spec to an SVG string in Node. Deterministic: the same spec gives the same
 * string. Text is XML-escaped by vega's SVG writer. Data must be inline: a spec that tries to
 * load anything (data or image URL) is an error, never a silently empty chart.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const refused: string[] = [];
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader(refused) });
  try {
    // Clip and gradient ids come from counters global to the process: start them afresh so
    // the same spec always gives the same string...
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    // vega only logs a failed load and draws without the data.
    if (refused.length > 0) throw new Error(`chart tried to load ${refused.map((u) => JSON.stringify(u)).join(', ')}: only inline data is allowed`);
    // ...and make them unique per chart, since several SVGs share one HTML document.
    return scopeDefIds(svg);
  } finally {
    view.finalize();
  }
}

/** Prefixes vega's `clipN` / `gradient_N` ids with a hash of the SVG, so charts never collide. */
function scopeDefIds(svg: string): string {
  const ids = /\bid="((?:clip|gradient_)\d+)"/g;
  if (!ids.test(svg)) return svg;
  const prefix = `cf${createHash('sha256').update(svg).digest('hex').slice(0, 8)}-`;
  return svg
    .replace(ids, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#((?:clip|gradient_)\d+)\)/g, (_m, id: string) => `url(#${prefix}${id})`);
}

/** A loader that loads nothing (charts render offline from inline data) and notes what was asked. */
function noLoader(refused: string[]): vega.Loader {
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new Error(`loading ${JSON.stringify(uri)} is not allowed`));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** Locale-independent string order, so the same input sorts the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
