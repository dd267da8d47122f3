import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chunkIndices } from '../../src/classify/batching.ts';
import {
  inputKey,
  openPredictionCache,
  planBatches,
  predictInputs,
  type LoadedClassifier,
  type TextInput,
} from '../../src/classify/index.ts';
import { tempDir } from '../helpers.ts';
import { messageOf, problem } from './problems.ts';

const texts = (...t: string[]): TextInput[] => t.map((text) => ({ text }));

/** A classifier scoring a text by its length, recording every call. */
function fake(options: { fingerprint?: string; failOn?: string } = {}): LoadedClassifier & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    labels: ['NEG', 'POS'],
    device: 'cpu',
    dtype: 'fp32',
    fingerprint: options.fingerprint,
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
    const c: LoadedClassifier = {
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
              return indices.map((i) => [i / 10, 1 - i / 10]);
            },
          })),
        };
      },
    };
    const p = await predictInputs(c, texts('aaaa', 'b', 'cc', 'ddd', 'e', 'ffffff'), { batchSize: 99 });
    assert.deepEqual(p.probs, [0, 1, 2, 3, 4, 5].map((i) => [i / 10, 1 - i / 10]));
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
    const c: LoadedClassifier = { ...fake(), classify: async () => [[0.5, 0.5, 0]] };
    await assert.rejects(predictInputs(c, texts('a'), { batchSize: 2 }), problem('classify.bad-probability', /3 values for 2 labels/));
  });
});

describe('every probability that enters is checked', () => {
  const rows = (row: number[]): LoadedClassifier => ({
    ...fake({ fingerprint: 'sha256:x' }),
    backend: 'kserve',
    classify: async (inputs) => inputs.map(() => row),
  });
  const impossible: [string, number[], RegExp][] = [
    ['below 0 and above 1', [-0.84, 1.84], /NEG is -0\.84, outside \[0, 1\]/],
    ['far above 1', [3.5, 0], /NEG is 3\.5, outside/],
    ['not a number', [Number.NaN, 1], /NEG is NaN/],
    ['infinite', [0, Number.POSITIVE_INFINITY], /POS is Infinity/],
    ['not summing to 1', [0.2, 0.2], /sum to 0\.4, not 1/],
    ['one per label', [1], /1 values for 2 labels/],
  ];
  for (const [what, row, detail] of impossible) {
    it(`rejects a row ${what}, naming the backend, the input and the value, and caches nothing`, async () => {
      const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
      try {
        const options = { batchSize: 2, cache, who: 'the kserve backend for http://x (kserve m)' };
        await assert.rejects(predictInputs(rows(row), texts('I am from India.'), options), (err: unknown) => {
          problem('classify.bad-probability', detail)(err);
          assert.match(messageOf(err), /^the kserve backend for http:\/\/x \(kserve m\) gave an impossible result for "I am from India\."/);
          return true;
        });
        assert.deepEqual(cache.get('sha256:x', [inputKey({ text: 'I am from India.' })]), [undefined]);
      } finally {
        cache.close();
      }
    });
  }

  it('accepts values within 1e-6 of [0, 1] and rows within 1e-3 of 1, and rows of a multi-label model that do not sum to 1', async () => {
    assert.deepEqual((await predictInputs(rows([-1e-7, 1 + 5e-7]), texts('a'), { batchSize: 2 })).probs, [[-1e-7, 1 + 5e-7]]);
    assert.deepEqual((await predictInputs(rows([0.3, 0.6995]), texts('a'), { batchSize: 2 })).probs, [[0.3, 0.6995]]);
    const multi: LoadedClassifier = { ...rows([0.9, 0.8]), multiLabel: true };
    assert.deepEqual((await predictInputs(multi, texts('a'), { batchSize: 2 })).probs, [[0.9, 0.8]]);
  });

  for (const [what, bad] of [['-0.7 / 1.7', [-0.7, 1.7]], ['NaN', [Number.NaN, 1]], ['Infinity', [0, Number.POSITIVE_INFINITY]]] as const) {
    it(`refuses a cached row tampered to ${what}, naming the cache file`, async () => {
      const file = path.join(tempDir(), 'cache.sqlite');
      const cache = openPredictionCache(file);
      try {
        cache.put('sha256:m', [[inputKey({ text: 'a' }), bad]]);
        const c = fake({ fingerprint: 'sha256:m' });
        await assert.rejects(predictInputs(c, texts('a'), { batchSize: 2, cache }), (err: unknown) => {
          problem('classify.cache-bad-value', /--no-cache/)(err);
          assert.ok(messageOf(err).startsWith(`${file}: `), messageOf(err));
          return true;
        });
        assert.deepEqual(c.calls, [], 'nothing was classified');
      } finally {
        cache.close();
      }
    });
  }
});

describe('input keys', () => {
  it('encode a text and its pair structurally: a text holding U+241E is not a pair', async () => {
    const c = fake();
    const inputs = [
      { text: 'a\u241Eb' },
      { text: 'a', text_pair: 'b' },
      { text: 'a\u241E', text_pair: 'b' },
      { text: 'a', text_pair: '\u241Eb' },
    ];
    const p = await predictInputs(c, inputs, { batchSize: 8 });
    assert.deepEqual(c.calls, [['a\u241Eb', 'a', 'a\u241E', 'a']], 'four inputs, four predictions');
    assert.equal(p.inputs.length, 4);
    assert.equal(new Set([inputKey({ text: 'a\u241Eb' }), inputKey({ text: 'a', text_pair: 'b' })]).size, 2);
  });

  it('keep a cached pair apart from a text that looks like it', async () => {
    const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
    try {
      await predictInputs(fake({ fingerprint: 'sha256:k' }), [{ text: 'a', text_pair: 'b' }], { batchSize: 2, cache });
      const second = fake({ fingerprint: 'sha256:k' });
      const p = await predictInputs(second, [{ text: 'a\u241Eb' }], { batchSize: 2, cache });
      assert.deepEqual(second.calls, [['a\u241Eb']], 'the pair’s cached score is not the text’s');
      assert.deepEqual(p.probs, [[1 - 0.3, 0.3]]);
    } finally {
      cache.close();
    }
  });
});

describe('chunkIndices', () => {
  it('cuts positions into batches, and refuses a batch size that would never end', () => {
    assert.deepEqual(chunkIndices(5, 2), [[0, 1], [2, 3], [4]]);
    for (const size of [0, -1, 0.5, Number.NaN]) assert.throws(() => chunkIndices(3, size), RangeError);
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
