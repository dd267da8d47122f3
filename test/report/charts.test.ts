import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import type { AuditResults } from '../../src/index.ts';
import { buildCharts, placeGroups, renderCharts, renderSvg, type Chart } from '../../src/report/index.ts';
import { syntheticIntersection, syntheticRun } from './synthetic.ts';

type Datum = Record<string, unknown>;

/** The inline data of a chart (or of one of its layers, or of the first layer of an hconcat). */
function dataOf(spec: TopLevelSpec, layer?: number): Datum[] {
  const s = spec as unknown as { data?: { values: Datum[] }; layer?: { data?: { values: Datum[] } }[] };
  const values = layer === undefined ? s.data?.values : s.layer?.[layer]?.data?.values;
  assert.ok(Array.isArray(values), `no data in layer ${layer}`);
  return values;
}

/** The data of the first layer whose mark is `type` (and whose data is inline). */
function layerData(spec: TopLevelSpec, type: string): Datum[] {
  const layers = (spec as unknown as { layer: { mark: { type: string }; data?: { values: Datum[] } }[] }).layer;
  const l = layers.find((x) => x.mark.type === type && x.data !== undefined);
  assert.ok(l?.data, `no ${type} layer with data`);
  return l.data.values;
}

/** How many marks a role-mark group of the SVG holds, by mark type: rect → count of its paths. */
function marks(svg: string, type: string): number {
  const re = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g');
  let n = 0;
  for (const m of svg.matchAll(re)) n += (m[1]?.match(/<path|<line/g) ?? []).length;
  return n;
}

const byName = (charts: Chart[], name: string): Chart => {
  const c = charts.find((x) => x.name === name);
  assert.ok(c, `no chart ${name} in ${charts.map((x) => x.name).join(', ')}`);
  return c;
};

// P(POSITIVE) of group g in template t: 0.2 + 0.1 g + 0.05 t.
const score = (g: number, t: number) => 0.2 + 0.1 * g + 0.05 * t;

describe('charts', () => {
  const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 4, score });
  const charts = buildCharts(results, sentences);

  it('gives each axis its gates, and for the audited label a dot plot, heatmap and strip plot; a dot plot per other label', () => {
    assert.deepEqual(
      charts.map((c) => [c.name, c.kind, c.label, c.full ?? false]),
      [
        ['group-gates', 'gates', 'POSITIVE', false],
        ['group-means', 'means', 'POSITIVE', false],
        ['group-heatmap', 'heatmap', 'POSITIVE', false],
        ['group-deltas', 'deltas', 'POSITIVE', false],
        ['group-means-NEGATIVE', 'means', 'NEGATIVE', false],
      ],
    );
    // Each has a text alternative with its numbers and a caption.
    assert.match(
      byName(charts, 'group-means').alt,
      /^Dot plot of the mean P\(POSITIVE\) of all 3 groups of group, highest first: C 0\.475 \[0\.425, 0\.525\] to A 0\.275 /,
    );
    assert.ok(charts.every((c) => c.alt.length > 20 && c.caption.length > 20));
  });

  it('puts exact values in the specs: group means sorted, heatmap cells, per-set deltas against the reference', () => {
    const close = (a: unknown, b: number) => assert.ok(Math.abs((a as number) - b) < 1e-12, `${a} vs ${b}`);
    const means = dataOf(byName(charts, 'group-means').spec).filter((d) => !d['gap']);
    assert.deepEqual(
      means.map((d) => [d['group'], d['pos'], d['reference']]),
      [
        ['C', 0, false],
        ['B', 1, false],
        ['A', 2, true],
      ],
    );
    close(means[0]!['mean'], 0.2 + 0.2 + 0.075);
    const cells = layerData(byName(charts, 'group-heatmap').spec, 'rect');
    assert.equal(cells.length, 12);
    const cell = cells.find((c) => c['group'] === 'B' && c['order'] === 3);
    assert.equal(cell?.['column'], 'T4');
    assert.equal(cell?.['template'], 'Template 3 about {group}.');
    close(cell?.['mean'], 0.2 + 0.1 + 0.15);
    const ticks = layerData(byName(charts, 'group-deltas').spec, 'tick');
    assert.equal(ticks.length, 8);
    for (const t of ticks) close(t['delta'], t['group'] === 'B' ? 0.1 : 0.2);
    // The reference group A is the zero line, not a row.
    assert.ok(ticks.every((t) => t['group'] !== 'A'));
  });

  it('draws every gate with its threshold: the gate chart, a mean gate on the dot plot, the band a gap gate allows', () => {
    const gates = layerData(byName(charts, 'group-gates').spec, 'point');
    assert.deepEqual(
      gates.map((g) => [g['row'], g['status'], g['max']]),
      [
        ['pass · mean · A', 'pass', 0.5],
        ['pass · mean · B', 'pass', 0.5],
        ['pass · mean · C', 'pass', 0.5],
      ],
    );
    assert.deepEqual(
      layerData(byName(charts, 'group-gates').spec, 'tick').map((t) => t['at']),
      [0.5, 0.5, 0.5],
    );
    const rules = (
      byName(charts, 'group-means').spec as unknown as {
        layer: { mark: { color?: string; strokeDash?: number[] }; data?: { values: Datum[] } }[];
      }
    ).layer;
    assert.deepEqual(
      rules.filter((l) => l.mark.strokeDash !== undefined).flatMap((l) => l.data?.values.map((v) => v['at'])),
      [0.5, 0.5, 0.5],
    );
    const gap: AuditResults = {
      ...results,
      gates: [{ ...results.gates[0]!, metric: 'gap', group: undefined as unknown as string, max: 0.1 }],
    };
    delete (gap.gates[0] as { group?: string }).group;
    const band = layerData(byName(buildCharts(gap, sentences), 'group-means').spec, 'rect');
    assert.deepEqual(
      band.map((b) => [b['from'], Number((b['to'] as number).toFixed(12))]),
      [[0.275, 0.375]],
    );
  });

  it('renders deterministic SVG with one mark per datum', async () => {
    const svgs = await renderCharts(charts);
    const again = await renderCharts(charts);
    assert.deepEqual([...svgs], [...again]);
    assert.equal(marks(svgs.get('group-means')!, 'symbol'), 3);
    assert.equal(marks(svgs.get('group-heatmap')!, 'rect'), 12);
    assert.equal(marks(svgs.get('group-deltas')!, 'rect'), 8);
    assert.equal(marks(svgs.get('group-gates')!, 'symbol'), 3);
    // Heatmap cells and strip ticks carry no ARIA label each (thousands in a real audit).
    for (const name of ['group-heatmap', 'group-deltas']) {
      const cells = /<g class="mark-rect role-mark[^"]*"([^>]*)>([\s\S]*?)<\/g>/.exec(svgs.get(name)!);
      assert.match(cells?.[1] ?? '', /aria-hidden="true"/, name);
    }
    // Clip ids are scoped per chart, so charts never share an id in one page.
    const ids = [...svgs.values()].flatMap((s) => [...s.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('refuses to load data: a chart is drawn from inline data only', async () => {
    const spec = { ...byName(charts, 'group-means').spec, data: { url: 'https://example.com/data.json' } } as TopLevelSpec;
    await assert.rejects(renderSvg(spec), /chart tried to load "https:\/\/example\.com\/data\.json": only inline data is allowed/);
  });

  it('shows the top and bottom 10 of a many-group axis, the reference and gap rows, and every group in the full chart', () => {
    const groups = Array.from({ length: 40 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    // Group i scores 0.9 − 0.02 i: g00 highest; the reference g00… made g20 below.
    const run = syntheticRun({ groups, templates: 3, score: (g) => 0.9 - 0.02 * g });
    run.results.axes[0]!.reference = 'g20';
    const many = buildCharts(run.results, run.sentences);
    assert.deepEqual(
      many.filter((c) => c.label === 'POSITIVE').map((c) => c.name),
      ['group-gates', 'group-means', 'group-means-all', 'group-heatmap', 'group-heatmap-all', 'group-deltas'],
    );
    const rows = dataOf(byName(many, 'group-means').spec).map((d) => (d['gap'] ? `[${d['group']}]` : d['group']));
    assert.deepEqual(rows, [...groups.slice(0, 10), '[⋯ 10 more]', 'g20', '[⋯ 9 more]', ...groups.slice(30)]);
    assert.equal(dataOf(byName(many, 'group-means-all').spec).length, 40);
    // The heatmap has the dot plot's rows.
    const heat = new Set(layerData(byName(many, 'group-heatmap').spec, 'rect').map((c) => c['group']));
    assert.deepEqual([...heat].sort(), [...groups.slice(0, 10), 'g20', ...groups.slice(30)].sort());
    // The overall mean is over all 40 groups, not the 21 shown.
    const overall = layerData(byName(many, 'group-means').spec, 'rule').find((r) => r['kind'] === 'overall');
    assert.ok(Math.abs((overall?.['at'] as number) - (0.9 - 0.02 * 19.5)) < 1e-12);
    // The full chart filters by group name in interactive views.
    assert.match(JSON.stringify(byName(many, 'group-means-all').spec), /"bind":\{"input":"search"/);
  });

  it('gives the heatmap and the map one colour rule: white at the mean of group means, symmetric', () => {
    const run = syntheticRun({
      groups: ['India', 'Iraq', 'Germany'],
      templates: 2,
      score: (g, t) => 0.3 + 0.2 * g + 0.1 * t,
      axis: 'country',
      lexicon: 'countries',
    });
    const all = buildCharts(run.results, run.sentences);
    const scale = (c: Chart) => JSON.stringify(c.spec).match(/"scale":\{"domain":\[[^\]]+\],"domainMid":[^,]+,"scheme":"redblue"/)?.[0];
    const map = scale(byName(all, 'country-map'));
    assert.ok(map);
    assert.equal(scale(byName(all, 'country-heatmap')), map);
    // Means 0.35, 0.55, 0.75 → white at 0.55; cells reach 0.3 and 0.8 → ±0.25.
    const [lo, hi, mid] = (map.match(/-?[0-9.]+(e-?\d+)?/g) ?? []).map(Number);
    for (const [a, b] of [
      [lo, 0.3],
      [hi, 0.8],
      [mid, 0.55],
    ])
      assert.ok(Math.abs((a as number) - (b as number)) < 1e-12, `${a} vs ${b}`);
  });

  it('maps a countries axis: shapes by ISO numeric code (or name), dots for small states, the rest listed', async () => {
    const run = syntheticRun({
      groups: ['India', 'Iraq', 'Singapore', 'Kosovo', 'Atlantis'],
      templates: 2,
      score,
      axis: 'country',
      lexicon: 'countries',
    });
    const placed = placeGroups(run.results.axes[0]!.labels[0]);
    assert.deepEqual(
      placed.shapes.map((s) => [s.group, s.key]),
      [
        ['India', '356'],
        ['Iraq', '368'],
        ['Kosovo', 'Kosovo'],
      ],
    );
    assert.deepEqual(
      placed.dots.map((d) => [d.group, d.lat, d.lon]),
      [['Singapore', 1.36666666, 103.8]],
    );
    assert.deepEqual(placed.unplaced, ['Atlantis']);
    const map = buildCharts(run.results, run.sentences).find((c) => c.kind === 'map');
    assert.equal(map?.name, 'country-map');
    const svg = await renderSvg(map!.spec);
    // Every country of world-atlas's 1:110m map is a shape; the dot and the 4 ringed extremes are symbols.
    assert.equal(marks(svg, 'shape'), 177);
    assert.equal(marks(svg, 'symbol'), 5);
    assert.match(map!.caption, /4 of 5 groups on the map · 1 too small for this map shown as dots · 1 without a known location/);
  });

  it('splits a combination: one row per country, female and male side by side, sorted by their difference', () => {
    const rows = ['India', 'Iraq', 'Chile', 'Japan'];
    // female − male: India +0.2, Iraq −0.1, Chile 0, Japan +0.05.
    const diff = [0.2, -0.1, 0, 0.05];
    const run = syntheticIntersection(
      ['female', 'male'],
      rows,
      2,
      (s, r) => 0.5 + (s === 0 ? (diff[r] as number) / 2 : -(diff[r] as number) / 2),
    );
    const all = buildCharts(run.results, run.sentences);
    const x = byName(all, 'gender-country-intersection');
    const bars =
      (
        (x.spec as unknown as { hconcat: { layer: { mark: { type: string }; data: { values: Datum[] } }[] }[] }).hconcat[1]?.layer ?? []
      ).find((l) => l.mark.type === 'bar')?.data.values ?? [];
    assert.deepEqual(
      bars.map((b) => [b['row'], Number((b['difference'] as number).toFixed(12))]),
      [
        ['India', 0.2],
        ['Japan', 0.05],
        ['Chile', 0],
        ['Iraq', -0.1],
      ],
    );
    assert.match(
      x.alt,
      /For each of the 4 groups of country, P\(POSITIVE\) of female and male side by side, sorted by female − male: largest India \(\+0\.200: female 0\.600, male 0\.400\); smallest Iraq \(-0\.100/,
    );
    // The combination's own section shows this view first.
    assert.deepEqual(
      all
        .filter((c) => c.axis === 2)
        .map((c) => c.kind)
        .slice(0, 2),
      ['intersection', 'means'],
    );
  });

  it('draws small multiples of a breakdown, the values with the largest gap first', () => {
    const run = syntheticRun({ groups: ['female', 'male'], templates: 2, score: (g) => 0.4 + 0.1 * g, axis: 'gender' });
    const axisFor = (gapValue: number) => {
      const a = structuredClone(run.results.axes[0]!);
      a.labels[0]!.groups[1]!.metrics['mean']!.value = 0.4 + gapValue;
      a.labels[0]!.metrics['gap']!.value = gapValue;
      return a;
    };
    const withBreakdowns = {
      ...run.results,
      breakdowns: [
        ['nurse', 0.05],
        ['engineer', 0.3],
        ['teacher', 0.1],
      ].map(([value, g]) => ({ by: 'occupation', value, axes: [axisFor(g as number)] })),
    } as AuditResults;
    const chart = byName(buildCharts(withBreakdowns, run.sentences), 'gender-breakdown-occupation');
    assert.equal(chart.by, 'occupation');
    const panels = [...new Set(dataOf(chart.spec).map((d) => d['panel']))];
    assert.deepEqual(panels, ['engineer · gap 0.300', 'teacher · gap 0.100', 'nurse · gap 0.050']);
  });

  it('draws a corrupt 1e308 within its scale, never an overflowing one', async () => {
    const run = syntheticRun({ groups: ['India', 'Iraq', 'Germany'], templates: 2, score, axis: 'country', lexicon: 'countries' });
    for (const g of run.results.axes[0]!.labels[0]!.groups) g.metrics['mean'] = { ...g.metrics['mean']!, value: 1e308, ci: [1e308, 1e308] };
    run.results.gates[0]!.value = 1e308;
    const svgs = await renderCharts(buildCharts(run.results, run.sentences));
    assert.ok([...svgs.values()].every((s) => s.startsWith('<svg')));
  });
});
