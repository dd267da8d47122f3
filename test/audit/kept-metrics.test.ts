/** Metrics kept between runs: read back only when everything they were computed from is the same, and then to the last bit. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { codeIdentity, KEPT_METRICS_ENTRIES, keptMetricsBeside, keptOrComputed } from '../../src/audit/kept-metrics.ts';
import { loadSpec, resolveRunOptions, runAudit } from '../../src/index.ts';
import { tempDir } from '../helpers.ts';

const KEPT = 'metrics kept from an earlier run of the same sets, predictions and settings';

/** Two axes in one template, a filler broken down by, on the planted-bias model. */
function writeSpec(dir: string): string {
  const file = path.join(dir, 'kept.yaml');
  const model = path.relative(dir, path.resolve('models', 'planted-bias'));
  writeFileSync(
    file,
    [
      'name: Kept metrics',
      `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
      'bootstrap: { resamples: 300 }',
      'templates:',
      '  - "{gender.subject} is from {country}."',
      '  - "The food in {country} was {quality}."',
      '  - "I met {gender.object} in {country}."',
      'fillers: { quality: [fine, great, cold] }',
      'breakdown: [quality]',
      'axes:',
      '  gender: { lexicon: gender }',
      '  country: { lexicon: countries, groups: [India, Iraq, Germany] }',
    ].join('\n'),
  );
  return file;
}

describe('kept metrics', () => {
  let dir = '';
  let spec = '';
  before(() => {
    dir = tempDir();
    spec = writeSpec(dir);
    // The key of kept files, apart from the user's.
    process.env['XDG_STATE_HOME'] = path.join(dir, 'state');
  });

  async function run(cache: string | undefined, seed?: number) {
    const loaded = loadSpec(spec);
    const lines: string[] = [];
    const out = await runAudit(loaded, resolveRunOptions(loaded, { cache, seed, now: () => new Date(0), log: (l) => lines.push(l) }));
    return { ...out, kept: lines.includes(KEPT) };
  }

  it('are read back by a re-run of the same audit, predictions from the cache, equal to the last bit to computing them', async () => {
    const cache = path.join(dir, 'cache', 'cache.sqlite');
    const fresh = await run(undefined);
    const first = await run(cache);
    const second = await run(cache);
    assert.deepEqual([fresh.kept, first.kept, second.kept], [false, false, true]);
    assert.deepEqual(readdirSync(keptMetricsBeside(cache)).map((f) => path.extname(f)), ['.v8'], readdirSync(keptMetricsBeside(cache)).join());
    for (const r of [first, second]) {
      assert.deepStrictEqual(r.results, fresh.results);
      assert.equal(JSON.stringify(r.results), JSON.stringify(fresh.results));
    }
    assert.equal(second.results.breakdowns?.length, 3);
    assert.deepEqual(second.results.axes.map((a) => a.name), ['gender', 'country', 'gender × country']);
  });

  it('are computed again for another seed, and without a cache nothing is kept', async () => {
    const cache = path.join(dir, 'seeds', 'cache.sqlite');
    const one = await run(cache, 1);
    const two = await run(cache, 2);
    assert.deepEqual([one.kept, two.kept], [false, false]);
    assert.notDeepEqual(two.results.axes, one.results.axes);
    assert.equal((await run(cache, 2)).kept, true);
    assert.equal(existsSync(keptMetricsBeside(path.join(dir, 'cache.sqlite'))), false);
    // Nothing to keep: the inputs are never encoded.
    const unread = () => {
      throw new Error('encoded without a cache');
    };
    assert.deepEqual(await keptOrComputed(undefined, unread, () => 7), { value: 7, kept: false });
  });

  it('are computed again when an entry was edited, or written under another key', async () => {
    const cache = path.join(dir, 'edited', 'cache.sqlite');
    const first = await run(cache);
    const [name] = readdirSync(keptMetricsBeside(cache));
    const file = path.join(keptMetricsBeside(cache), name as string);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    writeFileSync(file, bytes);
    const edited = await run(cache);
    assert.equal(edited.kept, false);
    assert.deepStrictEqual(edited.results, first.results);
    assert.equal((await run(cache)).kept, true);
    process.env['XDG_STATE_HOME'] = path.join(dir, 'another-state');
    try {
      assert.equal((await run(cache)).kept, false);
    } finally {
      process.env['XDG_STATE_HOME'] = path.join(dir, 'state');
    }
  });

  it(`keeps the ${KEPT_METRICS_ENTRIES} most recently used entries`, async () => {
    const folder = path.join(dir, 'many');
    const key = path.join(dir, 'many.key');
    const keep = (i: number) => keptOrComputed(folder, () => [`inputs ${i}`], () => ({ i }), key);
    for (let i = 0; i < KEPT_METRICS_ENTRIES + 3; i++) {
      const earlier = new Set(existsSync(folder) ? readdirSync(folder) : []);
      assert.deepEqual(await keep(i), { value: { i }, kept: false });
      // Modification times order the entries: give each new one a second of its own.
      for (const f of readdirSync(folder)) if (!earlier.has(f)) utimesSync(path.join(folder, f), new Date(0), new Date(1000 * (i + 1)));
    }
    assert.equal(readdirSync(folder).length, KEPT_METRICS_ENTRIES);
    assert.deepEqual(await keep(KEPT_METRICS_ENTRIES + 2), { value: { i: KEPT_METRICS_ENTRIES + 2 }, kept: true });
    assert.deepEqual(await keep(0), { value: { i: 0 }, kept: false });
    // Equal inputs only: the same text in other parts, or other numbers, is another entry.
    assert.equal((await keptOrComputed(folder, () => ['inputs', ' 0'], () => 'split', key)).kept, false);
    assert.equal((await keptOrComputed(folder, () => ['x', Float64Array.of(0)], () => 0, key)).kept, false);
    assert.equal((await keptOrComputed(folder, () => ['x', Float64Array.of(-0)], () => -0, key)).kept, false);
    assert.ok(Object.is((await keptOrComputed(folder, () => ['x', Float64Array.of(-0)], () => 1, key)).value, -0));
  });

  it('are tied to the code: editing, adding or rebuilding a module file changes its identity, other files do not', () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n');
    const before = codeIdentity(root);
    assert.equal(codeIdentity(root), before);
    writeFileSync(path.join(root, 'notes.md'), 'not code\n');
    assert.equal(codeIdentity(root), before);
    writeFileSync(path.join(root, 'a.ts'), 'export const a = 2;\n');
    utimesSync(path.join(root, 'a.ts'), new Date(0), new Date(5000));
    const edited = codeIdentity(root);
    assert.notEqual(edited, before);
    utimesSync(path.join(root, 'a.ts'), new Date(0), new Date(6000));
    assert.notEqual(codeIdentity(root), edited);
    writeFileSync(path.join(root, 'b.js'), '');
    assert.notEqual(codeIdentity(root), edited);
  });
});
