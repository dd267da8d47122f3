/**
 * Numbers agree across devices: DistilBERT-shaped models (real attention, LayerNorm, GELU; built
 * by scripts/models/distilbert-folder.ts) score the same sentences on each GPU and on the CPU,
 * and every probability must agree within TOLERANCE. Where a device is missing the test is
 * skipped with the reason its probe gave: the suite never needs a GPU. scripts/gpu-check.sh
 * measures the same on the DistilBERT-base-shaped benchmark model.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { writeDistilBertFolder } from '../../scripts/models/distilbert-folder.ts';
import type { DistilBertShape } from '../../scripts/models/distilbert-onnx.ts';
import { loadOnnxClassifier, predictInputs, type Classifier, type TextInput } from '../../src/classify/index.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { tempDir } from '../helpers.ts';

/**
 * Largest absolute difference allowed between a GPU's probability and the CPU's: a hundredth of
 * the 0.1 gap the example audits gate on. The devices sum in different orders and compute exp
 * and erf their own way, which moves float32 logits by about 1e-6 relative; docs/gpu.md keeps
 * the differences measured.
 */
const TOLERANCE = 1e-3;

const words = ['i', 'am', 'from', 'india', 'iraq', 'the', 'food', 'was', 'good', 'she', 'said', 'it', 'fine', 'a', 'long', 'day', 'he', 'is', 'nurse', 'doctor'];
const sentences: TextInput[] = [
  'I am from India.',
  'I am from Iraq.',
  'The food was good.',
  'She said it was fine, she said it was good, the food was fine.',
  'A long day.',
  'He is a nurse.',
  'She is a doctor.',
  'The food was good and she said the day was long and fine and I am from India.',
  'Iraq.',
].map((text) => ({ text }));

const MODELS: { name: string; shape: DistilBertShape; std: number }[] = [
  { name: 'tiny (2 layers, 32 wide)', shape: { vocabSize: 64, dim: 32, layers: 2, heads: 4, ffn: 64, maxPositions: 64, labels: 2 }, std: 0.5 },
  { name: 'small (4 layers, 256 wide)', shape: { vocabSize: 128, dim: 256, layers: 4, heads: 8, ffn: 1024, maxPositions: 128, labels: 2 }, std: 0.1 },
];

const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - (b[i]?.[j] ?? Infinity)))));

for (const model of MODELS) {
  describe(`a DistilBERT-shaped model, ${model.name}, on each device`, () => {
    const source = { kind: 'local' as const, folder: '', shown: 'distilbert-shaped' };
    let cpu: number[][] = [];

    before(async () => {
      source.folder = path.join(tempDir(), 'model');
      writeDistilBertFolder(source.folder, model.shape, 11, words, model.std);
      const c = await loadOnnxClassifier(source, { device: 'cpu', dtype: 'fp32', workers: 1 });
      cpu = (await predictInputs(c, sentences, { batchSize: 4 })).probs;
      await c.dispose();
      assert.ok(new Set(cpu.map((r) => r[1]?.toFixed(3))).size > 3, 'the sentences get different scores');
    });

    for (const device of ['webgpu', 'cuda'] as const) {
      it(`scores every sentence on ${device} as on the CPU, within ${TOLERANCE}`, async (t) => {
        let gpu: Classifier;
        try {
          gpu = await loadOnnxClassifier(source, { device, dtype: 'fp32' });
        } catch (err) {
          if (err instanceof CounterfairError && err.problems[0]?.id === 'classify.device-unavailable') {
            t.skip(`no ${device} here: ${err.message}`);
            return;
          }
          throw err;
        }
        try {
          assert.equal(gpu.device, device);
          const probs = (await predictInputs(gpu, sentences, { batchSize: 32 })).probs;
          const diff = maxDiff(probs, cpu);
          t.diagnostic(`${device} vs cpu: max |Δp| = ${diff.toExponential(2)} over ${sentences.length} sentences`);
          assert.ok(diff <= TOLERANCE, `max |Δp| ${diff} > ${TOLERANCE}`);
        } finally {
          await gpu.dispose();
        }
      });
    }
  });
}
