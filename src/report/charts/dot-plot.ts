/** The group-means dot plot: each group's mean with its interval, against the reference and the overall mean. */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult } from '../../metrics/types.js';
import { formatNumber, formatPercent, NOT_AVAILABLE } from '../format.js';
import { sortedGroupMeans } from '../group-means.js';
import { CHART_CONFIG, COLORS, FEW_GROUPS, LABEL_LIMIT, PLOT_WIDTH, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/** One row of the chart. */
interface GroupDatum {
  group: string;
  rank: number;
  n: number;
  mean: number;
  lo: number;
  hi: number;
  reference: boolean;
}

/**
 * Dot plot of each group's mean probability of `label` with its interval as a horizontal
 * whisker, groups sorted by mean (highest first); the reference group's dot and a solid rule at
 * its mean are orange, a dashed rule marks the mean of the group means. Height grows with the
 * number of groups (one 12 px row each), so 197 countries stay legible.
 *
 * @param confidence level of the group intervals (e.g. 0.95), named in the subtitle when given.
 */
export function groupMeansSpec(axis: AxisResult, label: LabelResult | undefined, confidence?: number): TopLevelSpec {
  const labelName = label?.label ?? NOT_AVAILABLE;
  const sorted = sortedGroupMeans(label);
  const values: GroupDatum[] = sorted.map((g, rank) => ({
    group: g.name,
    rank,
    n: g.n,
    mean: g.mean,
    lo: g.ci?.[0] ?? g.mean,
    hi: g.ci?.[1] ?? g.mean,
    reference: g.name === axis.reference,
  }));
  // Unweighted mean over groups; an axis without groups gets no rule.
  const overall = sorted.length > 0 ? sorted.reduce((s, g) => s + g.mean, 0) / sorted.length : undefined;
  const reference = sorted.find((g) => g.name === axis.reference);
  const few = values.length <= FEW_GROUPS;
  const interval = confidence === undefined ? 'interval' : `${formatPercent(confidence)} interval`;
  const y = {
    field: 'group',
    type: 'nominal',
    // Sorting by a rank field (not an explicit list of names) keeps untrusted names out of the
    // expressions vega-lite generates, and breaks ties between equal means by name.
    sort: { field: 'rank', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: LABEL_LIMIT, labelPadding: 4, ticks: false, domain: false },
  } as const;
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } });
  // Ticks every 0.1: vega's default at this width is every 0.05, whose labels collide.
  const xAxis = { tickCount: 10, labelFlush: true } as const;
  const rules = [
    ...(overall === undefined ? [] : [{ at: overall, kind: 'overall' }]),
    ...(reference === undefined ? [] : [{ at: reference.mean, kind: 'reference' }]),
  ];
  const referenceText = reference === undefined ? '' : ` · orange: reference group (${formatNumber(reference.mean)})`;

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${axis.name}: P(${labelName}) by group`,
      subtitle: `dot: group mean · whisker: ${interval} · dashed line: mean of group means (${overall === undefined ? NOT_AVAILABLE : formatNumber(overall)})${referenceText}`,
    },
    description: `Mean probability of ${labelName} for each of the ${values.length} groups of ${axis.name}.`,
    width: PLOT_WIDTH,
    height: { step: rowStep(values.length) },
    data: { values },
    layer: [
      {
        data: { values: rules },
        mark: { type: 'rule', strokeWidth: 1 },
        encoding: {
          x: { ...x('at'), axis: null },
          color: { field: 'kind', type: 'nominal', scale: { domain: ['overall', 'reference'], range: [COLORS.overall, COLORS.reference] }, legend: null },
          strokeDash: { field: 'kind', type: 'nominal', scale: { domain: ['overall', 'reference'], range: [[4, 3], [1, 0]] }, legend: null },
        },
      },
      {
        mark: { type: 'rule', color: COLORS.interval, strokeWidth: 1.5 },
        // Interactive views zoom and pan the x axis (the static SVG is unaffected).
        params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }],
        encoding: {
          y,
          x: { ...x('lo'), title: 'interval low', axis: { ...xAxis, orient: 'top', title: `P(${labelName})` } },
          x2: { field: 'hi', title: 'interval high' },
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'mean', title: 'mean', format: '.3f' },
            { field: 'lo', title: 'interval low', format: '.3f' },
            { field: 'hi', title: 'interval high', format: '.3f' },
            { field: 'n', title: 'sets' },
          ],
        },
      },
      {
        mark: { type: 'point', filled: true, size: 24, opacity: 1 },
        encoding: {
          y,
          // A long chart (197 groups: ~2400 px) repeats the scale at the bottom.
          x: { ...x('mean'), axis: few ? null : { ...xAxis, orient: 'bottom', title: `P(${labelName})` } },
          color: { condition: { test: 'datum.reference', value: COLORS.reference }, value: COLORS.point },
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'mean', title: 'mean', format: '.3f' },
            { field: 'n', title: 'sets' },
          ],
        },
      },
    ],
    // One x scale, drawn as two axes (top and bottom).
    resolve: { axis: { x: 'independent' }, scale: { color: 'independent' } },
    config: CHART_CONFIG,
  } as TopLevelSpec;
}
