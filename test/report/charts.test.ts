import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { buildCharts, placeGroups, renderCharts, renderSvg } from '../../src/report/index.ts';
import { syntheticRun } from './synthetic.ts';

/** The inline data of a chart (or of one of its layers). */
function dataOf(spec: TopLevelSpec, layer?: number): Record<string, unknown>[] {
  const s = spec as unknown as { data?: { values: Record<string, unknown>[] }; layer?: { data?: { values: Record<string, unknown>[] } }[] };
  const values = layer === undefined ? s.data?.values : s.layer?.[layer]?.data?.values;
  assert.ok(Array.isArray(values));
  return values;
}

/** How many marks a role-mark group of the SVG holds, by mark type: rect → count of its paths. */
function marks(svg: string, type: string): number {
  const re = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g');
  let n = 0;
  for (const m of svg.matchAll(re)) n += (m[1]?.match(/<path|<line/g) ?? []).length;
  return n;
}

// P(POSITIVE) of group g in template t: 0.2 + 0.1 g + 0.05 t.
const score = (g: number, t: number) => 0.2 + 0.1 * g + 0.05 * t;

describe('charts', () => {
  const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 4, score });
  const charts = buildCharts(results, sentences);

  it('gives each axis a dot plot, heatmap and delta strip plot for the audited label, a dot plot per other label', () => {
    assert.deepEqual(
      charts.map((c) => [c.name, c.kind, c.label]),
      [
        ['group-means', 'means', 'POSITIVE'],
        ['group-heatmap', 'heatmap', 'POSITIVE'],
        ['group-deltas', 'deltas', 'POSITIVE'],
        ['group-means-NEGATIVE', 'means', 'NEGATIVE'],
      ],
    );
  });

  it('puts exact values in the specs: group means sorted, heatmap cells, per-set deltas against the reference', () => {
    const close = (a: unknown, b: number) => assert.ok(Math.abs((a as number) - b) < 1e-12, `${a} vs ${b}`);
    const means = dataOf(charts[0]!.spec);
    assert.deepEqual(means.map((d) => [d['group'], d['rank'], d['reference']]), [['C', 0, false], ['B', 1, false], ['A', 2, true]]);
    close(means[0]!['mean'], 0.2 + 0.2 + 0.075);
    const cells = dataOf(charts[1]!.spec);
    assert.equal(cells.length, 12);
    const cell = cells.find((c) => c['group'] === 'B' && c['order'] === 3);
    assert.equal(cell?.['column'], '4. Template 3 about {group}.');
    close(cell?.['mean'], 0.2 + 0.1 + 0.15);
    const ticks = dataOf(charts[2]!.spec, 1);
    assert.equal(ticks.length, 8);
    for (const t of ticks) close(t['delta'], t['group'] === 'B' ? 0.1 : 0.2);
    // The reference group A is the zero line, not a row.
    assert.ok(ticks.every((t) => t['group'] !== 'A'));
  });

  it('renders deterministic SVG with one mark per datum', async () => {
    const svgs = await renderCharts(charts);
    const again = await renderCharts(charts);
    assert.deepEqual([...svgs], [...again]);
    assert.equal(marks(svgs.get('group-means')!, 'symbol'), 3);
    assert.equal(marks(svgs.get('group-heatmap')!, 'rect'), 12);
    assert.equal(marks(svgs.get('group-deltas')!, 'rect'), 8);
    // Heatmap cells and strip ticks carry no ARIA label each (thousands in a real audit); the
    // dot plot's few points keep theirs, and every chart keeps its description.
    for (const name of ['group-heatmap', 'group-deltas']) {
      const cells = /<g class="mark-rect role-mark[^"]*"([^>]*)>([\s\S]*?)<\/g>/.exec(svgs.get(name)!);
      assert.match(cells?.[1] ?? '', /aria-hidden="true"/, name);
      assert.ok((cells?.[2]?.match(/<path/g) ?? []).length > 0 && !cells?.[2]?.includes('aria-label'), name);
    }
    assert.equal(svgs.get('group-means')!.match(/<path aria-label="[^"]*" role="graphics-symbol"/g)?.length, 3);
    // Clip ids are scoped per chart, so charts never share an id in one page.
    const ids = [...svgs.values()].flatMap((s) => [...s.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('refuses to load data: a chart is drawn from inline data only', async () => {
    const spec = { ...charts[0]!.spec, data: { url: 'https://example.com/data.json' } } as TopLevelSpec;
    await assert.rejects(renderSvg(spec), /chart tried to load "https:\/\/example\.com\/data\.json": only inline data is allowed/);
  });

  it('maps a countries axis: shapes by ISO numeric code (or name), dots for small states, the rest listed', async () => {
    const run = syntheticRun({ groups: ['India', 'Iraq', 'Singapore', 'Kosovo', 'Atlantis'], templates: 2, score, axis: 'country', lexicon: 'countries' });
    const placed = placeGroups(run.results.axes[0]!.labels[0]);
    assert.deepEqual(placed.shapes.map((s) => [s.group, s.key]), [['India', '356'], ['Iraq', '368'], ['Kosovo', 'Kosovo']]);
    assert.deepEqual(placed.dots.map((d) => [d.group, d.lat, d.lon]), [['Singapore', 1.36666666, 103.8]]);
    assert.deepEqual(placed.unplaced, ['Atlantis']);
    const map = buildCharts(run.results, run.sentences).find((c) => c.kind === 'map');
    assert.equal(map?.name, 'country-map');
    const svg = await renderSvg(map!.spec);
    // Every country of world-atlas's 1:110m map is a shape; the dot is a circle.
    assert.equal(marks(svg, 'shape'), 177);
    assert.equal(marks(svg, 'symbol'), 1);
    assert.match(JSON.stringify(map!.spec), /4 of 5 groups on the map · 1 too small for this map shown as dots · 1 without a known location/);
  });

  it('gives other lexicons no map', () => {
    assert.ok(!charts.some((c) => c.kind === 'map'));
  });
});
