import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderReports } from '../../src/report/index.ts';
import { tempDir } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

describe('the SVG cache', () => {
  const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 3, score: (g, t) => 0.2 + 0.1 * g + 0.05 * t });

  /** The cache entry (base path) holding the chart whose SVG file is `name` in the reports. */
  function entryOf(cache: string, plain: Record<string, string>, name: string): string {
    const svg = (plain[`charts/${name}.svg`] as string).slice(0, -1);
    const file = readdirSync(cache).find((f) => f.endsWith('.svg') && readFileSync(path.join(cache, f), 'utf8') === svg);
    assert.ok(file, `no entry holds ${name}`);
    return path.join(cache, file.replace(/\.svg$/, ''));
  }

  it('keeps each rendered chart with its spec text and MAC, and reuses it while spec and renderer are unchanged', async () => {
    const cache = tempDir();
    const keyFile = path.join(tempDir(), 'key');
    const plain = await renderReports(results, sentences);
    const first = await renderReports(results, sentences, { chartCache: cache, chartCacheKey: keyFile });
    assert.deepEqual(first, plain);
    // The key lives apart from the cache, readable by its owner alone.
    assert.match(readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal(statSync(keyFile).mode & 0o077, 0);
    const entries = readdirSync(cache).sort();
    const svgs = entries.filter((f) => f.endsWith('.svg'));
    assert.equal(svgs.length, Object.keys(plain).filter((f) => f.endsWith('.svg')).length);
    assert.ok(svgs.every((f) => /^[0-9a-f]{64}\.svg$/.test(f)));
    for (const f of svgs) {
      assert.ok(entries.includes(f.replace(/\.svg$/, '.vl.json')));
      assert.match(readFileSync(path.join(cache, f.replace(/\.svg$/, '.mac')), 'utf8'), /^[0-9a-f]{64}$/);
    }
    // Served from the cache: the same files again, the entries untouched.
    const before = new Map(entries.map((f) => [f, statSync(path.join(cache, f)).mtimeMs]));
    assert.deepEqual(await renderReports(results, sentences, { chartCache: cache, chartCacheKey: keyFile }), plain);
    for (const [f, t] of before) assert.equal(statSync(path.join(cache, f)).mtimeMs, t, f);
  });

  it('never lets an edited entry into the report: a forged SVG, a refresh, a forged spec or MAC are rendered anew', async () => {
    const cache = tempDir();
    const keyFile = path.join(tempDir(), 'key');
    const plain = await renderReports(results, sentences, { chartCache: cache, chartCacheKey: keyFile });
    const heatmap = entryOf(cache, plain, 'group-heatmap');
    const means = entryOf(cache, plain, 'group-means');
    const forged = '<svg xmlns="http://www.w3.org/2000/svg"><text>ALL GATES PASSED</text></svg>';
    const refresh = '<svg xmlns="http://www.w3.org/2000/svg"><meta http-equiv="refresh" content="0;url=https://example.com/"/></svg>';
    writeFileSync(`${heatmap}.svg`, forged);
    // Whoever edits the cache may recompute a plain digest too: without the key it is no MAC.
    writeFileSync(`${means}.svg`, refresh);
    writeFileSync(`${means}.mac`, createHash('sha256').update(refresh).digest('hex'));
    const deltas = entryOf(cache, plain, 'group-deltas');
    writeFileSync(`${deltas}.vl.json`, '{"data": {"url": "https://example.com/"}}');
    const again = await renderReports(results, sentences, { chartCache: cache, chartCacheKey: keyFile });
    assert.deepEqual(again, plain);
    assert.doesNotMatch(again['report.html'] as string, /ALL GATES PASSED|http-equiv="refresh"|example\.com/);
    // …and the entries are whole again.
    assert.equal(readFileSync(`${heatmap}.svg`, 'utf8'), (plain['charts/group-heatmap.svg'] as string).slice(0, -1));
    assert.equal(readFileSync(`${means}.svg`, 'utf8'), (plain['charts/group-means.svg'] as string).slice(0, -1));
    // A cut entry is not reused either.
    writeFileSync(`${heatmap}.svg`, (plain['charts/group-heatmap.svg'] as string).slice(0, 500));
    assert.deepEqual(await renderReports(results, sentences, { chartCache: cache, chartCacheKey: keyFile }), plain);
  });

  it('trusts no entry written under another key, and keeps nothing without a usable key', async () => {
    const cache = tempDir();
    const plain = await renderReports(results, sentences, { chartCache: cache, chartCacheKey: path.join(tempDir(), 'key') });
    const heatmap = entryOf(cache, plain, 'group-heatmap');
    writeFileSync(`${heatmap}.svg`, '<svg id="theirs"></svg>');
    // Another key (another user, a fresh CI job): the entry fails its MAC.
    const other = await renderReports(results, sentences, { chartCache: cache, chartCacheKey: path.join(tempDir(), 'key') });
    assert.deepEqual(other, plain);
    // A key file that is not a key: the cache is left alone.
    const bad = path.join(tempDir(), 'key');
    writeFileSync(bad, 'not a key');
    const fresh = tempDir();
    assert.deepEqual(await renderReports(results, sentences, { chartCache: fresh, chartCacheKey: bad }), plain);
    assert.deepEqual(readdirSync(fresh), []);
  });
});
