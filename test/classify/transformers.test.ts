import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadTransformersClassifier, modelFingerprint, predictInputs, resolveModelSource, type Classifier } from '../../src/classify/index.ts';
import { SpecIssueError } from '../../src/errors.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { sigmoid } from '../helpers.ts';

const folder = path.resolve('models', 'planted-bias');
const close = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${a} vs ${b}`);

describe('transformers.js backend on models/planted-bias', () => {
  let classifier: Classifier;
  before(async () => {
    classifier = await loadTransformersClassifier({ kind: 'local', folder, shown: 'models/planted-bias' }, { device: 'cpu', dtype: 'fp32' });
  });
  after(async () => classifier.dispose());

  it('reads the labels from config.json in id order', () => {
    assert.deepEqual(classifier.labels, ['NEGATIVE', 'POSITIVE']);
    assert.equal(classifier.device, 'cpu');
    assert.equal(classifier.dtype, 'fp32');
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
  });

  it('scores a sentence the same alone and padded in a batch', async () => {
    const [alone] = await classifier.classify([{ text: 'I saw her.' }]);
    const [padded] = await classifier.classify([{ text: 'I saw her.' }, { text: 'a much longer sentence that forces padding of the short one in this batch' }]);
    assert.deepEqual(alone, padded);
  });
});

describe('predictInputs', () => {
  it('classifies each distinct text once, in batches of batch_size', async () => {
    const calls: string[][] = [];
    const fake: Classifier = {
      labels: ['NEG', 'POS'],
      device: 'cpu',
      dtype: 'fp32',
      classify: async (inputs) => {
        calls.push(inputs.map((i) => i.text));
        return inputs.map(({ text: t }) => [1 - t.length / 10, t.length / 10]);
      },
      dispose: async () => {},
    };
    const progress: [number, number][] = [];
    const p = await predictInputs(fake, ['a', 'bb', 'a', 'ccc', 'bb', 'dddd', 'eeeee'].map((text) => ({ text })), { batchSize: 2, onProgress: (d, t) => progress.push([d, t]) });
    assert.deepEqual(calls, [['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    assert.deepEqual(progress, [[2, 5], [4, 5], [5, 5]]);
    assert.deepEqual(p.inputs.map((i) => i.text), ['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    assert.deepEqual(p.probs[2], [1 - 3 / 10, 3 / 10]);
    assert.equal(p.probs.length, 5);
  });

  it('keeps a text pair apart from the same text alone', async () => {
    const seen: string[] = [];
    const fake: Classifier = {
      labels: ['NEG', 'POS'],
      device: 'cpu',
      dtype: 'fp32',
      classify: async (inputs) => {
        seen.push(...inputs.map((i) => `${i.text}|${i.text_pair ?? '-'}`));
        return inputs.map(() => [0.5, 0.5]);
      },
      dispose: async () => {},
    };
    await predictInputs(fake, [{ text: 'a b' }, { text: 'a', text_pair: 'b' }, { text: 'a b' }, { text: 'a', text_pair: 'b' }], { batchSize: 8 });
    assert.deepEqual(seen, ['a b|-', 'a|b']);
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
