import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderReports } from '../../src/report/index.ts';
import { tempDir } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

describe('the SVG cache', () => {
  const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 3, score: (g, t) => 0.2 + 0.1 * g + 0.05 * t });

  it('keeps each rendered chart, reuses it while spec and renderer are unchanged, and renders anew what is not whole', async () => {
    const cache = tempDir();
    const plain = await renderReports(results, sentences);
    const first = await renderReports(results, sentences, { chartCache: cache });
    assert.deepEqual(first, plain);
    const entries = readdirSync(cache).sort();
    const kept = entries.filter((f) => f.endsWith('.svg'));
    const svgNames = Object.keys(plain).filter((f) => f.endsWith('.svg'));
    assert.equal(kept.length, svgNames.length);
    assert.ok(kept.every((f) => /^[0-9a-f]{64}\.svg$/.test(f)));
    // Beside each SVG, the spec's compact text, as charts/<name>.vl.json holds it.
    assert.deepEqual(entries.filter((f) => !f.endsWith('.svg')), kept.map((f) => f.replace(/\.svg$/, '.vl.json')));
    const specTexts = new Set(Object.entries(plain).filter(([f]) => f.endsWith('.vl.json')).map(([, text]) => text));
    assert.ok(kept.every((f) => specTexts.has(`${readFileSync(path.join(cache, f.replace(/\.svg$/, '.vl.json')), 'utf8')}\n`)));
    // Each entry holds its chart's SVG (without the final newline of the file).
    const bySvg = new Map(kept.map((f) => [readFileSync(path.join(cache, f), 'utf8'), f]));
    const heatmap = bySvg.get((plain['charts/group-heatmap.svg'] as string).slice(0, -1)) as string;
    assert.ok(heatmap);

    // A kept SVG is what the report gets: mark one and see it come back.
    writeFileSync(path.join(cache, heatmap), '<svg id="kept"></svg>');
    writeFileSync(path.join(cache, heatmap.replace(/\.svg$/, '.vl.json')), '{"kept": true}');
    const second = await renderReports(results, sentences, { chartCache: cache });
    assert.equal(second['charts/group-heatmap.svg'], '<svg id="kept"></svg>\n');
    assert.equal(second['charts/group-heatmap.vl.json'], '{"kept": true}\n');
    writeFileSync(path.join(cache, heatmap.replace(/\.svg$/, '.vl.json')), (plain['charts/group-heatmap.vl.json'] as string).slice(0, -1));
    assert.match(second['report.html'] as string, /<svg id="kept"><\/svg>/);

    // A cut entry is not reused: the chart renders again, and the entry is whole again.
    writeFileSync(path.join(cache, heatmap), (plain['charts/group-heatmap.svg'] as string).slice(0, 500));
    assert.deepEqual(await renderReports(results, sentences, { chartCache: cache }), plain);
    assert.equal(readFileSync(path.join(cache, heatmap), 'utf8'), (plain['charts/group-heatmap.svg'] as string).slice(0, -1));

    // Another spec is another entry.
    const other = syntheticRun({ groups: ['A', 'B', 'C'], templates: 3, score: (g, t) => 0.3 + 0.1 * g + 0.05 * t });
    await renderReports(other.results, other.sentences, { chartCache: cache });
    assert.ok(readdirSync(cache).length > entries.length);
  });
});
