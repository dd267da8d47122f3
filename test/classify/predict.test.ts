import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openPredictionCache, planBatches, predictInputs, type Classifier, type TextInput } from '../../src/classify/index.ts';
import { tempDir } from '../helpers.ts';

const texts = (...t: string[]): TextInput[] => t.map((text) => ({ text }));

/** A classifier scoring a text by its length, recording every call. */
function fake(options: { fingerprint?: string; failOn?: string } = {}): Classifier & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    labels: ['NEG', 'POS'],
    device: 'cpu',
    dtype: 'fp32',
    ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
    calls,
    classify: async (inputs) => {
      calls.push(inputs.map((i) => i.text));
      if (inputs.some((i) => i.text === options.failOn)) throw new Error(`cannot score ${options.failOn}`);
      return inputs.map(({ text }) => [1 - text.length / 10, text.length / 10]);
    },
    dispose: async () => {},
  };
}

describe('predictInputs', () => {
  it('classifies each distinct text once, in batches of batch_size, reporting progress', async () => {
    const c = fake();
    const progress: [number, number][] = [];
    const p = await predictInputs(c, texts('a', 'bb', 'a', 'ccc', 'bb', 'dddd', 'eeeee'), { batchSize: 2, onProgress: (d, t) => progress.push([d, t]) });
    assert.deepEqual(c.calls, [['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    assert.deepEqual(progress, [[0, 5], [2, 5], [4, 5], [5, 5]]);
    assert.deepEqual(p.inputs.map((i) => i.text), ['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    assert.deepEqual(p.probs[2], [1 - 3 / 10, 3 / 10]);
  });

  it('keeps a text pair apart from the same text alone', async () => {
    const c = fake();
    await predictInputs(c, [{ text: 'a b' }, { text: 'a', text_pair: 'b' }, { text: 'a b' }, { text: 'a', text_pair: 'b' }], { batchSize: 8 });
    assert.deepEqual(c.calls, [['a b', 'a']]);
  });

  it('runs a backend’s own plan, at most `concurrency` batches at once, and puts results back in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const c: Classifier = {
      ...fake(),
      async plan(inputs) {
        return {
          concurrency: 2,
          batches: planBatches(inputs.map((i) => i.text.length), { maxTokens: 6, maxRows: 8 }).map((indices) => ({
            indices,
            run: async () => {
              most = Math.max(most, ++inFlight);
              await new Promise((r) => setTimeout(r, 5 * indices.length));
              inFlight--;
              return indices.map((i) => [i, -i]);
            },
          })),
        };
      },
    };
    const p = await predictInputs(c, texts('aaaa', 'b', 'cc', 'ddd', 'e', 'ffffff'), { batchSize: 99 });
    assert.deepEqual(p.probs, [0, 1, 2, 3, 4, 5].map((i) => [i, -i]));
    assert.equal(most, 2);
  });

  it('takes what the cache holds for this model and classifies the rest', async () => {
    const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
    try {
      const first = fake({ fingerprint: 'sha256:m1' });
      const a = await predictInputs(first, texts('a', 'bb', 'ccc'), { batchSize: 2, cache });
      assert.deepEqual(first.calls, [['a', 'bb'], ['ccc']]);

      const second = fake({ fingerprint: 'sha256:m1' });
      const progress: [number, number][] = [];
      const b = await predictInputs(second, texts('ccc', 'dddd', 'a', 'bb'), { batchSize: 2, cache, onProgress: (d, t) => progress.push([d, t]) });
      assert.deepEqual(second.calls, [['dddd']], 'only the text the cache lacks');
      assert.deepEqual(progress, [[3, 4], [4, 4]]);
      assert.deepEqual(b.probs, [a.probs[2], [0.6, 0.4], a.probs[0], a.probs[1]]);

      const otherModel = fake({ fingerprint: 'sha256:m2' });
      await predictInputs(otherModel, texts('a'), { batchSize: 2, cache });
      assert.deepEqual(otherModel.calls, [['a']], 'another model’s predictions are not this one’s');

      const unfingerprinted = fake();
      await predictInputs(unfingerprinted, texts('a'), { batchSize: 2, cache });
      await predictInputs(unfingerprinted, texts('a'), { batchSize: 2, cache });
      assert.deepEqual(unfingerprinted.calls, [['a'], ['a']], 'a classifier without a fingerprint is never cached');
    } finally {
      cache.close();
    }
  });

  it('keeps the batches finished before a failure, so a re-run redoes only the rest', async () => {
    const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
    try {
      const failing = fake({ fingerprint: 'sha256:m', failOn: 'ccc' });
      await assert.rejects(predictInputs(failing, texts('a', 'bb', 'ccc', 'dddd'), { batchSize: 2, cache }), /cannot score ccc/);
      const rerun = fake({ fingerprint: 'sha256:m' });
      await predictInputs(rerun, texts('a', 'bb', 'ccc', 'dddd'), { batchSize: 2, cache });
      assert.deepEqual(rerun.calls, [['ccc', 'dddd']]);
    } finally {
      cache.close();
    }
  });

  it('rejects results of the wrong shape', async () => {
    const c: Classifier = { ...fake(), classify: async () => [[0.5, 0.5, 0]] };
    await assert.rejects(predictInputs(c, texts('a'), { batchSize: 2 }), { message: 'classifier returned [0.5,0.5,0] for one input; expected 2 finite probabilities' });
  });
});

describe('planBatches', () => {
  it('sorts longest first and cuts by rows × longest ≤ budget, ties in input order', () => {
    assert.deepEqual(planBatches([3, 10, 4, 6, 5, 4], { maxTokens: 12, maxRows: 8 }), [[1], [3, 4], [2, 5, 0]]);
    assert.deepEqual(planBatches([2, 2, 2, 2, 2], { maxTokens: 100, maxRows: 2 }), [[0, 1], [2, 3], [4]]);
    assert.deepEqual(planBatches([50, 1], { maxTokens: 8, maxRows: 8 }), [[0], [1]], 'an input above the budget runs alone');
    assert.deepEqual(planBatches([], { maxTokens: 8, maxRows: 8 }), []);
  });
});
