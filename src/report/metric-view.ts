/**
 * Metrics as the reports show them, read generically from results (`axis.metrics`,
 * `labels[].metrics`, `labels[].groups[].metrics`) and described by the catalog: a metric the
 * metrics stage adds shows up in every report with no change here.
 */
import { METRICS, metricInfo, type MetricInfo } from '../metrics/index.js';
import type { AxisResult, LabelResult, MetricValue, TestResult } from '../results/index.js';
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
  const adjusted = [t.p_holm !== undefined ? `Holm ${formatP(t.p_holm)}` : '', t.p_bh !== undefined ? `BH ${formatP(t.p_bh)}` : ''].filter(
    Boolean,
  );
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

/**
 * The one significance call each group gets: its per-set differences from the reference group
 * (the `delta` metric's tests) by the sign-flip permutation test — exact for up to 20 sets, no
 * assumption of normality — with p adjusted across the axis's groups by Benjamini–Hochberg, so
 * that among the groups called different at most 5% are expected to be false calls. The other
 * tests (paired t, Wilcoxon) and adjustments (Holm) are shown one click away.
 */
export const PRIMARY_TEST = {
  metric: 'delta',
  test: 'sign_flip',
  adjustment: 'p_bh',
  alpha: 0.05,
  text:
    'A group is called higher or lower than the reference group when the sign-flip permutation test of its per-set differences from ' +
    'the reference, Benjamini–Hochberg adjusted across the groups of its axis (a 5% false discovery rate), gives p < 0.05. ' +
    'Other tests and adjustments are under “All tests”.',
} as const;

/** A group's significance call. */
export interface GroupCall {
  /** higher, lower, no-evidence, reference or unknown: also the cell's CSS class. */
  kind: 'higher' | 'lower' | 'no-evidence' | 'reference' | 'unknown';
  text: string;
  /** The adjusted p the call rests on, formatted. */
  p: string;
}

/** The call of a group from its delta metric (see `PRIMARY_TEST`). */
export function groupCall(delta: MetricValue | undefined, reference: boolean): GroupCall {
  if (reference) return { kind: 'reference', text: 'reference', p: '' };
  const test = delta?.tests?.find((t) => t.name === PRIMARY_TEST.test);
  const p = test?.[PRIMARY_TEST.adjustment];
  if (delta === undefined || test === undefined || p === undefined || !Number.isFinite(p))
    return { kind: 'unknown', text: 'n/a', p: test?.reason ?? '' };
  if (p >= PRIMARY_TEST.alpha) return { kind: 'no-evidence', text: 'no evidence', p: formatP(p) };
  return delta.value >= 0 ? { kind: 'higher', text: 'higher', p: formatP(p) } : { kind: 'lower', text: 'lower', p: formatP(p) };
}

/** A table of one label's groups: mean, difference from the reference with its call, then every other group metric. */
export interface GroupTable {
  /** Group metrics besides mean and delta, with what the catalog says of them. */
  columns: { name: string; doc: string }[];
  /** Whether any group has a delta (an axis of one group has none). */
  hasDelta: boolean;
  rows: {
    name: string;
    n: number;
    reference: boolean;
    mean?: MetricCell;
    delta?: MetricCell;
    call: GroupCall;
    cells: (MetricCell | undefined)[];
  }[];
  /** The names of the tests found, in order: the columns of the "All tests" table. */
  tests: string[];
  /** Per group (not the reference): each test's p, Holm and BH, formatted. */
  testRows: { name: string; cells: string[] }[];
  /** Said when the primary test cannot reach significance with so few sets, whatever the data. */
  powerNote?: string;
}

/** Groups sorted by mean (highest first), with every metric any group has. */
export function groupTable(axis: AxisResult, label: LabelResult | undefined): GroupTable {
  const groups = label?.groups ?? [];
  const names = orderMetricNames(groups.flatMap((g) => Object.keys(g.metrics))).filter((n) => n !== 'mean' && n !== 'delta');
  const order = new Map(sortedGroupMeans(label).map((g, i) => [g.name, i]));
  const sorted = [...groups].sort(
    (a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity) || compareText(a.name, b.name),
  );
  const cell = (g: (typeof groups)[number], n: string) =>
    Object.hasOwn(g.metrics, n) ? metricCell(g.metrics[n] as MetricValue) : undefined;
  const tests = [...new Set(sorted.flatMap((g) => (g.metrics['delta']?.tests ?? []).map((t) => t.name)))];
  // The exact sign-flip test of n differences cannot give p below 2 / 2^n (all signs alike).
  const sets = Math.max(0, ...sorted.map((g) => g.metrics['delta']?.n ?? 0));
  const floor = sets > 0 ? 2 / 2 ** sets : 1;
  const powerNote =
    tests.includes(PRIMARY_TEST.test) && floor >= PRIMARY_TEST.alpha
      ? `With ${sets} set${sets === 1 ? '' : 's'} the sign-flip test cannot give p below ${formatP(Math.min(1, floor))}, so no group ` +
        'can be called higher or lower, whatever the differences: more templates (more sets) give the test its power.'
      : undefined;
  return {
    columns: names.map((name) => ({ name, doc: metricInfo(name)?.doc ?? '' })),
    hasDelta: sorted.some((g) => Object.hasOwn(g.metrics, 'delta')),
    rows: sorted.map((g) => {
      const mean = cell(g, 'mean');
      const delta = cell(g, 'delta');
      return {
        name: g.name,
        n: g.n,
        reference: g.name === axis.reference,
        ...(mean ? { mean } : {}),
        ...(delta ? { delta } : {}),
        call: groupCall(g.metrics['delta'], g.name === axis.reference),
        cells: names.map((n) => cell(g, n)),
      };
    }),
    tests,
    testRows: sorted
      .filter((g) => g.metrics['delta']?.tests !== undefined)
      .map((g) => ({
        name: g.name,
        cells: tests.map((name) => {
          const t = g.metrics['delta']?.tests?.find((x) => x.name === name);
          if (!t) return '';
          if (t.p === null) return t.reason ?? 'not computed';
          return [
            `p ${formatP(t.p)}`,
            t.p_holm !== undefined ? `Holm ${formatP(t.p_holm)}` : '',
            t.p_bh !== undefined ? `BH ${formatP(t.p_bh)}` : '',
          ]
            .filter(Boolean)
            .join(' · ');
        }),
      })),
    ...(powerNote ? { powerNote } : {}),
  };
}
