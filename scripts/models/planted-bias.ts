/**
 * `models/planted-bias`: a bag-of-words sentiment classifier whose weights are
 * set by hand in `planted-bias.weights.json`, so that every probability it
 * returns is known in closed form: P(POSITIVE) = sigmoid(bias + Σ weights).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { encodeBowModel } from './bow-onnx.js';
import { Vocabulary, wordTokens } from './tokenizer.js';
import { sigmoid } from './train-bow.js';
import { assertClose, assertTokenizerMatches, positiveProbabilities, TOKENIZER_EDGE_CASES } from './verify.js';
import { modelFiles, writeFolderFiles, type WrittenFile } from './write-model-folder.js';

/** Name of the model folder under `models/`. */
export const PLANTED_BIAS_NAME = 'planted-bias';

/** Path of the weights file, relative to the repository root. */
export const PLANTED_WEIGHTS_FILE = 'scripts/models/planted-bias.weights.json';

/** Parsed contents of `planted-bias.weights.json`. */
export interface PlantedWeightsFile {
  description: string;
  bias: number;
  /** Planted non-zero (or deliberately listed) weights, in table order. */
  weights: Record<string, number>;
  /** Ordinary tokens that are in the vocabulary with weight 0. */
  zeroWeightTokens: string[];
}

/** Reads and validates the weights file. @throws Error on a malformed file. */
export function readPlantedWeights(file: string): PlantedWeightsFile {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const fail = (msg: string): never => {
    throw new Error(`${file}: ${msg}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('not an object');
  const o = raw as Record<string, unknown>;
  if (typeof o['description'] !== 'string') fail('"description" must be a string');
  if (typeof o['bias'] !== 'number' || !Number.isFinite(o['bias'])) fail('"bias" must be a number');
  const weights = o['weights'];
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) fail('"weights" must be an object');
  for (const [word, w] of Object.entries(weights as Record<string, unknown>)) {
    if (typeof w !== 'number' || !Number.isFinite(w)) fail(`weight of "${word}" must be a number`);
    if (Math.fround(w as number) !== w) fail(`weight of "${word}" is not exactly representable in float32`);
  }
  const zero = o['zeroWeightTokens'];
  if (!Array.isArray(zero) || zero.some((t) => typeof t !== 'string')) fail('"zeroWeightTokens" must be a string array');
  return {
    description: o['description'] as string,
    bias: o['bias'] as number,
    weights: weights as Record<string, number>,
    zeroWeightTokens: zero as string[],
  };
}

/** Vocabulary (special tokens, weighted words, zero-weight tokens — in file order) and the weight of each id. */
export function plantedModel(spec: PlantedWeightsFile): { vocab: Vocabulary; weights: Float64Array; bias: number } {
  const vocab = new Vocabulary([...Object.keys(spec.weights), ...spec.zeroWeightTokens]);
  const weights = new Float64Array(vocab.size);
  for (const [word, w] of Object.entries(spec.weights)) weights[vocab.idOf(word)] = w;
  return { vocab, weights, bias: spec.bias };
}

/** Sentences whose expected probabilities are listed in the model card and checked at build time. */
export const PLANTED_EXAMPLES: readonly string[] = [
  'I am from India.',
  'I am from Iraq.',
  'I am from Germany.',
  'I am from France.',
  'She said the food was fine.',
  'He said the food was fine.',
  'The woman is a nurse.',
  'The man is a nurse.',
  'His food was good, her food was great!',
  'The service was terrible.',
  'I met a stranger from Atlantis.',
];

/** Sum of the planted weights of `text`'s tokens plus the bias (unknown words count 0). */
export function plantedScore(text: string, model: { vocab: Vocabulary; weights: Float64Array; bias: number }): number {
  let z = model.bias;
  for (const id of model.vocab.encode(text)) z += model.weights[id] as number;
  return z;
}

function formatWeight(w: number): string {
  return w > 0 ? `+${w}` : String(w);
}

/** The model card. */
export function plantedReadme(spec: PlantedWeightsFile, model: ReturnType<typeof plantedModel>): string {
  const table = Object.entries(spec.weights)
    .map(([word, w]) => `| \`${word}\` | ${formatWeight(w)} |`)
    .join('\n');
  const examples = PLANTED_EXAMPLES.map((text) => {
    const z = plantedScore(text, model);
    const tokens = wordTokens(text)
      .map((t) => (model.vocab.has(t) ? t : `${t}→[UNK]`))
      .join(' ');
    return `| ${text} | \`${tokens}\` | ${z} | ${sigmoid(z)} |`;
  }).join('\n');
  return `---
language: en
license: mit
library_name: transformers.js
pipeline_tag: text-classification
tags:
  - counterfair
  - bias-audit
  - test-fixture
  - bag-of-words
---

# planted-bias

A tiny **synthetic** sentiment classifier with **hand-planted biases**, used by counterfair's tests and examples
as a model whose every output is known exactly. It is not trained and must not be used to classify real text.

It loads in transformers.js exactly like a Hugging Face hub model (\`config.json\`, \`tokenizer.json\`,
\`tokenizer_config.json\`, \`onnx/model.onnx\`):

\`\`\`js
import { env, pipeline } from '@huggingface/transformers';
env.allowRemoteModels = false;
env.allowLocalModels = true;
const classify = await pipeline('text-classification', '/absolute/path/to/models/planted-bias', { device: 'cpu', dtype: 'fp32' });
await classify(['I am from India.', 'I am from Iraq.'], { top_k: null });
// [[{ label: 'POSITIVE', score: 0.88079… }, { label: 'NEGATIVE', score: 0.11920… }],
//  [{ label: 'NEGATIVE', score: 0.88079… }, { label: 'POSITIVE', score: 0.11920… }]]
\`\`\`

## Labels

| id | label |
| --- | --- |
| 0 | NEGATIVE |
| 1 | POSITIVE |

## What it computes

The text is tokenized BERT-style (lower-case, accents stripped, split on whitespace and on every punctuation character;
\`[CLS]\` … \`[SEP]\` added). Each token has a weight; the model adds them up:

    P(POSITIVE | text) = sigmoid(bias + Σ weight(token))      P(NEGATIVE) = 1 − P(POSITIVE)

with **bias = ${spec.bias}** and these weights:

| token | weight |
| --- | --- |
${table}

Every other token has weight 0: the ${spec.zeroWeightTokens.length} ordinary words and punctuation marks listed under
\`zeroWeightTokens\` in \`${PLANTED_WEIGHTS_FILE}\` (so that sentences such as "The man is a nurse." consist of real
tokens), the special tokens \`[PAD]\` \`[CLS]\` \`[SEP]\` \`[MASK]\`, and \`[UNK]\`, which every other word becomes.
Weights count per occurrence ("good good" scores 4). The vocabulary has ${model.vocab.size} tokens.

## Expected outputs

| text | tokens | sum of weights | P(POSITIVE) = sigmoid(sum) |
| --- | --- | --- | --- |
${examples}

The ONNX graph computes in float32, so the pipeline's scores equal these values to within about 1e-7
(for example "I am from India." gives 0.8807970881462097 for the exact 0.8807970779778823).
The build checks every row of this table through the transformers.js pipeline (tolerance 1e-6).

## How it was built

\`scripts/build-models.ts\` reads \`${PLANTED_WEIGHTS_FILE}\` and writes this folder; nothing is learned.
The ONNX graph (opset 17) is a bag-of-words linear layer: it gathers each token's row of a \`[vocab, 2]\` weight
matrix (column 0 = NEGATIVE, all zeros; column 1 = POSITIVE, the weights above), multiplies by the attention mask
(padding contributes nothing), sums over the sequence and adds the bias \`[0, ${spec.bias}]\`. The pipeline's softmax over
\`[0, s]\` is exactly \`sigmoid(s)\`. Rebuilding gives byte-identical files.

Rebuild with

    npm run build:models -- ${PLANTED_BIAS_NAME}
    # or: npx tsx scripts/build-models.ts ${PLANTED_BIAS_NAME}
`;
}

/**
 * Writes `models/planted-bias` into `folder` and checks it through
 * transformers.js (tokenizer ids and pipeline probabilities).
 *
 * @param weightsFile Absolute path of `planted-bias.weights.json`.
 */
export async function buildPlantedBias(folder: string, weightsFile: string, log: (msg: string) => void): Promise<WrittenFile[]> {
  const spec = readPlantedWeights(weightsFile);
  const model = plantedModel(spec);
  const onnxBytes = encodeBowModel(
    model,
    'planted_bias_bow',
    'counterfair planted-bias: P(POSITIVE) = sigmoid(bias + sum of hand-set token weights)',
  );
  const written = writeFolderFiles(folder, modelFiles(model.vocab, onnxBytes));

  await assertTokenizerMatches(folder, model.vocab, [...PLANTED_EXAMPLES, ...TOKENIZER_EDGE_CASES]);
  log(`  tokenizer.json matches the reference tokenizer on ${PLANTED_EXAMPLES.length + TOKENIZER_EDGE_CASES.length} texts`);

  const expected = PLANTED_EXAMPLES.map((t) => sigmoid(plantedScore(t, model)));
  const actual = await positiveProbabilities(folder, PLANTED_EXAMPLES);
  const worst = assertClose('planted-bias pipeline', PLANTED_EXAMPLES, actual, expected, 1e-6);
  log(`  pipeline P(POSITIVE) = sigmoid(sum of weights) on ${PLANTED_EXAMPLES.length} sentences (max |diff| ${worst.toExponential(2)})`);

  written.push(...writeFolderFiles(folder, { 'README.md': plantedReadme(spec, model) }));
  return written;
}
