/**
 * Comparing two runs of the same audit (model A vs model B, or before vs after a fix): the
 * change in every metric both runs have, with an interval, and whether it regressed. Pure.
 */
import { metricInfo } from '../metrics/catalog.js';
import type { AxisResult, Interval, MetricValue } from '../metrics/types.js';
import type { AuditResults } from '../report/types.js';

/** One metric present in both runs. */
export interface MetricChange {
  axis: string;
  /** Model label, for label and group metrics. */
  label?: string;
  /** Group, for group metrics. */
  group?: string;
  metric: string;
  scope: 'axis' | 'label' | 'group';
  baseline: MetricValue;
  candidate: MetricValue;
  /** candidate − baseline. */
  change: number;
  /** Interval of the change (see `changeInterval`); null when either run has none. */
  ci: Interval | null;
  /** The value meaning "no disparity", from the catalog; null for descriptive metrics. */
  ideal: number | null;
  /**
   * How much further from `ideal` the candidate is than the baseline (negative: closer);
   * null for descriptive metrics, which are shown but never judged.
   */
  worsening: number | null;
  /** worsening > the allowed regression. */
  regressed: boolean;
}

/** The outcome of a comparison. */
export interface Comparison {
  baseline: RunRef;
  candidate: RunRef;
  maxRegression: number;
  changes: MetricChange[];
  /** True when no change regressed. */
  passed: boolean;
  /** Axes, labels or metrics only one run has (compared runs may differ there). */
  notShared: string[];
}

/** What identifies a run in a comparison. */
export interface RunRef {
  file: string;
  name: string;
  model: string;
  fingerprint: string;
  created_at: string;
}

/**
 * Why two runs cannot be compared: they must audit the same thing (the same templates, axes
 * and groups, and audited label). Model, seed and bootstrap settings may differ.
 * @returns one line per difference; empty when comparable.
 */
export function incomparability(a: AuditResults, b: AuditResults): string[] {
  const problems: string[] = [];
  const templates = (r: AuditResults) => JSON.stringify(r.templates.map((t) => [t.id, t.text, t.text_pair ?? null, t.axes]));
  if (templates(a) !== templates(b)) problems.push('the templates differ');
  const axisKey = (x: AxisResult) => JSON.stringify([x.axes, x.lexicons, [...(x.labels[0]?.groups ?? []).map((g) => g.name)].sort()]);
  const axes = (r: AuditResults) => new Map(r.axes.map((x) => [x.name, axisKey(x)]));
  const ax = axes(a);
  const bx = axes(b);
  for (const [name, key] of ax) {
    if (!bx.has(name)) problems.push(`axis ${JSON.stringify(name)} is only in the baseline`);
    else if (bx.get(name) !== key) problems.push(`axis ${JSON.stringify(name)} has other groups or lexicons`);
  }
  for (const name of bx.keys()) if (!ax.has(name)) problems.push(`axis ${JSON.stringify(name)} is only in the candidate`);
  if (a.model.audited_label !== b.model.audited_label) problems.push(`the audited labels differ (${JSON.stringify(a.model.audited_label)} vs ${JSON.stringify(b.model.audited_label)})`);
  return problems;
}

/**
 * The interval of a difference of two independent estimates from their own intervals (MOVER,
 * the method of variance estimates recovery: Newcombe 1998; Zou & Donner 2008):
 *   lo = d − sqrt((c − c_lo)² + (b_hi − b)²),  hi = d + sqrt((c_hi − c)² + (b − b_lo)²),  d = c − b.
 * Treating the runs as independent is conservative when they share sentences (their errors are
 * positively correlated), so the interval is, if anything, too wide.
 */
export function changeInterval(baseline: MetricValue, candidate: MetricValue): Interval | null {
  if (baseline.ci === null || candidate.ci === null) return null;
  const [blo, bhi] = baseline.ci;
  const [clo, chi] = candidate.ci;
  const d = candidate.value - baseline.value;
  return [d - Math.hypot(candidate.value - clo, bhi - baseline.value), d + Math.hypot(chi - candidate.value, baseline.value - blo)];
}

/**
 * Compares every metric the two runs share.
 * @param maxRegression how much further from its ideal value a metric may move before the
 * comparison fails (0: any worsening fails).
 */
export function compareResults(baseline: { file: string; results: AuditResults }, candidate: { file: string; results: AuditResults }, maxRegression: number): Comparison {
  const changes: MetricChange[] = [];
  const notShared: string[] = [];
  const add = (where: Omit<MetricChange, 'baseline' | 'candidate' | 'change' | 'ci' | 'ideal' | 'worsening' | 'regressed'>, b: MetricValue, c: MetricValue) => {
    const ideal = metricInfo(where.metric)?.ideal ?? null;
    const worsening = ideal === null ? null : Math.abs(c.value - ideal) - Math.abs(b.value - ideal);
    changes.push({ ...where, baseline: b, candidate: c, change: c.value - b.value, ci: changeInterval(b, c), ideal, worsening, regressed: worsening !== null && worsening > maxRegression });
  };
  const pairUp = <T>(a: Record<string, T>, b: Record<string, T>, where: string, each: (name: string, x: T, y: T) => void) => {
    for (const name of Object.keys(a)) {
      if (Object.hasOwn(b, name)) each(name, a[name] as T, b[name] as T);
      else notShared.push(`${name} ${where}: only in the baseline`);
    }
    for (const name of Object.keys(b)) if (!Object.hasOwn(a, name)) notShared.push(`${name} ${where}: only in the candidate`);
  };
  const candidateAxes = new Map(candidate.results.axes.map((x) => [x.name, x]));
  for (const axis of baseline.results.axes) {
    const other = candidateAxes.get(axis.name);
    if (!other) continue;
    pairUp(axis.metrics, other.metrics, `on ${axis.name}`, (metric, b, c) => add({ axis: axis.name, metric, scope: 'axis' }, b, c));
    const otherLabels = new Map(other.labels.map((l) => [l.label, l]));
    for (const label of axis.labels) {
      const ol = otherLabels.get(label.label);
      if (!ol) {
        notShared.push(`label ${label.label} on ${axis.name}: only in the baseline`);
        continue;
      }
      pairUp(label.metrics, ol.metrics, `on ${axis.name} (${label.label})`, (metric, b, c) => add({ axis: axis.name, label: label.label, metric, scope: 'label' }, b, c));
      const otherGroups = new Map(ol.groups.map((g) => [g.name, g]));
      for (const group of label.groups) {
        const og = otherGroups.get(group.name);
        if (og) pairUp(group.metrics, og.metrics, `on ${axis.name} / ${group.name} (${label.label})`, (metric, b, c) => add({ axis: axis.name, label: label.label, group: group.name, metric, scope: 'group' }, b, c));
      }
    }
  }
  return {
    baseline: ref(baseline.file, baseline.results),
    candidate: ref(candidate.file, candidate.results),
    maxRegression,
    changes,
    passed: !changes.some((c) => c.regressed),
    notShared,
  };
}

function ref(file: string, r: AuditResults): RunRef {
  return { file, name: r.name, model: r.model.source, fingerprint: r.model.fingerprint, created_at: r.created_at };
}
