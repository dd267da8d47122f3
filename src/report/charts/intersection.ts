/**
 * The view of a combination of axes (gender × country, split by `intersectionOf`): one row per
 * group of the larger axes, the groups of the smallest axis side by side in it (female and male),
 * rows sorted by their difference (first minus second; the spread for three or more), and that
 * difference as a bar.
 * A chart of 394 "female × Iraq" rows could not be read; this one answers "for which countries
 * does gender change the score, and which way?".
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AxisResult, LabelResult } from '../../results/index.js';
import { formatNumber, formatSigned } from '../format.js';
import type { Intersection, IntersectionRow } from '../intersection.js';
import { clamp01, type ChartSpec } from './dot-plot.js';
import { chartRows, isCompacted, rowChannel } from './rows.js';
import { CHART_CONFIG, COLORS, SIDE_COLORS, SIDE_SHAPES, VEGA_LITE_SCHEMA } from './theme.js';
import { COMBINATION_SEPARATOR } from '../../shared/format.js';

/** The intersection chart (rows sorted by difference; the top and bottom 10 unless `full`). */
export function intersectionSpec(axis: AxisResult, label: LabelResult | undefined, x: Intersection, full = false): ChartSpec {
  const labelName = label?.label ?? '';
  const rows = chartRows(x.rows, () => false, full);
  const points = rows.flatMap((r) =>
    r.kind === 'gap'
      ? []
      : x.sides.flatMap((side, si) => {
          const v = r.item.values.get(side);
          return v
            ? [
                {
                  row: r.item.row,
                  pos: r.pos,
                  side,
                  sidePos: si,
                  mean: clamp01(v.mean),
                  lo: clamp01(v.ci?.[0] ?? v.mean),
                  hi: clamp01(v.ci?.[1] ?? v.mean),
                },
              ]
            : [];
        }),
  );
  const diffs = rows.flatMap((r) =>
    r.kind === 'item' ? [{ row: r.item.row, pos: r.pos, difference: Math.max(-1, Math.min(1, r.item.difference)) }] : [],
  );
  const gaps = rows.flatMap((r) => (r.kind === 'gap' ? [{ row: r.label, pos: r.pos }] : []));
  const two = x.sides.length === 2;
  const diffTitle = two ? `${x.sides[0]} − ${x.sides[1]}` : 'spread (max − min)';
  const extent = Math.max(0.05, ...diffs.map((d) => Math.abs(d.difference)));
  const half = Math.min(1, Math.ceil(extent / 0.05) * 0.05);
  const y = rowChannel('row');
  const rowY = y;
  const colour = {
    field: 'side',
    type: 'nominal',
    title: x.sideAxis,
    sort: x.sides,
    scale: { domain: x.sides, range: SIDE_COLORS.slice(0, x.sides.length) },
    legend: { orient: 'bottom', direction: 'horizontal' },
  } as const;
  const shape = {
    field: 'side',
    type: 'nominal',
    sort: x.sides,
    scale: { domain: x.sides, range: SIDE_SHAPES.slice(0, x.sides.length) },
    legend: null,
  } as const;
  const top = x.rows[0];
  const bottom = x.rows[x.rows.length - 1];
  const describe = (r: IntersectionRow) =>
    `${r.row} (${formatSigned(r.difference)}: ${x.sides.map((s) => `${s} ${formatNumber(r.values.get(s)?.mean ?? NaN)}`).join(', ')})`;
  const alt =
    top && bottom
      ? `For each of the ${x.rows.length} groups of ${x.rowAxes.join(COMBINATION_SEPARATOR)}, P(${labelName}) of ${x.sides.join(' and ')} side by side, ` +
        `sorted by ${diffTitle}: largest ${describe(top)}; smallest ${describe(bottom)}.`
      : `Intersection of ${axis.name}: no rows.`;
  const caption = [
    `one row per ${x.rowAxes.join(COMBINATION_SEPARATOR)} group, ${x.sides.join(' and ')} side by side (dot: mean, whisker: interval)`,
    `bar: ${diffTitle}, rows sorted by it`,
    ...(!full && isCompacted(x.rows.length)
      ? [`rows: the 10 with the largest and the 10 with the smallest ${two ? 'difference' : 'spread'}`]
      : []),
  ].join(' · ');
  const step = 8 + 9 * x.sides.length;
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `${axis.name}: ${x.sides.join(' vs ')} by ${x.rowAxes.join(COMBINATION_SEPARATOR)}`, limit: 520 },
    description: alt,
    hconcat: [
      {
        width: 280,
        height: { step },
        layer: [
          { data: { values: gaps }, mark: { type: 'text', text: '' }, encoding: { y } },
          // One rule and one dot layer per side group, each at its own height within the row
          // (female above, male below): a band position, as a fraction of the row.
          ...x.sides.flatMap((_, si) => {
            const band = 0.5 + (si - (x.sides.length - 1) / 2) * (0.8 / x.sides.length);
            const mine = { data: { values: points }, transform: [{ filter: `datum.sidePos == ${si}` }] };
            const y = { ...rowY, bandPosition: band };
            return [
              {
                ...mine,
                mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.8 },
                encoding: {
                  y,
                  x: {
                    field: 'lo',
                    type: 'quantitative',
                    scale: { domain: [0, 1], nice: false },
                    axis: { orient: 'top', title: `P(${labelName})`, tickCount: 5 },
                  },
                  x2: { field: 'hi' },
                  color: colour,
                },
              },
              {
                ...mine,
                mark: { type: 'point', filled: true, size: 30, opacity: 1 },
                encoding: {
                  y,
                  x: { field: 'mean', type: 'quantitative', scale: { domain: [0, 1], nice: false } },
                  color: colour,
                  shape,
                  tooltip: [
                    { field: 'row', title: x.rowAxes.join(COMBINATION_SEPARATOR) },
                    { field: 'side', title: x.sideAxis },
                    { field: 'mean', title: 'mean', format: '.3f' },
                    { field: 'lo', title: 'interval low', format: '.3f' },
                    { field: 'hi', title: 'interval high', format: '.3f' },
                  ],
                },
              },
            ];
          }),
        ],
      },
      {
        width: 120,
        height: { step },
        layer: [
          { data: { values: gaps }, mark: { type: 'text', text: '' }, encoding: { y: { ...y, axis: null } } },
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: COLORS.overall },
            encoding: { x: { field: 'zero', type: 'quantitative', scale: { domain: [-half, half] } } },
          },
          {
            data: { values: diffs },
            mark: { type: 'bar', height: { band: 0.6 } },
            encoding: {
              y: { ...y, axis: null },
              x: {
                field: 'difference',
                type: 'quantitative',
                scale: { domain: [-half, half], nice: false },
                axis: { orient: 'top', title: diffTitle, tickCount: 3 },
              },
              color: { condition: { test: 'datum.difference >= 0', value: SIDE_COLORS[0] }, value: SIDE_COLORS[1] },
              tooltip: [
                { field: 'row', title: x.rowAxes.join(COMBINATION_SEPARATOR) },
                { field: 'difference', title: diffTitle, format: '+.3f' },
              ],
            },
          },
        ],
      },
    ],
    config: { ...CHART_CONFIG, axisY: { grid: false } },
  } as unknown as TopLevelSpec;
  return { spec, alt, caption };
}
