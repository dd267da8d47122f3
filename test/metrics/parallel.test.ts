import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAxes, computeAxesInParallel, createRng, type PermutationJob } from '../../src/metrics/index.ts';
import { permutationsInWorker } from '../../src/metrics/parallel.ts';
import { makeSets, type SentenceSpec } from './sets.ts';

const labels = { labels: ['NEG', 'POS'], audited: 'POS' };
const options = { resamples: 300, confidence: 0.9, seed: 7 };

// Two axes, sets that vary both (two strata per country) and sets that vary one, some with a
// gold label: every kind of view, and enough relabellings that the tests are Monte Carlo.
const rng = createRng(3);
const sentence = (groups: Record<string, string>): SentenceSpec => {
  const p = rng.next();
  return { groups, probs: [1 - p, p] };
};
const both = Array.from({ length: 6 }, (_, i) => ({
  axes: ['gender', 'country'],
  ...(i % 2 === 0 ? { label: i % 4 === 0 ? 'POS' : 'NEG' } : {}),
  sentences: ['f', 'm'].flatMap((gender) => ['A', 'B', 'C'].map((country) => sentence({ gender, country }))),
}));
const countryOnly = Array.from({ length: 5 }, () => ({ axes: ['country'], sentences: ['A', 'B', 'C'].map((country) => sentence({ country })) }));
const { sets, scores } = makeSets(labels.labels, [...both, ...countryOnly]);
const generated = {
  axes: [
    { name: 'gender', lexicon: 'gender', groups: ['f', 'm'] },
    { name: 'country', lexicon: 'countries', groups: ['A', 'B', 'C'], reference: 'B' },
  ],
  sets,
};
const expected = computeAxes(generated, scores, labels, options);

describe('computeAxesInParallel', () => {
  it('gives the very results of computeAxes, with the permutation tests in a worker thread', async () => {
    const sent: PermutationJob[][] = [];
    const offload = (jobs: PermutationJob[]) => {
      sent.push(jobs);
      return permutationsInWorker(jobs);
    };
    const results = await computeAxesInParallel(generated, scores, labels, options, { offload, minWork: 0, cores: 2 });
    assert.deepEqual(sent.map((jobs) => jobs.map((j) => j.name)), [['gender', 'country', 'gender × country']]);
    assert.deepStrictEqual(results, expected);
    const methods = results.flatMap((a) => a.labels[0]?.metrics['gap']?.tests?.map((t) => t.method) ?? []);
    assert.ok(methods.length === 3 && methods.every((m) => m?.includes('Monte Carlo over 300')), methods.join('\n'));
  });

  it('computes the tests on its own thread when the worker fails, with the same results', async () => {
    const offload = () => Promise.reject(new Error('no worker here'));
    assert.deepStrictEqual(await computeAxesInParallel(generated, scores, labels, options, { offload, minWork: 0, cores: 2 }), expected);
  });

  it('starts a worker from minWork units of work on, and only with a second core', async () => {
    const calls: number[] = [];
    const offload = (jobs: PermutationJob[]) => {
      calls.push(jobs.length);
      return permutationsInWorker(jobs);
    };
    // Relabellings × sets × groups × labels: gender (6 sets × 2 groups), country (11 × 3), gender × country (6 × 6).
    const work = 300 * (6 * 2 + 11 * 3 + 6 * 6) * 2;
    for (const minWork of [work + 1, work]) {
      assert.deepStrictEqual(await computeAxesInParallel(generated, scores, labels, options, { offload, minWork, cores: 2 }), expected);
    }
    assert.deepEqual(calls, [3]);
    // On one core the two threads would only take turns.
    assert.deepStrictEqual(await computeAxesInParallel(generated, scores, labels, options, { offload, minWork: 0, cores: 1 }), expected);
    assert.deepEqual(calls, [3]);
  });

  it('passes on an error the worker met', async () => {
    let sent: PermutationJob[] = [];
    const offload = (jobs: PermutationJob[]) => ((sent = jobs), Promise.reject(new Error('computed on this thread')));
    await computeAxesInParallel(generated, scores, labels, options, { offload, minWork: 0, cores: 2 });
    const [job] = sent;
    // A table without its gold labels: what the worker's computation throws comes back as the rejection.
    const broken = { ...job!, table: { ...job!.table, gold: null as never } };
    await assert.rejects(permutationsInWorker([broken]), /Cannot read properties of null/);
  });
});
