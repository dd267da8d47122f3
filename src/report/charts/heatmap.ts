/**
 * The heatmap of templates × groups: each cell the group's mean over the template's sets.
 *
 * At 197 groups a heatmap of every group is 2,400 px of 12 px rows whose colours nobody can
 * line up with their labels, so it is split: the compact heatmap has the same rows as the
 * compact dot plot (the highest and lowest groups and the reference, sorted the same way), which
 * answers "is this group's disparity the same in every template?" for the groups that matter,
 * and the full heatmap is one click away. Columns are numbered templates (T1, T2 … as in the
 * templates table), so their labels never take more room than the cells.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult, TemplateInfo } from '../../results/index.js';
import { formatNumber } from '../format.js';
import { sortedGroupMeans } from '../group-means.js';
import type { SetScores } from '../set-scores.js';
import { clamp01, type ChartSpec } from './dot-plot.js';
import { chartRows, colorScale, isCompacted, rowChannel, type ColorRule } from './rows.js';
import { CHART_CONFIG, rowStep, VEGA_LITE_SCHEMA } from './theme.js';

/** Width of one template column, in px. */
const COLUMN_STEP = 26;

/** One cell, before rows are chosen. */
export interface HeatmapCell {
  group: string;
  column: string;
  order: number;
  /** The template's text, for tooltips. */
  template: string;
  mean: number;
  sets: number;
}

/** Every cell of the heatmap: the mean of f(x_g) over each column's sets, per group. */
export function heatmapCells(
  label: LabelResult | undefined,
  sets: readonly SetScores[],
  templates: readonly TemplateInfo[],
): HeatmapCell[] {
  const known = new Set(sortedGroupMeans(label).map((g) => g.name));
  const templateIndex = new Map(templates.map((t, i) => [t.id, i]));
  const columnOf = (set: SetScores): [string, number, string] => {
    if (set.origin.kind === 'corpus') return ['corpus', templates.length, 'corpus rows'];
    const i = templateIndex.get(set.origin.id);
    return i === undefined ? [set.origin.id, templates.length + 1, set.origin.id] : [`T${i + 1}`, i, templates[i]?.text ?? ''];
  };
  const sums = new Map<string, HeatmapCell>();
  for (const set of sets) {
    const [column, order, template] = columnOf(set);
    for (const [group, mean] of set.means) {
      if (!known.has(group)) continue;
      const key = `${order}\u0000${group}`;
      const cell = sums.get(key) ?? { group, column, order, template, mean: 0, sets: 0 };
      cell.mean += mean;
      cell.sets += 1;
      sums.set(key, cell);
    }
  }
  return [...sums.values()].map((c) => ({ ...c, mean: c.mean / c.sets }));
}

/**
 * Heatmap with one row per group (sorted as the dot plot; the highest and lowest unless `full`)
 * and one column per template (corpus sets together in one column), coloured by the mean of
 * f(x_g) over that column's sets under the axis's colour rule (see rows.ts).
 */
export function heatmapSpec(
  axis: AxisResult,
  label: LabelResult | undefined,
  cells: readonly HeatmapCell[],
  rule: ColorRule,
  full = false,
): ChartSpec {
  const labelName = label?.label ?? '';
  const sorted = sortedGroupMeans(label);
  const rows = chartRows(sorted, (g) => g.name === axis.reference, full);
  const pos = new Map(rows.flatMap((r) => (r.kind === 'item' ? [[r.item.name, r.pos] as const] : [])));
  const values = cells
    .filter((c) => pos.has(c.group))
    .map((c) => ({ ...c, mean: clamp01(c.mean), pos: pos.get(c.group) as number }))
    .sort((a, b) => a.order - b.order || a.pos - b.pos);
  const gaps = rows.flatMap((r) => (r.kind === 'gap' ? [{ group: r.label, pos: r.pos }] : []));
  const columns = new Set(values.map((v) => v.column)).size;
  const y = rowChannel('group');
  const shown = rows.filter((r) => r.kind === 'item').length;
  const spread =
    values.length > 0 ? [values.reduce((a, b) => (b.mean < a.mean ? b : a)), values.reduce((a, b) => (b.mean > a.mean ? b : a))] : [];
  const alt =
    spread.length === 2
      ? `Heatmap of the mean P(${labelName}) of ${shown} groups of ${axis.name} in each of ${columns} templates; ` +
        `lowest cell ${spread[0]?.group} in ${spread[0]?.column} (${formatNumber(spread[0]?.mean ?? NaN)}), ` +
        `highest ${spread[1]?.group} in ${spread[1]?.column} (${formatNumber(spread[1]?.mean ?? NaN)}).`
      : `Heatmap of ${axis.name}: no cells.`;
  const caption = [
    'cell: the group’s mean over the template’s sets (T1, T2 … as in the templates table)',
    `white: the mean of group means (${formatNumber(rule.mid)}), red below, blue above, the same scale as the map`,
    ...(!full && isCompacted(sorted.length) ? ['rows: the highest and lowest 10 groups and the reference, as in the dot plot'] : []),
  ].join(' · ');
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: P(${labelName}) by template and group`, limit: 360 },
    description: alt,
    width: { step: COLUMN_STEP },
    height: { step: rowStep(rows.length) },
    layer: [
      // Gap rows keep their place on the y axis.
      { data: { values: gaps }, mark: { type: 'text', text: '' }, encoding: { y } },
      {
        data: { values },
        // No ARIA label per cell: thousands of them are no use to a screen reader, the page's
        // tables carry the same numbers, and leaving them off cuts the SVG to a fifth.
        mark: { type: 'rect', aria: false },
        encoding: {
          y,
          x: {
            field: 'column',
            type: 'nominal',
            sort: { field: 'order', op: 'min', order: 'ascending' },
            title: null,
            axis: { orient: 'top', labelAngle: 0, ticks: false, domain: false },
          },
          color: {
            field: 'mean',
            type: 'quantitative',
            title: `P(${labelName})`,
            scale: colorScale(rule),
            legend: { orient: 'right', gradientLength: Math.max(60, Math.min(140, rows.length * rowStep(rows.length))), format: '.2f' },
          },
          tooltip: [
            { field: 'group', title: 'group' },
            { field: 'template', title: 'template' },
            { field: 'mean', title: 'mean', format: '.3f' },
            { field: 'sets', title: 'sets' },
          ],
        },
      },
    ],
    config: { ...CHART_CONFIG, axisY: { grid: false } },
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}
