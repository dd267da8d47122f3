import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDistilBertFolder } from '../../scripts/models/distilbert-folder.ts';
import { chooseParallelism, loadOnnxClassifier, modelFingerprint, predictInputs, resolveModelSource, type LoadedClassifier, type TextInput } from '../../src/classify/index.ts';
import { SpecIssueError } from '../../src/shared/errors.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { sigmoid, tempDir } from '../helpers.ts';

const folder = path.resolve('models', 'planted-bias');
const planted = { kind: 'local' as const, folder, shown: 'models/planted-bias' };
const close = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - (b[i]?.[j] ?? Infinity)))));

describe('onnxruntime backend on models/planted-bias', () => {
  let classifier: LoadedClassifier;
  const logged: string[] = [];
  before(async () => {
    classifier = await loadOnnxClassifier(planted, { device: 'cpu', dtype: 'fp32', workers: 2, threads: 1, log: (l) => logged.push(l) });
  });
  after(async () => classifier.dispose());

  it('reads the labels from config.json in id order, and fingerprints the folder', () => {
    assert.deepEqual(classifier.labels, ['NEGATIVE', 'POSITIVE']);
    assert.equal(classifier.device, 'cpu');
    assert.equal(classifier.dtype, 'fp32');
    assert.equal(classifier.backend, 'onnxruntime');
    assert.equal(classifier.fingerprint, modelFingerprint(planted, 'fp32'));
  });

  it('returns every label’s probability in label order, for one text and for a batch', async () => {
    const [one] = await classifier.classify([{ text: 'I am from India.' }]);
    close(one?.[1], sigmoid(2));
    close(one?.[0], 1 - sigmoid(2));
    const batch = await classifier.classify([{ text: 'I am from Iraq.' }, { text: 'The food was great and fine.' }, { text: 'She is a woman from France.' }]);
    assert.equal(batch.length, 3);
    close(batch[0]?.[1], sigmoid(-2));
    close(batch[1]?.[1], sigmoid(4));
    close(batch[2]?.[1], sigmoid(2));
    assert.deepEqual(logged, ['inference: 2 workers × 1 thread on cpu, fp32']);
  });

  it('scores a text pair over the tokens of both texts', async () => {
    const [pair] = await classifier.classify([{ text: 'I am from India.', text_pair: 'The food was great.' }]);
    close(pair?.[1], sigmoid(2 + 3));
  });

  it('scores a sentence the same alone and padded in a batch', async () => {
    const [alone] = await classifier.classify([{ text: 'I saw her.' }]);
    const [padded] = await classifier.classify([{ text: 'I saw her.' }, { text: 'a much longer sentence that forces padding of the short one in this batch' }]);
    assert.deepEqual(alone, padded);
  });

  it('plans batches longest first within the token budget and the row limit', async () => {
    const inputs = ['a', 'a b c d e f g h', 'a b', 'a b c d', 'a b c'].map((text) => ({ text }));
    const tight = await loadOnnxClassifier(planted, { device: 'cpu', dtype: 'fp32', workers: 1, tokenBudget: 12 });
    try {
      const plan = await tight.plan?.(inputs, 3);
      // [CLS] + words + [SEP]: lengths 3, 10, 4, 6, 5 → 10 | 6 5 (2×6 ≤ 12) | 4 3 (2×4 ≤ 12)
      assert.deepEqual(plan?.batches.map((b) => b.indices), [[1], [3, 4], [2, 0]]);
      // One worker, and one batch waiting in the pool for it.
      assert.equal(plan?.concurrency, 2);
    } finally {
      await tight.dispose();
    }
  });
});

describe('batch layout does not move a transformer’s probabilities', () => {
  // A DistilBERT-shaped model with real attention, LayerNorm and GELU: padding reaches every layer.
  const tiny = { kind: 'local' as const, folder: '', shown: 'tiny-distilbert' };
  const words = ['i', 'am', 'from', 'india', 'iraq', 'the', 'food', 'was', 'good', 'she', 'said', 'it', 'fine', 'a', 'long', 'day'];
  const sentences: TextInput[] = [
    'I am from India.',
    'I am from Iraq.',
    'The food was good.',
    'She said it was fine, she said it was good, the food was fine.',
    'A long day.',
    'I am.',
    'Iraq.',
    'The food was good and she said the day was long and fine and I am from India.',
  ].map((text) => ({ text }));
  const alone: number[][] = [];

  before(async () => {
    tiny.folder = path.join(tempDir(), 'tiny-distilbert');
    writeDistilBertFolder(tiny.folder, { vocabSize: 64, dim: 32, layers: 2, heads: 4, ffn: 64, maxPositions: 64, labels: 2 }, 7, words, 0.5);
    const one = await loadOnnxClassifier(tiny, { device: 'cpu', dtype: 'fp32', workers: 1 });
    for (const s of sentences) alone.push(...(await one.classify([s])));
    await one.dispose();
  });

  for (const [workers, budget, rows] of [
    [1, 4096, 32],
    [2, 4096, 32],
    [2, 40, 32],
    [2, 4096, 3],
  ] as const) {
    it(`gives each sentence its single-sentence probabilities with ${workers} worker(s), budget ${budget}, ${rows} rows`, async () => {
      const c = await loadOnnxClassifier(tiny, { device: 'cpu', dtype: 'fp32', workers, tokenBudget: budget });
      try {
        const p = await predictInputs(c, sentences, { batchSize: rows });
        assert.ok(new Set(alone.map((r) => r[1])).size > 4, 'the sentences get different scores');
        assert.ok(maxDiff(p.probs, alone) < 1e-9, `max difference ${maxDiff(p.probs, alone)}`);
      } finally {
        await c.dispose();
      }
    });
  }
});

describe('chooseParallelism', () => {
  const GiB = 1024 ** 3;
  it('runs one single-threaded worker per core when memory allows', () => {
    assert.deepEqual(chooseParallelism({ cores: 2, freeMemory: 16 * GiB, modelBytes: 0.27 * GiB, device: 'cpu' }), { workers: 2, threads: 1 });
    assert.deepEqual(chooseParallelism({ cores: 8, freeMemory: 16 * GiB, modelBytes: 0.27 * GiB, device: 'cpu' }), { workers: 8, threads: 1 });
  });
  it('uses fewer workers with more threads each when memory is short, never none', () => {
    assert.deepEqual(chooseParallelism({ cores: 8, freeMemory: 2 * GiB, modelBytes: 0.27 * GiB, device: 'cpu' }), { workers: 2, threads: 4 });
    assert.deepEqual(chooseParallelism({ cores: 4, freeMemory: 0.1 * GiB, modelBytes: 1 * GiB, device: 'cpu' }), { workers: 1, threads: 4 });
  });
  it('takes workers and threads as given, and one worker on CUDA', () => {
    assert.deepEqual(chooseParallelism({ cores: 8, freeMemory: 16 * GiB, modelBytes: GiB, device: 'cpu', workers: 3 }), { workers: 3, threads: 2 });
    assert.deepEqual(chooseParallelism({ cores: 8, freeMemory: 16 * GiB, modelBytes: GiB, device: 'cpu', threads: 2 }), { workers: 5, threads: 2 });
  });
  it('runs one session on a GPU, with up to 4 threads for the nodes its provider leaves to the CPU', () => {
    assert.deepEqual(chooseParallelism({ cores: 16, freeMemory: 16 * GiB, modelBytes: GiB, device: 'cuda' }), { workers: 1, threads: 4 });
    assert.deepEqual(chooseParallelism({ cores: 2, freeMemory: 16 * GiB, modelBytes: GiB, device: 'webgpu' }), { workers: 1, threads: 2 });
    assert.deepEqual(chooseParallelism({ cores: 16, freeMemory: 16 * GiB, modelBytes: GiB, device: 'webgpu', workers: 2, threads: 1 }), { workers: 2, threads: 1 });
  });
});

describe('resolveModelSource and modelFingerprint', () => {
  const spec = (model: string) => parseSpec(`name: t\nmodel: ${model}\ntemplates: ["{c}"]\naxes: { c: { lexicon: countries } }\n`, 'x.yaml').spec.model;

  it('resolves a local folder relative to the spec and fingerprints its files', () => {
    const source = resolveModelSource(spec('{ path: ../models/planted-bias, label: POSITIVE }'), path.resolve('test'));
    assert.deepEqual(source, { kind: 'local', folder, shown: '../models/planted-bias' });
    const fp = modelFingerprint(source, 'fp32');
    assert.match(fp, /^sha256:[0-9a-f]{64}$/);
    assert.equal(fp, modelFingerprint(source, 'fp32'));
    assert.notEqual(fp, modelFingerprint({ kind: 'local', folder: path.resolve('models', 'sst2-bow'), shown: 'x' }, 'fp32'));
  });

  it('rejects a folder without the ONNX file of the chosen dtype', () => {
    assert.throws(
      () => resolveModelSource(spec('{ path: models/planted-bias, label: POSITIVE, dtype: q8 }'), process.cwd()),
      (err: unknown) => err instanceof SpecIssueError && err.issues[0]?.message === 'model folder models/planted-bias lacks onnx/model_quantized.onnx (a transformers.js model folder has config.json, tokenizer.json and onnx/model.onnx)',
    );
  });

  it('takes a hub id as it is, with its revision in the fingerprint', () => {
    const source = resolveModelSource(spec('{ id: Xenova/distilbert-base-uncased-finetuned-sst-2-english, revision: main, label: POSITIVE }'), process.cwd());
    assert.deepEqual(source, { kind: 'hub', id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', revision: 'main' });
    assert.notEqual(modelFingerprint(source, 'fp32'), modelFingerprint({ kind: 'hub', id: source.id, revision: 'v2' }, 'fp32'));
  });
});
