/** The group-means dot plot: each group's mean with its interval, against the reference and the overall mean. */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, GateResult, LabelResult } from '../../results/index.js';
import { formatInterval, formatNumber, formatPercent, NOT_AVAILABLE } from '../format.js';
import { meanOfMeans, sortedGroupMeans, type GroupMean } from '../group-means.js';
import { chartRows, isCompacted } from './rows.js';
import { CHART_CONFIG, COLORS, LABEL_LIMIT, PLOT_WIDTH, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/** A chart with what the page says of it. */
export interface ChartSpec {
  spec: TopLevelSpec;
  /** Text alternative: what the chart shows, in a sentence or two, with its key numbers. */
  alt: string;
  /** What the marks mean, shown under the chart. */
  caption: string;
}

/** One row of the chart; gap rows (`⋯ 87 more`) have no mean. */
interface GroupDatum {
  group: string;
  pos: number;
  n?: number;
  mean?: number;
  lo?: number;
  hi?: number;
  reference?: boolean;
  gap?: boolean;
}

/** A probability as drawn: within [0, 1] (a corrupt file's 1e308 is drawn at the edge, never overflows a scale). */
export function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/**
 * Dot plot of each group's mean probability of `label` with its interval as a horizontal
 * whisker, groups sorted by mean (highest first); the reference group's dot and a solid rule at
 * its mean are orange, a dashed rule marks the mean of the group means. An axis of more than
 * `FEW_GROUPS` groups shows its top and bottom `EXTREMES` (and the reference) unless `full`.
 * A gap gate on this axis and label shades the band it allows (from the lowest group mean up by
 * the gate's max); a per-group `mean` gate draws its threshold as a dashed line.
 *
 * @param confidence level of the group intervals (e.g. 0.95), named in the caption when given.
 * @param gates the gate results on this axis and label.
 */
export function groupMeansSpec(
  axis: AxisResult,
  label: LabelResult | undefined,
  confidence?: number,
  gates: readonly GateResult[] = [],
  full = false,
): ChartSpec {
  const labelName = label?.label ?? NOT_AVAILABLE;
  const sorted = sortedGroupMeans(label);
  const rows = chartRows(sorted, (g) => g.name === axis.reference, full);
  const values: GroupDatum[] = rows.map((r) =>
    r.kind === 'gap'
      ? { group: r.label, pos: r.pos, gap: true }
      : {
          group: r.item.name,
          pos: r.pos,
          n: r.item.n,
          mean: clamp01(r.item.mean),
          lo: clamp01(r.item.ci?.[0] ?? r.item.mean),
          hi: clamp01(r.item.ci?.[1] ?? r.item.mean),
          reference: r.item.name === axis.reference,
        },
  );
  const overall = meanOfMeans(sorted);
  const reference = sorted.find((g) => g.name === axis.reference);
  const interval = confidence === undefined ? 'interval' : `${formatPercent(confidence)} interval`;
  const y = {
    field: 'group',
    type: 'nominal',
    // Sorting by a position field (not an explicit list of names) keeps untrusted names out of
    // the expressions vega-lite generates.
    sort: { field: 'pos', op: 'min', order: 'ascending' },
    title: null,
    axis: { labelLimit: LABEL_LIMIT, labelPadding: 4, ticks: false, domain: false },
  } as const;
  const x = (field: string) => ({ field, type: 'quantitative' as const, scale: { domain: [0, 1], nice: false } });
  const xAxis = { tickCount: 5, labelFlush: true, orient: 'top' as const, title: `P(${labelName})` };
  const rules = [
    ...(overall === undefined ? [] : [{ at: clamp01(overall), kind: 'overall' }]),
    ...(reference === undefined ? [] : [{ at: clamp01(reference.mean), kind: 'reference' }]),
  ];
  const gap = gates.find((g) => g.metric === 'gap' && g.max !== undefined);
  const lowest = sorted.length > 0 ? (sorted[sorted.length - 1] as GroupMean).mean : undefined;
  const band = gap !== undefined && lowest !== undefined ? [{ from: clamp01(lowest), to: clamp01(lowest + (gap.max as number)) }] : [];
  const thresholds = gates
    .filter((g) => g.metric === 'mean')
    .flatMap((g) => [g.max, g.min].filter((t): t is number => t !== undefined).map((at) => ({ at: clamp01(at), group: g.group ?? '' })));
  const withThresholds = [
    ...(band.length > 0 ? [`shaded: the band the gap gate allows (max ${gap?.max}, from the lowest group)`] : []),
    ...(thresholds.length > 0 ? ['dashed vermillion: a mean gate’s threshold'] : []),
  ];
  const shown = values.filter((v) => !v.gap).length;
  const layer: unknown[] = [
    ...(band.length > 0
      ? [
          {
            data: { values: band },
            mark: { type: 'rect', color: COLORS.pass, opacity: 0.12 },
            encoding: { x: { ...x('from'), axis: null }, x2: { field: 'to' } },
          },
        ]
      : []),
    {
      data: { values: rules },
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: {
        x: { ...x('at'), axis: null },
        color: {
          field: 'kind',
          type: 'nominal',
          scale: { domain: ['overall', 'reference'], range: [COLORS.overall, COLORS.reference] },
          legend: null,
        },
        strokeDash: {
          field: 'kind',
          type: 'nominal',
          scale: {
            domain: ['overall', 'reference'],
            range: [
              [4, 3],
              [1, 0],
            ],
          },
          legend: null,
        },
      },
    },
    ...(thresholds.length > 0
      ? [
          {
            data: { values: thresholds },
            mark: { type: 'rule', color: COLORS.threshold, strokeWidth: 1.5, strokeDash: [6, 3] },
            encoding: { x: { ...x('at'), axis: null } },
          },
        ]
      : []),
    {
      // The "⋯ 87 more" rows, so they keep their place on the y axis (nothing is drawn).
      transform: [{ filter: 'datum.gap' }],
      mark: { type: 'text', text: '' },
      encoding: { y },
    },
    {
      transform: [{ filter: '!datum.gap' }],
      mark: { type: 'rule', color: COLORS.interval, strokeWidth: 2 },
      // Interactive views zoom and pan the x axis (the static SVG is unaffected).
      params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }],
      encoding: {
        y,
        x: { ...x('lo'), title: 'interval low', axis: xAxis },
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
      transform: [{ filter: '!datum.gap' }],
      mark: { type: 'point', filled: true, size: 30, opacity: 1 },
      encoding: {
        y,
        x: { ...x('mean'), axis: null },
        color: { condition: { test: 'datum.reference', value: COLORS.reference }, value: COLORS.point },
        shape: { condition: { test: 'datum.reference', value: 'diamond' }, value: 'circle' },
        tooltip: [
          { field: 'group', title: 'group' },
          { field: 'mean', title: 'mean', format: '.3f' },
          { field: 'n', title: 'sets' },
        ],
      },
    },
  ];
  const which = shown === sorted.length ? `all ${sorted.length}` : `${shown} of the ${sorted.length}`;
  const overallText = overall === undefined ? NOT_AVAILABLE : formatNumber(overall);
  const highest = sorted[0];
  const low = sorted[sorted.length - 1];
  const alt =
    highest && low
      ? `Dot plot of the mean P(${labelName}) of ${which} groups of ${axis.name}, highest first: ` +
        `${highest.name} ${formatNumber(highest.mean)} ${formatInterval(highest.ci)} ` +
        `to ${low.name} ${formatNumber(low.mean)} ${formatInterval(low.ci)}; ` +
        `mean of group means ${overallText}${reference ? `, reference ${reference.name} ${formatNumber(reference.mean)}` : ''}.`
      : `Dot plot of ${axis.name}: no group has a mean.`;
  const caption = [
    `dot: group mean · whisker: ${interval}`,
    `dashed grey line: mean of group means (${overall === undefined ? NOT_AVAILABLE : formatNumber(overall)})`,
    ...(reference ? [`orange diamond and line: the reference group ${reference.name} (${formatNumber(reference.mean)})`] : []),
    ...withThresholds,
    ...(!full && isCompacted(sorted.length)
      ? [`the ${shown} groups shown are the highest and lowest 10 and the reference; “⋯ n more” rows stand for the groups between`]
      : []),
  ].join(' · ');

  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${axis.name}: P(${labelName}) by group${full || !isCompacted(sorted.length) ? '' : ' (highest and lowest)'}`,
      limit: PLOT_WIDTH + LABEL_LIMIT,
    },
    description: alt,
    width: PLOT_WIDTH,
    height: { step: rowStep(values.length) },
    data: { values },
    layer,
    // The filter of the full chart in interactive views: a text box that keeps matching groups.
    ...(full ? { params: [{ name: 'find', value: '', bind: { input: 'search', placeholder: 'group name', name: 'Find a group ' } }] } : {}),
    resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } },
    config: CHART_CONFIG,
  } as unknown as TopLevelSpec;
  if (full) filterByFind(spec);
  return { spec, alt, caption };
}

/**
 * Lets the `find` parameter filter the rows of every layer that draws groups: in interactive
 * views, typing in the box keeps the groups whose name contains the text (the static SVG,
 * where `find` is empty, keeps them all).
 */
function filterByFind(spec: TopLevelSpec): void {
  const test = "find == '' || indexof(lower(datum.group), lower(find)) >= 0";
  for (const layer of (spec as unknown as { layer: { data?: unknown; transform?: unknown[] }[] }).layer) {
    if (layer.data !== undefined) continue;
    layer.transform = [...(layer.transform ?? []), { filter: test }];
  }
}
