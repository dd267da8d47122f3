/**
 * Comparing two runs of the same audit (model A vs model B, or before vs after a fix): the
 * change in every metric both runs have, with an interval, and whether it regressed. Pure.
 *
 * The rule: a metric with a no-disparity value (0 for a gap, 1 for a ratio) regresses when it
 * moved further from that value than the allowance (`maxRegression`) AND the interval of its
 * change excludes 0 — a worsening the two runs' own uncertainty could explain is not a
 * regression. `rule: 'estimate'` judges the estimates alone (the interval is ignored); so is a
 * change without an interval (either run has none). Descriptive metrics (group means) are
 * shown, never judged.
 */
import { metricInfo } from '../metrics/index.js';
import type { AuditResults, AxisResult, Interval, MetricValue } from '../results/index.js';

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
  /** worsening > the allowed regression, and (by the interval rule) the interval of change excludes 0. */
  regressed: boolean;
  /** Whether the change is real: its interval excludes 0 (or, without one or by the estimate rule, it is not 0). */
  changed: boolean;
  /**
   * What the change means: regressed, worse (within the allowance, or not beyond the
   * uncertainty), better, unchanged, or changed (a descriptive metric).
   */
  status: ChangeStatus;
}

/** What a change means, from the rule. */
export type ChangeStatus = 'regressed' | 'worse' | 'better' | 'unchanged' | 'changed';

/** How regressions are judged: by the estimate and the interval of change (default), or by the estimate alone. */
export type RegressionRule = 'interval' | 'estimate';

/** Options of a comparison. */
export interface CompareOptions {
  /** How much further from its no-disparity value a metric may move (0: any worsening counts). */
  maxRegression: number;
  /** `interval` (default): a worsening counts only when the interval of change excludes 0. */
  rule?: RegressionRule;
}

/** Which sets were compared, when the runs' templates differ (both runs recomputed on the sets they share). */
export interface SetsCompared {
  shared: number;
  baselineOnly: number;
  candidateOnly: number;
  /** Templates (their text) whose sets only one run has. */
  templatesOnlyIn: { baseline: string[]; candidate: string[] };
}

/** The outcome of a comparison. */
export interface Comparison {
  baseline: RunRef;
  candidate: RunRef;
  maxRegression: number;
  rule: RegressionRule;
  /** Present when the templates differ: the runs were compared on the sets they share. */
  sets?: SetsCompared;
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
 * Why two runs cannot be compared: an axis both have must have the same groups and lexicons, and
 * the audited label must be the same. Templates may differ (the runs are then compared on the
 * sets they share), and so may the model, seed and bootstrap settings; an axis only one run has
 * is left out.
 * @returns one line per difference; empty when comparable.
 */
export function incomparability(a: AuditResults, b: AuditResults): string[] {
  const problems: string[] = [];
  const axisKey = (x: AxisResult) => JSON.stringify([x.axes, x.lexicons, [...(x.labels[0]?.groups ?? []).map((g) => g.name)].sort()]);
  const bx = new Map(b.axes.map((x) => [x.name, axisKey(x)]));
  for (const x of a.axes)
    if (bx.has(x.name) && bx.get(x.name) !== axisKey(x)) problems.push(`axis ${JSON.stringify(x.name)} has other groups or lexicons`);
  if (a.model.audited_label !== b.model.audited_label)
    problems.push(`the audited labels differ (${JSON.stringify(a.model.audited_label)} vs ${JSON.stringify(b.model.audited_label)})`);
  return problems;
}

/** Whether two runs fill the same templates (then their sets are the same and need no recomputing). */
export function sameTemplates(a: AuditResults, b: AuditResults): boolean {
  const templates = (r: AuditResults) => JSON.stringify(r.templates.map((t) => [t.id, t.text, t.text_pair ?? null, t.axes]));
  return templates(a) === templates(b);
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
 * Compares every metric the two runs share, under the rule of `options` (see the module's doc).
 * @param sets which sets were compared, when the runs' templates differ.
 */
export function compareResults(
  baseline: { file: string; results: AuditResults },
  candidate: { file: string; results: AuditResults },
  options: CompareOptions,
  sets?: SetsCompared,
): Comparison {
  const rule = options.rule ?? 'interval';
  const changes: MetricChange[] = [];
  const notShared: string[] = [];
  const add = (
    where: Omit<MetricChange, 'baseline' | 'candidate' | 'change' | 'ci' | 'ideal' | 'worsening' | 'regressed' | 'changed' | 'status'>,
    b: MetricValue,
    c: MetricValue,
  ) => {
    const ideal = metricInfo(where.metric)?.ideal ?? null;
    const worsening = ideal === null ? null : Math.abs(c.value - ideal) - Math.abs(b.value - ideal);
    const change = c.value - b.value;
    const ci = changeInterval(b, c);
    const changed = rule === 'interval' && ci !== null ? ci[0] > 0 || ci[1] < 0 : change !== 0;
    const regressed = worsening !== null && worsening > options.maxRegression && changed;
    const status: ChangeStatus =
      worsening === null
        ? changed
          ? 'changed'
          : 'unchanged'
        : regressed
          ? 'regressed'
          : worsening > 0
            ? 'worse'
            : worsening < 0 && changed
              ? 'better'
              : 'unchanged';
    changes.push({ ...where, baseline: b, candidate: c, change, ci, ideal, worsening, regressed, changed, status });
  };
  const pairUp = <T>(a: Record<string, T>, b: Record<string, T>, where: string, each: (name: string, x: T, y: T) => void) => {
    for (const name of Object.keys(a)) {
      if (Object.hasOwn(b, name)) each(name, a[name] as T, b[name] as T);
      else notShared.push(`${name} ${where}: only in the baseline`);
    }
    for (const name of Object.keys(b)) if (!Object.hasOwn(a, name)) notShared.push(`${name} ${where}: only in the candidate`);
  };
  const candidateAxes = new Map(candidate.results.axes.map((x) => [x.name, x]));
  const baselineAxes = new Set(baseline.results.axes.map((x) => x.name));
  for (const axis of baseline.results.axes) {
    const other = candidateAxes.get(axis.name);
    if (!other) {
      notShared.push(`axis ${axis.name}: only in the baseline`);
      continue;
    }
    pairUp(axis.metrics, other.metrics, `on ${axis.name}`, (metric, b, c) => add({ axis: axis.name, metric, scope: 'axis' }, b, c));
    const otherLabels = new Map(other.labels.map((l) => [l.label, l]));
    for (const label of axis.labels) {
      const ol = otherLabels.get(label.label);
      if (!ol) {
        notShared.push(`label ${label.label} on ${axis.name}: only in the baseline`);
        continue;
      }
      pairUp(label.metrics, ol.metrics, `on ${axis.name} (${label.label})`, (metric, b, c) =>
        add({ axis: axis.name, label: label.label, metric, scope: 'label' }, b, c),
      );
      const otherGroups = new Map(ol.groups.map((g) => [g.name, g]));
      for (const group of label.groups) {
        const og = otherGroups.get(group.name);
        if (og)
          pairUp(group.metrics, og.metrics, `on ${axis.name} / ${group.name} (${label.label})`, (metric, b, c) =>
            add({ axis: axis.name, label: label.label, group: group.name, metric, scope: 'group' }, b, c),
          );
      }
    }
  }
  for (const axis of candidate.results.axes) if (!baselineAxes.has(axis.name)) notShared.push(`axis ${axis.name}: only in the candidate`);
  return {
    baseline: ref(baseline.file, baseline.results),
    candidate: ref(candidate.file, candidate.results),
    maxRegression: options.maxRegression,
    rule,
    ...(sets ? { sets } : {}),
    changes,
    passed: !changes.some((c) => c.regressed),
    notShared,
  };
}

function ref(file: string, r: AuditResults): RunRef {
  return { file, name: r.name, model: r.model.source, fingerprint: r.model.fingerprint, created_at: r.created_at };
}
