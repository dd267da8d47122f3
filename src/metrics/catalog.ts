/**
 * Every metric counterfair computes, as one table: name, where it lives in results.json
 * (scope), what it means, how it is computed, and its value when there is no disparity. The
 * spec's gate enum, the JSON Schema, the CLI help and the reports all come from this table, so a
 * metric added here shows up everywhere.
 */
export interface MetricInfo {
  name: string;
  /**
   * `group`: per group, in `labels[].groups[].metrics`; `label`: per axis and label, in
   * `labels[].metrics`; `axis`: per axis whatever the label, in `metrics`.
   */
  scope: 'group' | 'label' | 'axis';
  doc: string;
  method: string;
  /** The value meaning "no disparity" (0 for a difference, 1 for a ratio); null for descriptive metrics. */
  ideal: number | null;
}

export const METRICS = [
  {
    name: 'mean',
    scope: 'group',
    doc: "mean over sets of the group's probability of the label",
    method: 'mean over sets of f(x_g); percentile bootstrap over sets',
    ideal: null,
  },
  {
    name: 'gap',
    scope: 'label',
    doc: 'max over groups of the group mean minus min over groups (0 = no disparity, range [0, 1])',
    method: 'max_g mean_g - min_g mean_g; percentile bootstrap over sets',
    ideal: 0,
  },
  {
    name: 'flip_rate',
    scope: 'axis',
    doc: 'share of sets whose predicted labels are not all equal (0 = no disparity, range [0, 1])',
    method: 'flipped sets / sets; Wilson score interval',
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
