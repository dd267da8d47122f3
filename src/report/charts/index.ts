/**
 * Every chart of a report, as one list: which charts an axis gets, their file names, their
 * Vega-Lite specs (data inline, so each stands alone as `charts/<name>.vl.json`), and what the
 * page says of each (a text alternative and a caption).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AuditResults, AxisResult, GateResult, SentenceRow } from '../../results/index.js';
import { breakdownsFor, breakdownsOf } from '../breakdowns.js';
import { groupMeans, meanOfMeans } from '../group-means.js';
import { setDeltas, setScores } from '../set-scores.js';
import { breakdownPanels, breakdownSpec } from './breakdown.js';
import { choroplethSpec, isCountryAxis } from './choropleth.js';
import { groupMeansSpec, type ChartSpec } from './dot-plot.js';
import { gatesSpec } from './gates.js';
import { heatmapCells, heatmapSpec } from './heatmap.js';
import { intersectionOf } from '../intersection.js';
import { intersectionSpec } from './intersection.js';
import { renderInWorker } from './renderer.js';
import { colorRule, isCompacted } from './rows.js';
import { deltaStripSpec } from './strip.js';

export { ChartError, startChartRenderer, stopChartRenderer } from './renderer.js';
export { groupMeansSpec, type ChartSpec } from './dot-plot.js';
export { choroplethSpec, isCountryAxis, placeGroups } from './choropleth.js';
export { heatmapCells, heatmapSpec } from './heatmap.js';
export { deltaStripSpec } from './strip.js';
export { gatesSpec } from './gates.js';
export { intersectionSpec } from './intersection.js';
export { breakdownPanels, breakdownSpec, BREAKDOWN_PANELS } from './breakdown.js';
export { chartRows, colorRule, type ColorRule } from './rows.js';
export { EXTREMES, FEW_GROUPS } from './theme.js';

/** Kinds of chart, in the order an axis's section shows them. */
export const CHART_KINDS = ['gates', 'intersection', 'means', 'map', 'heatmap', 'deltas', 'breakdown'] as const;
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
  /** Text alternative, with the chart's key numbers. */
  alt: string;
  /** What the marks mean, shown under the chart. */
  caption: string;
  /** Every group of a many-group axis: the compact chart's full version, shown one click away. */
  full?: boolean;
  /** For a breakdown: the filler (or "template") it breaks the axis down by. */
  by?: string;
}

/** The gates that concern an axis and label: those on the axis naming that label, or the audited one by default. */
export function gatesOn(results: AuditResults, axis: AxisResult, label: string): GateResult[] {
  return results.gates.filter((g) => g.axis === axis.name && (g.label ?? results.model.audited_label) === label);
}

/**
 * The charts of every axis: its gates; for the audited label the dot plot, the map (country
 * axes), the template heatmap, the delta strip plot, the intersection view (combinations) and
 * the small multiples of each breakdown — each of a many-group axis also in full; for every
 * other label its dot plot.
 */
export function buildCharts(results: AuditResults, sentences: readonly SentenceRow[]): Chart[] {
  const charts: Chart[] = [];
  const names = new Set<string>();
  const breakdowns = breakdownsOf(results);
  const groupsOf = new Map(
    results.axes.filter((a) => a.axes.length === 1).map((a) => [a.name, groupMeans(a.labels[0]).map((g) => g.name)]),
  );
  const add = (
    axisIndex: number,
    label: string,
    kind: ChartKind,
    chart: ChartSpec | undefined,
    suffix: string[] = [],
    extra: Partial<Chart> = {},
  ): void => {
    if (chart === undefined) return;
    const axis = results.axes[axisIndex] as AxisResult;
    const base = [slug(axis.name) || `axis${axisIndex + 1}`, kind, ...suffix].join('-');
    let name = base;
    for (let k = 2; names.has(name); k++) name = `${base}-${k}`;
    names.add(name);
    charts.push({ name, kind, axis: axisIndex, label, ...chart, ...extra });
  };
  results.axes.forEach((axis, i) => {
    const audited = axis.labels[0]?.label ?? results.model.audited_label;
    add(
      i,
      audited,
      'gates',
      gatesSpec(
        axis,
        results.gates.filter((g) => g.axis === axis.name),
      ),
    );
    axis.labels.forEach((label, li) => {
      const gates = gatesOn(results, axis, label.label);
      const many = isCompacted(label.groups.length);
      // The full version of a compact chart, one click away: of the dot plot and the heatmap of a
      // single axis (a combination's full view is its intersection chart), never of the strip
      // plot (the full dot plot has every group's difference from the reference line).
      const both = (kind: ChartKind, make: (full: boolean) => ChartSpec | undefined) => {
        add(i, label.label, kind, make(false));
        if (many && li === 0 && axis.axes.length === 1 && kind !== 'deltas') add(i, label.label, kind, make(true), ['all'], { full: true });
      };
      if (li > 0) {
        add(i, label.label, 'means', groupMeansSpec(axis, label, results.bootstrap.confidence, gates), [slug(label.label) || 'label']);
        return;
      }
      // A combination reads best split (female and male side by side per country): that view first.
      const x = intersectionOf(axis, label, groupsOf);
      if (x && x.rows.length > 0) {
        add(i, label.label, 'intersection', intersectionSpec(axis, label, x, false));
        if (isCompacted(x.rows.length))
          add(i, label.label, 'intersection', intersectionSpec(axis, label, x, true), ['all'], { full: true });
      }
      both('means', (full) => groupMeansSpec(axis, label, results.bootstrap.confidence, gates, full));
      const sets = setScores(axis, sentences, results.model.labels.indexOf(label.label));
      const cells = sets.length > 0 ? heatmapCells(label, sets, results.templates) : [];
      const mid = meanOfMeans(groupMeans(label)) ?? 0.5;
      const rule = colorRule(Number.isFinite(mid) ? Math.min(1, Math.max(0, mid)) : 0.5, [
        ...cells.map((c) => c.mean),
        ...groupMeans(label).map((g) => g.mean),
      ]);
      if (isCountryAxis(axis)) add(i, label.label, 'map', choroplethSpec(axis, label, rule));
      if (sets.length > 0) {
        both('heatmap', (full) => heatmapSpec(axis, label, cells, rule, full));
        const deltas = setDeltas(sets, axis.reference);
        if (deltas.length > 0) both('deltas', (full) => deltaStripSpec(axis, label, deltas, gates, full));
      }
      for (const by of breakdownsFor(breakdowns, axis.name)) {
        const panels = breakdownPanels(breakdowns, by, axis.name);
        if (panels.length > 0)
          add(i, label.label, 'breakdown', breakdownSpec(axis.name, by, label.label, panels), [slug(by) || 'by'], { by });
      }
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
