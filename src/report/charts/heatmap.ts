/** The heatmap of templates × groups: each cell the group's mean over the template's sets. */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult } from '../../metrics/types.js';
import type { TemplateInfo } from '../../generate/types.js';
import { sortedGroupMeans } from '../group-means.js';
import type { SetScores } from '../set-scores.js';
import { CHART_CONFIG, LABEL_LIMIT, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/** Width of one template column, in px. */
const COLUMN_STEP = 26;
/** Longest template text shown under a column, in px. */
const COLUMN_LABEL_LIMIT = 200;

/** One cell. */
interface Cell {
  group: string;
  rank: number;
  column: string;
  order: number;
  mean: number;
  sets: number;
}

/**
 * Heatmap with one row per group (sorted as the dot plot) and one column per template (corpus
 * sets together in one column), coloured by the mean of f(x_g) over that column's sets.
 * @param sets the axis's sets scored for `label` (see `setScores`).
 */
export function heatmapSpec(axis: AxisResult, label: LabelResult | undefined, sets: readonly SetScores[], templates: readonly TemplateInfo[]): TopLevelSpec {
  const labelName = label?.label ?? '';
  const rank = new Map(sortedGroupMeans(label).map((g, i) => [g.name, i]));
  const templateIndex = new Map(templates.map((t, i) => [t.id, i]));
  // Column label: position and text, so two columns never share a label.
  const columnOf = (set: SetScores): [string, number] => {
    if (set.origin.kind === 'corpus') return ['corpus rows', templates.length];
    const i = templateIndex.get(set.origin.id);
    return i === undefined ? [set.origin.id, templates.length + 1] : [`${i + 1}. ${templates[i]?.text ?? ''}`, i];
  };
  const sums = new Map<string, Cell>();
  for (const set of sets) {
    const [column, order] = columnOf(set);
    for (const [group, mean] of set.means) {
      const r = rank.get(group);
      if (r === undefined) continue;
      const key = `${order}\u0000${group}`;
      const cell = sums.get(key) ?? { group, rank: r, column, order, mean: 0, sets: 0 };
      cell.mean += mean;
      cell.sets += 1;
      sums.set(key, cell);
    }
  }
  const values = [...sums.values()].map((c) => ({ ...c, mean: c.mean / c.sets }));
  values.sort((a, b) => a.order - b.order || a.rank - b.rank);

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${axis.name}: P(${labelName}) by template and group`,
      subtitle: 'cell: mean over the template’s sets · rows sorted by group mean · white: P = 0.5',
    },
    description: `Mean probability of ${labelName} per template and group of ${axis.name}.`,
    width: { step: COLUMN_STEP },
    height: { step: rowStep(rank.size) },
    data: { values },
    // No ARIA label per cell: thousands of them (51 × 197 in a 10k-sentence audit) are no use
    // to a screen reader, the page's tables carry the same numbers, and leaving them off cuts the
    // SVG to a fifth and its rendering by a third or more. The chart keeps its description.
    mark: { type: 'rect', aria: false },
    encoding: {
      y: { field: 'group', type: 'nominal', sort: { field: 'rank', op: 'min', order: 'ascending' }, title: null, axis: { labelLimit: LABEL_LIMIT, ticks: false, domain: false } },
      x: {
        field: 'column',
        type: 'nominal',
        sort: { field: 'order', op: 'min', order: 'ascending' },
        title: null,
        axis: { orient: 'top', labelAngle: -40, labelLimit: COLUMN_LABEL_LIMIT, ticks: false, domain: false },
      },
      color: {
        field: 'mean',
        type: 'quantitative',
        title: `P(${labelName})`,
        scale: { domain: [0, 1], domainMid: 0.5, scheme: 'redblue' },
        // The colour bar is never taller than the rows it explains (4 groups: 72 px).
        legend: { orient: 'right', gradientLength: Math.max(50, Math.min(140, rank.size * rowStep(rank.size))), format: '.1f' },
      },
      tooltip: [
        { field: 'group', title: 'group' },
        { field: 'column', title: 'template' },
        { field: 'mean', title: 'mean', format: '.3f' },
        { field: 'sets', title: 'sets' },
      ],
    },
    config: { ...CHART_CONFIG, axisY: { grid: false } },
  } as TopLevelSpec;
}
