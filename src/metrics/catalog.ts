/**
 * The axis metrics counterfair computes, as a table: name, what "no disparity" is, and a doc
 * line. The spec's gate enum, the JSON Schema and the CLI help all come from this table.
 */
export const AXIS_METRICS = [
  {
    name: 'gap',
    doc: 'max over groups of the group mean minus min over groups (0 = no disparity, range [0, 1])',
    method: 'max_g mean_g - min_g mean_g; percentile bootstrap over sets',
  },
  {
    name: 'flip_rate',
    doc: 'share of sets whose predicted labels are not all equal (0 = no disparity, range [0, 1])',
    method: 'flipped sets / sets; Wilson score interval',
  },
] as const;

/** Name of a metric computed per axis. */
export type AxisMetricName = (typeof AXIS_METRICS)[number]['name'];

/** The names of every axis metric, in catalog order. */
export const AXIS_METRIC_NAMES = AXIS_METRICS.map((m) => m.name) as [AxisMetricName, ...AxisMetricName[]];
