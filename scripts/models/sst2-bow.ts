/**
 * `models/sst2-bow`: an L2-regularised bag-of-words logistic regression
 * trained on SST-2, evaluated on the SST-2 dev set through the transformers.js
 * pipeline.
 *
 * @module
 */
import { env } from '@huggingface/transformers';
import { encodeBowModel } from './bow-onnx.js';
import { DEFAULT_SST2_DIR, SST2_FILES, loadSst2 } from './sst2-data.js';
import { SPECIAL_IDS, type Vocabulary, wordTokens } from './tokenizer.js';
import {
  type BowWeights,
  type TrainOptions,
  accuracy,
  buildVocabulary,
  featurize,
  logLoss,
  sigmoid,
  trainLogisticRegression,
} from './train-bow.js';
import { assertClose, assertTokenizerMatches, positiveProbabilities, TOKENIZER_EDGE_CASES } from './verify.js';
import { jsonText, modelFiles, writeFolderFiles, type WrittenFile } from './write-model-folder.js';

/** Name of the model folder under `models/`. */
export const SST2_BOW_NAME = 'sst2-bow';

/** Words seen fewer times than this in train become `[UNK]`. */
export const MIN_COUNT = 2;

/**
 * Fixed training settings. Chosen by a short sweep on dev accuracy
 * (λ ∈ {0, 1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3}, epochs ∈ {5, 10, 20},
 * learning rate ∈ {0.003, 0.01}, batch ∈ {64, 256}); dev accuracy varied
 * between 0.82 and 0.834 for λ ≤ 3e-5 and fell to 0.77 at λ = 1e-3.
 */
export const TRAIN_SETTINGS: Readonly<TrainOptions> = Object.freeze({
  l2: 3e-6,
  epochs: 10,
  batchSize: 256,
  learningRate: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  seed: 20240611,
});

/**
 * Largest allowed |pipeline P(POSITIVE) − JS reference| on dev (float32 graph
 * vs float64 sum of the float32 weights).
 */
export const PIPELINE_TOLERANCE = 1e-5;

/** The build fails below this dev accuracy. */
export const MIN_DEV_ACCURACY = 0.78;

/** Dev accuracy and related numbers written to `metrics.json`. */
export interface Sst2Metrics {
  model: string;
  dev_accuracy: number;
  dev_correct: number;
  dev_examples: number;
  dev_accuracy_js_reference: number;
  pipeline_vs_js_tolerance: number;
  train_accuracy_js_reference: number;
  train_log_loss_js_reference: number;
  train_examples: number;
  vocab_size: number;
  min_count: number;
  features: string;
  training: TrainOptions & { optimizer: string; shuffle: string; objective: string };
  evaluated_with: string;
  data: { folder: string; train: readonly string[]; dev: string };
}

/** P(POSITIVE) of the float32 weights as the ONNX graph computes them, in float64 (reference for the pipeline). */
function referenceProbability(text: string, vocab: Vocabulary, model: BowWeights): number {
  let z = Math.fround(model.bias);
  for (const id of vocab.encode(text)) z += Math.fround(model.weights[id] as number);
  return sigmoid(z);
}

function fmt(x: number, digits = 3): string {
  return (x >= 0 ? '+' : '') + x.toFixed(digits);
}

function topWords(vocab: Vocabulary, model: BowWeights, sign: 1 | -1, n: number): string {
  const ids = [...vocab.tokens.keys()].filter((id) => id >= 5);
  ids.sort((a, b) => sign * ((model.weights[b] as number) - (model.weights[a] as number)) || a - b);
  return ids
    .slice(0, n)
    .map((id) => `\`${vocab.tokens[id]}\` ${fmt(Math.fround(model.weights[id] as number))}`)
    .join(', ');
}

/** The model card. */
export function sst2Readme(metrics: Sst2Metrics, vocab: Vocabulary, model: BowWeights): string {
  const t = metrics.training;
  const acc = (x: number): string => x.toFixed(4);
  return `---
language: en
library_name: transformers.js
pipeline_tag: text-classification
datasets:
  - glue/sst2
metrics:
  - accuracy
tags:
  - counterfair
  - sentiment
  - bag-of-words
  - logistic-regression
model-index:
  - name: sst2-bow
    results:
      - task: { type: text-classification }
        dataset: { name: GLUE SST-2, type: glue, config: sst2, split: validation }
        metrics:
          - { type: accuracy, value: ${acc(metrics.dev_accuracy)} }
---

# sst2-bow

A small **bag-of-words logistic-regression sentiment classifier** trained on SST-2 (movie-review sentences) by
counterfair's build script. It is a realistic-but-tiny reference model for counterfair's examples and tests:
it loads in transformers.js like any hub model, runs in milliseconds, and its behaviour is fully inspectable
(one weight per word). It is not a strong sentiment model and inherits whatever associations SST-2 contains.

**Dev accuracy: ${acc(metrics.dev_accuracy)}** (${metrics.dev_correct} / ${metrics.dev_examples} SST-2 dev sentences), measured by running
this folder's \`onnx/model.onnx\` through the transformers.js \`text-classification\` pipeline
(${metrics.evaluated_with}); the pipeline's probabilities agree with the training code's to within
${metrics.pipeline_vs_js_tolerance} on every dev sentence. Details in \`metrics.json\`.

\`\`\`js
import { env, pipeline } from '@huggingface/transformers';
env.allowRemoteModels = false;
env.allowLocalModels = true;
const classify = await pipeline('text-classification', '/absolute/path/to/models/sst2-bow', { device: 'cpu', dtype: 'fp32' });
await classify(['a charming and often affecting journey .'], { top_k: null });
// [[{ label: 'POSITIVE', score: … }, { label: 'NEGATIVE', score: … }]]
\`\`\`

## Labels

| id | label |
| --- | --- |
| 0 | NEGATIVE |
| 1 | POSITIVE |

## What it computes

    P(POSITIVE | text) = sigmoid(b + Σ_tokens w(token))

Text is tokenized BERT-style: lower-case, accents stripped, split on whitespace and on every punctuation character
(\`it's\` → \`it ' s\`), \`[CLS]\` … \`[SEP]\` added. The vocabulary holds the ${metrics.vocab_size - 5} words that occur at least
${metrics.min_count} times in the training set (ordered by frequency) plus the special tokens; every other word becomes \`[UNK]\`,
whose weight is learned like any word's. Words count per occurrence. \`[PAD]\`, \`[CLS]\`, \`[SEP]\`, \`[MASK]\` have weight 0.

The ONNX graph (opset 17) gathers each token's row of a \`[vocab, 2]\` float32 matrix (column 0 = NEGATIVE, all zeros;
column 1 = POSITIVE, the learned weights), multiplies by the attention mask, sums over the sequence and adds the
bias \`[0, b]\`; the pipeline's softmax of \`[0, s]\` is \`sigmoid(s)\`.

- bias b = ${fmt(Math.fround(model.bias), 4)}, \`[UNK]\` weight = ${fmt(Math.fround(model.weights[SPECIAL_IDS.unk] as number), 4)}
- most positive words: ${topWords(vocab, model, 1, 12)}
- most negative words: ${topWords(vocab, model, -1, 12)}

## Training

- Data: GLUE SST-2 from \`${metrics.data.folder}\` (see its PROVENANCE.md): train = ${metrics.data.train.map((f) => `\`${f}\``).join(' + ')}
  (${metrics.train_examples} phrases and sentences), dev = \`${metrics.data.dev}\` (${metrics.dev_examples} sentences, the GLUE validation set).
- Features: ${metrics.features}.
- Objective: ${t.objective}, λ = ${t.l2.toExponential()}.
- Optimiser: ${t.optimizer}, learning rate ${t.learningRate}, β1 ${t.beta1}, β2 ${t.beta2}, ε ${t.epsilon},
  batch size ${t.batchSize}, ${t.epochs} epochs; ${t.shuffle}.
- The hyper-parameters were picked by a short sweep on dev accuracy (so the dev number is slightly optimistic),
  then fixed in \`scripts/models/sst2-bow.ts\`.
- Training-set accuracy ${acc(metrics.train_accuracy_js_reference)}, training log-loss ${metrics.train_log_loss_js_reference.toFixed(4)}
  (JavaScript reference computation).
- Deterministic: rebuilding writes byte-identical files.

## Limitations

Bag-of-words: word order, negation ("not good") and context are ignored. SST-2 is movie-review language; other
domains will be classified less accurately. Probabilities are not calibrated beyond what logistic regression gives.
SST has no explicit license (research distribution, redistributed by GLUE); cite Socher et al. (2013) and
Wang et al. (2018) when reporting results from this model.

## Rebuild

    npm run build:models -- ${SST2_BOW_NAME}
    # or: npx tsx scripts/build-models.ts ${SST2_BOW_NAME}

The build trains the model, writes this folder, checks that transformers.js tokenizes the dev set exactly like
the training code, evaluates the written model through the pipeline and fails below ${MIN_DEV_ACCURACY} dev accuracy.
`;
}

/**
 * Trains, writes and evaluates `models/sst2-bow` in `folder`.
 *
 * @param dataDir Folder holding the SST-2 TSV files.
 */
export async function buildSst2Bow(folder: string, dataDir: string, log: (msg: string) => void): Promise<WrittenFile[]> {
  const { train, dev } = loadSst2(dataDir);
  const trainTok = train.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label }));
  const devTok = dev.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label }));
  const vocab = buildVocabulary(trainTok, MIN_COUNT);
  const trainData = featurize(trainTok, vocab);
  const devData = featurize(devTok, vocab);
  const model = trainLogisticRegression(trainData, vocab.size, TRAIN_SETTINGS);
  const jsDevAccuracy = accuracy(devData, model);
  log(`  trained on ${train.length} examples, vocabulary ${vocab.size}, JS dev accuracy ${jsDevAccuracy.toFixed(4)}`);

  const onnxBytes = encodeBowModel(
    model,
    'sst2_bow',
    'counterfair sst2-bow: bag-of-words logistic regression trained on SST-2; P(POSITIVE) = sigmoid(bias + sum of token weights)',
  );
  const written = writeFolderFiles(folder, modelFiles(vocab, onnxBytes));

  const devTexts = dev.map((e) => e.sentence);
  const trainSample = train.filter((_, i) => i % 100 === 0).map((e) => e.sentence);
  const checkTexts = [...devTexts, ...trainSample, ...TOKENIZER_EDGE_CASES];
  await assertTokenizerMatches(folder, vocab, checkTexts);
  log(`  tokenizer.json matches the training tokenizer on ${checkTexts.length} texts (all dev, every 100th train, edge cases)`);

  const probabilities = await positiveProbabilities(folder, devTexts);
  const reference = devTexts.map((t) => referenceProbability(t, vocab, model));
  const maxDiff = assertClose('sst2-bow pipeline vs JS reference', devTexts, probabilities, reference, PIPELINE_TOLERANCE);
  let correct = 0;
  probabilities.forEach((p, i) => {
    if ((p > 0.5 ? 1 : 0) === dev[i]?.label) correct++;
  });
  const devAccuracy = correct / dev.length;
  log(`  pipeline dev accuracy ${devAccuracy.toFixed(4)} (${correct}/${dev.length}); max |pipeline − JS| ${maxDiff.toExponential(2)}`);
  if (!(devAccuracy >= MIN_DEV_ACCURACY)) {
    throw new Error(`sst2-bow dev accuracy ${devAccuracy.toFixed(4)} is below ${MIN_DEV_ACCURACY}`);
  }

  const metrics: Sst2Metrics = {
    model: SST2_BOW_NAME,
    dev_accuracy: devAccuracy,
    dev_correct: correct,
    dev_examples: dev.length,
    dev_accuracy_js_reference: jsDevAccuracy,
    pipeline_vs_js_tolerance: PIPELINE_TOLERANCE,
    train_accuracy_js_reference: accuracy(trainData, model),
    train_log_loss_js_reference: logLoss(trainData, model),
    train_examples: train.length,
    vocab_size: vocab.size,
    min_count: MIN_COUNT,
    features: 'token counts (bag of words, [UNK] for words seen fewer than min_count times in train)',
    training: {
      ...TRAIN_SETTINGS,
      optimizer: 'mini-batch Adam (float64), weights rounded to float32 in the ONNX file',
      shuffle: `examples reshuffled every epoch with mulberry32(seed ${TRAIN_SETTINGS.seed}) Fisher–Yates`,
      objective: 'mean logistic loss + λ/2·‖w‖² (bias not regularised)',
    },
    evaluated_with: `@huggingface/transformers ${env.version}, { device: 'cpu', dtype: 'fp32' }, top_k: null, label = argmax`,
    data: { folder: DEFAULT_SST2_DIR, train: SST2_FILES.train, dev: SST2_FILES.dev },
  };
  written.push(
    ...writeFolderFiles(folder, {
      'metrics.json': jsonText(metrics),
      'README.md': sst2Readme(metrics, vocab, model),
    }),
  );
  return written;
}
