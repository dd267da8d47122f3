/**
 * Metrics as the reports show them, read generically from results (`axis.metrics`,
 * `labels[].metrics`, `labels[].groups[].metrics`) and described by the catalog: a metric the
 * metrics stage adds shows up in every report with no change here.
 */
import { METRICS, metricInfo, type MetricInfo } from '../metrics/catalog.js';
import type { AxisResult, LabelResult, MetricValue, TestResult } from '../metrics/types.js';
import { formatInterval, formatNumber, formatP } from './format.js';
import { sortedGroupMeans, compareText } from './group-means.js';

/** One metric value, formatted. */
export interface MetricCell {
  value: string;
  interval: string;
  /** Why there is no interval, when there is none. */
  ciReason?: string;
  n: string;
  method: string;
  /** Hypothesis tests, one line each: `paired_t: statistic 2.310, p 0.021 (Holm 0.084, BH 0.042)`. */
  tests: string[];
  /** The tests on one short line for dense tables: `paired_t p 0.021 (Holm 0.084) · wilcoxon p 0.031 (Holm 0.090)`. */
  testsBrief: string;
  flag?: string;
}

/** A metric of an axis or label, with what the catalog says of it. */
export interface MetricRow extends MetricCell {
  name: string;
  doc: string;
  /** The value meaning "no disparity", or "" for descriptive metrics. */
  ideal: string;
}

/** Catalog order first, then metrics the catalog does not know, by name. */
export function orderMetricNames(names: Iterable<string>): string[] {
  const catalog = METRICS.map((m) => m.name as string);
  const known = new Set(catalog);
  const present = new Set(names);
  return [...catalog.filter((n) => present.has(n)), ...[...present].filter((n) => !known.has(n)).sort(compareText)];
}

/** Formats one metric value. */
export function metricCell(m: MetricValue): MetricCell {
  return {
    value: formatNumber(m.value),
    interval: formatInterval(m.ci),
    ...(m.ci === null && m.ci_reason !== undefined ? { ciReason: m.ci_reason } : {}),
    n: String(m.n),
    method: m.method,
    tests: (m.tests ?? []).map(formatTest),
    testsBrief: (m.tests ?? []).map(briefTest).join(' · '),
    ...(m.flag !== undefined ? { flag: m.flag } : {}),
  };
}

/** One test as a line of text; a test that could not be computed says why. */
export function formatTest(t: TestResult): string {
  if (t.statistic === null || t.p === null) return `${t.name}: ${t.reason ?? 'not computed'}`;
  const adjusted = [t.p_holm !== undefined ? `Holm ${formatP(t.p_holm)}` : '', t.p_bh !== undefined ? `BH ${formatP(t.p_bh)}` : ''].filter(Boolean);
  return `${t.name}: statistic ${formatNumber(t.statistic)}, p ${formatP(t.p)}${adjusted.length > 0 ? ` (${adjusted.join(', ')})` : ''}`;
}

/** One test in a few characters: its p-value and Holm-adjusted p. */
function briefTest(t: TestResult): string {
  if (t.p === null) return `${t.name} n/a`;
  return `${t.name} p ${formatP(t.p)}${t.p_holm !== undefined ? ` (Holm ${formatP(t.p_holm)})` : ''}`;
}

function row(name: string, m: MetricValue): MetricRow {
  const info: MetricInfo | undefined = metricInfo(name);
  return { name, doc: info?.doc ?? '', ideal: info?.ideal == null ? '' : String(info.ideal), ...metricCell(m) };
}

/** The label's axis-level metrics (gap…), then the label-independent ones (flip_rate…). */
export function axisMetricRows(axis: AxisResult, label: LabelResult | undefined, withAxisMetrics: boolean): MetricRow[] {
  const labelMetrics = label?.metrics ?? {};
  const rows = orderMetricNames(Object.keys(labelMetrics)).map((n) => row(n, labelMetrics[n] as MetricValue));
  if (withAxisMetrics) rows.push(...orderMetricNames(Object.keys(axis.metrics)).map((n) => row(n, axis.metrics[n] as MetricValue)));
  return rows;
}

/** A table of every group metric of one label: one column per metric, one row per group. */
export interface GroupTable {
  columns: { name: string; doc: string }[];
  rows: { name: string; n: number; reference: boolean; cells: (MetricCell | undefined)[] }[];
}

/** Groups sorted by mean (highest first), with every metric any group has. */
export function groupTable(axis: AxisResult, label: LabelResult | undefined): GroupTable {
  const groups = label?.groups ?? [];
  const names = orderMetricNames(groups.flatMap((g) => Object.keys(g.metrics)));
  const order = new Map(sortedGroupMeans(label).map((g, i) => [g.name, i]));
  const sorted = [...groups].sort((a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity) || compareText(a.name, b.name));
  return {
    columns: names.map((name) => ({ name, doc: metricInfo(name)?.doc ?? '' })),
    rows: sorted.map((g) => ({
      name: g.name,
      n: g.n,
      reference: g.name === axis.reference,
      cells: names.map((n) => (Object.hasOwn(g.metrics, n) ? metricCell(g.metrics[n] as MetricValue) : undefined)),
    })),
  };
}
