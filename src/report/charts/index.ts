/**
 * Every chart of a report, as one list: which charts an axis gets, their file names, and their
 * Vega-Lite specs (data inline, so each stands alone as `charts/<name>.vl.json`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult } from '../../metrics/types.js';
import { setDeltas, setScores } from '../set-scores.js';
import type { AuditResults, SentenceRow } from '../types.js';
import { choroplethSpec, isCountryAxis } from './choropleth.js';
import { groupMeansSpec } from './dot-plot.js';
import { heatmapSpec } from './heatmap.js';
import { renderInWorker } from './renderer.js';
import { deltaStripSpec } from './strip.js';

export { startChartRenderer, stopChartRenderer } from './renderer.js';
export { groupMeansSpec } from './dot-plot.js';
export { choroplethSpec, isCountryAxis, placeGroups } from './choropleth.js';
export { heatmapSpec } from './heatmap.js';
export { deltaStripSpec } from './strip.js';

/** Kinds of chart, in the order a label's section shows them. */
export const CHART_KINDS = ['means', 'map', 'heatmap', 'deltas'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** One chart of the report. */
export interface Chart {
  /** File stem under charts/, unique in the report, safe in a path: `country-means`. */
  name: string;
  kind: ChartKind;
  /** Index into `results.axes`. */
  axis: number;
  /** The model label it shows. */
  label: string;
  spec: TopLevelSpec;
}

/**
 * The charts of every axis: for the audited label the dot plot, the map (country axes), the
 * template heatmap and the delta strip plot; for each other label its dot plot.
 */
export function buildCharts(results: AuditResults, sentences: readonly SentenceRow[]): Chart[] {
  const charts: Chart[] = [];
  const names = new Set<string>();
  const add = (axisIndex: number, label: LabelResult, kind: ChartKind, spec: TopLevelSpec, audited: boolean): void => {
    const axis = results.axes[axisIndex] as AxisResult;
    const base = [slug(axis.name) || `axis${axisIndex + 1}`, kind, ...(audited ? [] : [slug(label.label) || 'label'])].join('-');
    let name = base;
    for (let k = 2; names.has(name); k++) name = `${base}-${k}`;
    names.add(name);
    charts.push({ name, kind, axis: axisIndex, label: label.label, spec });
  };
  results.axes.forEach((axis, i) => {
    axis.labels.forEach((label, li) => {
      const audited = li === 0;
      add(i, label, 'means', groupMeansSpec(axis, label, results.bootstrap.confidence), audited);
      if (!audited) return;
      if (isCountryAxis(axis)) add(i, label, 'map', choroplethSpec(axis, label), true);
      const sets = setScores(axis, sentences, results.model.labels.indexOf(label.label));
      if (sets.length === 0) return;
      add(i, label, 'heatmap', heatmapSpec(axis, label, sets, results.templates), true);
      const deltas = setDeltas(sets, axis.reference);
      if (deltas.length > 0) add(i, label, 'deltas', deltaStripSpec(axis, label, deltas), true);
    });
  });
  return charts;
}

/**
 * Renders a Vega-Lite spec to an SVG string, in the chart renderer's worker thread (vega is
 * never loaded in the caller's thread). Deterministic: the same spec gives the same string.
 * Text is XML-escaped by vega's SVG writer. Data must be inline: a spec that tries to load
 * anything (data or image URL) is an error, never a silently empty chart.
 */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  return renderInWorker(spec);
}

/** Renders every chart to SVG (in the renderer's worker, one after another): chart name → SVG. */
export async function renderCharts(charts: readonly Chart[]): Promise<Map<string, string>> {
  const svgs = await Promise.all(charts.map((c) => renderInWorker(c.spec)));
  return new Map(charts.map((c, i) => [c.name, svgs[i] as string]));
}

/** A name reduced to letters, digits, `_` and `-`, for file names. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
