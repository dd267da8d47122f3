/** One resolved options object: a flag and its spec twin give the same run, every random draw included. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSpec, resolveRunOptions } from '../../src/index.ts';
import { cli, tempDir } from '../helpers.ts';

/** A spec whose template makes 12 sets and keeps 3, drawn with the seed. */
function spec(dir: string, name: string, seedLine: string): string {
  const file = path.join(dir, name);
  const model = path.relative(dir, path.resolve('models', 'planted-bias'));
  writeFileSync(
    file,
    [
      'name: Seeded sampling',
      seedLine,
      `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
      'bootstrap: { resamples: 200 }',
      'templates:',
      '  - { id: food, text: "The {dish} in {country} was fine.", max_sets: 3 }',
      'fillers:',
      '  dish: [food, soup, bread, rice, tea, cake, fish, salad, pie, stew, curry, pasta]',
      'axes:',
      '  country: { lexicon: countries, groups: [India, Iraq] }',
      '',
    ].join('\n'),
  );
  return file;
}

/** results.json without what names the run (its time, its spec file). */
function comparable(dir: string): unknown {
  const { created_at: _at, spec: _spec, ...rest } = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
  return rest;
}

function sampledDishes(dir: string): string[] {
  return [...new Set(readFileSync(path.join(dir, 'sentences.csv'), 'utf8').split('\n').slice(1).map((l) => /The (\w+) in/.exec(l)?.[1]).filter((d): d is string => d !== undefined))].sort();
}

describe('resolved run options', () => {
  it('--seed 2 gives the run that seed: 2 in the spec gives: the same sampled sets, the same numbers', async () => {
    const dir = tempDir();
    const [flagged, written, plain] = [path.join(dir, 'flag'), path.join(dir, 'spec'), path.join(dir, 'one')];
    assert.equal((await cli('run', spec(dir, 'a.yaml', 'seed: 1'), '--seed', '2', '--out', flagged, '--quiet', '--no-cache')).code, 0);
    assert.equal((await cli('run', spec(dir, 'b.yaml', 'seed: 2'), '--out', written, '--quiet', '--no-cache')).code, 0);
    assert.equal((await cli('run', spec(dir, 'c.yaml', 'seed: 1'), '--out', plain, '--quiet', '--no-cache')).code, 0);
    assert.deepEqual(comparable(flagged), comparable(written));
    assert.deepEqual(sampledDishes(flagged), sampledDishes(written));
    assert.equal(readFileSync(path.join(flagged, 'sentences.csv'), 'utf8'), readFileSync(path.join(written, 'sentences.csv'), 'utf8'));
    // The seed matters: seed 1 draws other sets (so this test could fail).
    assert.equal(sampledDishes(flagged).length, 3);
    assert.notDeepEqual(sampledDishes(plain), sampledDishes(flagged));
    assert.equal((JSON.parse(readFileSync(path.join(flagged, 'results.json'), 'utf8')) as { seed: number }).seed, 2);
  });

  it('re-running with the recorded seed gives byte-identical results but for created_at', async () => {
    const dir = tempDir();
    const file = spec(dir, 'a.yaml', 'seed: 7');
    const [first, again] = [path.join(dir, 'first'), path.join(dir, 'again')];
    await cli('run', file, '--out', first, '--quiet', '--no-cache');
    const seed = (JSON.parse(readFileSync(path.join(first, 'results.json'), 'utf8')) as { seed: number }).seed;
    await cli('run', file, '--seed', String(seed), '--out', again, '--quiet', '--no-cache');
    const strip = (d: string) => readFileSync(path.join(d, 'results.json'), 'utf8').replace(/"created_at": "[^"]+"/, '');
    assert.equal(strip(first), strip(again));
  });

  it('takes each setting from the caller, else from the spec', () => {
    const dir = tempDir();
    const loaded = loadSpec(spec(dir, 'a.yaml', 'seed: 5'));
    const fromSpec = resolveRunOptions(loaded);
    assert.deepEqual([fromSpec.seed, fromSpec.workers, fromSpec.threads, fromSpec.cache], [5, undefined, undefined, undefined]);
    const overridden = resolveRunOptions(loaded, { seed: 9, workers: 2, threads: 1, cache: 'x.sqlite' });
    assert.deepEqual([overridden.seed, overridden.workers, overridden.threads, overridden.cache], [9, 2, 1, 'x.sqlite']);
  });
});
