/**
 * `models/sst2-bow-cda`: `models/sst2-bow` retrained on the SST-2 training split augmented by
 * counterfactual data augmentation (`counterfair augment`, two-sided, gender and country), with
 * everything else the same: vocabulary rule, hyper-parameters, seed, ONNX graph, checks.
 *
 * Every training row that mentions one gender, one country or both is followed by its copies
 * with every other combination of groups (female ↔ male, each of the 197 countries), the label
 * kept. SST-2 is lower-cased, so the corpus is read as such (`--lower-case`). The dev set is not
 * augmented: dev accuracy is measured on the same 872 sentences as the original's, and the two
 * models' dev predictions are compared sentence by sentence.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { augmentCorpus, resolvePlan, type AugmentOptions, type AugmentResult } from '../../src/augment/index.js';
import { encodeBowModel } from './bow-onnx.js';
import { MIN_COUNT, MIN_DEV_ACCURACY, PIPELINE_TOLERANCE, SST2_BOW_NAME, TRAIN_SETTINGS, type Sst2Metrics } from './sst2-bow.js';
import { DEFAULT_SST2_DIR, SST2_FILES, loadSst2, type Sst2Example } from './sst2-data.js';
import { SPECIAL_IDS, type Vocabulary, wordTokens } from './tokenizer.js';
import { type BowWeights, accuracy, buildVocabulary, featurize, logLoss, sigmoid, trainLogisticRegression } from './train-bow.js';
import { assertClose, assertTokenizerMatches, positiveProbabilities, TOKENIZER_EDGE_CASES } from './verify.js';
import { jsonText, modelFiles, writeFolderFiles, type WrittenFile } from './write-model-folder.js';

/** Name of the model folder under `models/`. */
export const SST2_BOW_CDA_NAME = 'sst2-bow-cda';

/**
 * The augmentation, as `counterfair augment train.csv --axes gender,country --lower-case` would
 * run it: two-sided, every other group (gender: female ↔ male; country: all 197), seed 1.
 */
export const CDA_OPTIONS: Readonly<AugmentOptions> = Object.freeze({
  axes: ['gender', 'country'],
  mode: 'two-sided',
  lowerCase: true,
  seed: 1,
});

/** Dev accuracy of the original model beside this one's, with the sentences on which they differ. */
export interface DevComparison {
  baseline_model: string;
  baseline_dev_accuracy: number;
  /** This model's dev accuracy minus the original's. */
  difference: number;
  /** 95% interval of the difference (Wald, paired: from the sentences only one model gets right). */
  difference_ci95: [number, number];
  both_right: number;
  only_baseline_right: number;
  only_this_right: number;
  both_wrong: number;
  /** Exact two-sided McNemar test: binomial on the sentences only one model gets right. */
  mcnemar_exact_p: number;
}

/** What the augmentation did to the training split. */
export interface AugmentationMetrics {
  command: string;
  train_rows_read: number;
  train_rows_written: number;
  axes: {
    axis: string;
    groups: number;
    rows_mentioning_one_group: number;
    counterfactual_rows_written: number;
    rows_not_swapped_safely: number;
    rows_with_nothing_to_swap: number;
    /** Lower-case forms not searched for: common English words ("us", "turkey", "china", "french"). */
    forms_left_out: string[];
  }[];
}

/** `metrics.json` of the CDA model: the original's fields, the augmentation, and the comparison. */
export interface Sst2CdaMetrics extends Sst2Metrics {
  augmentation: AugmentationMetrics;
  dev_vs_baseline: DevComparison;
  /** The learned bias and `[UNK]` weight (float64, before rounding to float32). */
  bias: number;
  unk_weight: number;
}

function referenceProbability(text: string, vocab: Vocabulary, model: BowWeights): number {
  let z = Math.fround(model.bias);
  for (const id of vocab.encode(text)) z += Math.fround(model.weights[id] as number);
  return sigmoid(z);
}

/** The training split augmented by `options` (default `CDA_OPTIONS`): pure, deterministic. */
export function augmentTrain(train: readonly Sst2Example[], options: Readonly<AugmentOptions> = CDA_OPTIONS): AugmentResult {
  return augmentCorpus(
    {
      file: 'sst2-train.csv',
      format: 'csv',
      columns: ['sentence', 'label'],
      text: 'sentence',
      label: 'label',
      rows: train.map((e, row) => ({ row, values: { sentence: e.sentence, label: e.label } })),
    },
    resolvePlan(options),
  );
}

function augmentationMetrics(result: AugmentResult): AugmentationMetrics {
  const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    command: 'counterfair augment sst2-train.csv --axes gender,country --lower-case --text sentence --label label --seed 1 --out …',
    train_rows_read: result.rows_read,
    train_rows_written: result.rows.length,
    axes: result.axes.map((a) => ({
      axis: a.axis,
      groups: a.groups.length,
      rows_mentioning_one_group: sum(a.mentioned),
      counterfactual_rows_written: sum(a.written),
      rows_not_swapped_safely: a.unsafe.length,
      rows_with_nothing_to_swap: a.nothing_to_swap,
      forms_left_out: result.left_out_forms[a.axis] ?? [],
    })),
  };
}

/** log C(n, k), for the exact McNemar test. */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** Paired comparison of two models' dev predictions. */
export function compareDev(
  labels: readonly (0 | 1)[],
  baseline: readonly number[],
  candidate: readonly number[],
  baselineAccuracy: number,
): DevComparison {
  let both = 0;
  let onlyBaseline = 0;
  let onlyThis = 0;
  let neither = 0;
  labels.forEach((y, i) => {
    const a = ((baseline[i] as number) > 0.5 ? 1 : 0) === y;
    const b = ((candidate[i] as number) > 0.5 ? 1 : 0) === y;
    if (a && b) both++;
    else if (a) onlyBaseline++;
    else if (b) onlyThis++;
    else neither++;
  });
  const n = labels.length;
  const d = (onlyThis - onlyBaseline) / n;
  const se = Math.sqrt(onlyThis + onlyBaseline - (onlyThis - onlyBaseline) ** 2 / n) / n;
  const discordant = onlyThis + onlyBaseline;
  const k = Math.min(onlyThis, onlyBaseline);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(discordant, i) - discordant * Math.LN2);
  return {
    baseline_model: SST2_BOW_NAME,
    baseline_dev_accuracy: baselineAccuracy,
    difference: d,
    difference_ci95: [d - 1.959963984540054 * se, d + 1.959963984540054 * se],
    both_right: both,
    only_baseline_right: onlyBaseline,
    only_this_right: onlyThis,
    both_wrong: neither,
    mcnemar_exact_p: Math.min(1, 2 * tail),
  };
}

/** The model card. */
export function sst2CdaReadme(metrics: Sst2CdaMetrics): string {
  const acc = (x: number): string => x.toFixed(4);
  const cmp = metrics.dev_vs_baseline;
  const aug = metrics.augmentation;
  const axis = (name: string) => aug.axes.find((a) => a.axis === name);
  const pct = (x: number): string => `${(x * 100).toFixed(1)}`;
  const g = axis('gender');
  const c = axis('country');
  const others = (c?.groups ?? 1) - 1;
  const t = metrics.training;
  const against = `against ${acc(cmp.baseline_dev_accuracy)} for \`${cmp.baseline_model}\``;
  const interval = `95% interval ${pct(cmp.difference_ci95[0])} to ${pct(cmp.difference_ci95[1])}`;
  const disagree = cmp.only_baseline_right + cmp.only_this_right;
  const only = `${cmp.only_baseline_right} of which only the original gets right and ${cmp.only_this_right} only this one`;
  const trainLoss = metrics.train_log_loss_js_reference.toFixed(4);
  const trainFit = `Training-set accuracy ${acc(metrics.train_accuracy_js_reference)} and log-loss ${trainLoss}`;
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
  - counterfactual-data-augmentation
model-index:
  - name: sst2-bow-cda
    results:
      - task: { type: text-classification }
        dataset: { name: GLUE SST-2, type: glue, config: sst2, split: validation }
        metrics:
          - { type: accuracy, value: ${acc(metrics.dev_accuracy)} }
---

# sst2-bow-cda

\`models/${SST2_BOW_NAME}\` retrained on the SST-2 training split after **counterfactual data augmentation**
(CDA, Lu et al. 2018) along gender and country, by counterfair's build script. Everything else is the
original's: the tokenizer rule, the vocabulary rule (words seen at least ${metrics.min_count} times), the
hyper-parameters and seed, the ONNX graph. It exists to show the loop from an audit to a fix to a re-audit:
see counterfair's \`docs/augment.md\` for what the demo audit finds in each model.

**Dev accuracy: ${acc(metrics.dev_accuracy)}** (${metrics.dev_correct} / ${metrics.dev_examples}), ${against}:
a difference of ${pct(cmp.difference)} points (${interval}; the models disagree on
${disagree} sentences, ${only};
exact McNemar p = ${cmp.mcnemar_exact_p.toPrecision(2)}). Measured through the transformers.js pipeline as for the original. \
Details in \`metrics.json\`.

## The augmentation

    ${aug.command}

- ${aug.train_rows_read} training rows in, ${aug.train_rows_written} out.
- gender (female ↔ male): ${g?.rows_mentioning_one_group} rows mention one gender and get a copy with the other
  (pronouns by role, person and kinship nouns, titles, gendered occupations); ${g?.rows_not_swapped_safely} rows that mention both
  genders are kept as written but not swapped.
- country (all ${c?.groups} countries): ${c?.rows_mentioning_one_group} rows mention one country (its name, an alias or its demonym) \
and get a copy
  for each of the other ${others}; ${c?.rows_not_swapped_safely} rows that mention several are kept as written. SST-2 is lower-cased, so
  names are found in any case, except those that are also common English words: ${c?.forms_left_out.join(', ')}.
- A row that mentions both a gender and a country gets every combination, so the augmented set is the same under
  any swap of either.
- Copies keep the label: a counterfactual sentence has the sentiment of its original.

Country rows are few (${c?.rows_mentioning_one_group}) but each has ${(c?.groups ?? 1) - 1} copies, so copies of them are most of the
training set. Every country name then occurs in exactly the same sentences with the same labels, which is what
makes their weights equal; it is also why dev accuracy drops: the words around those rows count far more than
they did.

## Training

As \`models/${SST2_BOW_NAME}\` (see its README): bag of words, mini-batch Adam, λ = ${t.l2.toExponential()}, ${t.epochs} epochs,
batch ${t.batchSize}, seed ${t.seed}; vocabulary of ${metrics.vocab_size - 5} words from the augmented training set.
${trainFit} are on the augmented set.
The bias is ${Math.fround(metrics.bias).toFixed(4)}, the \`[UNK]\` weight ${Math.fround(metrics.unk_weight).toFixed(4)}.

## Limitations

Those of \`${SST2_BOW_NAME}\`, plus: CDA equalises the words it swaps, not what they stand for. Words that are
part of a country's name but also ordinary words ("saint", "new", "south", "guinea") keep weights learned from
other sentences too; gendered words missing from the lexicon are not swapped; rows that mention two genders
are not augmented at all. SST has no explicit license; cite Socher et al. (2013) and Wang et al. (2018).

## Rebuild

    npm run build:models -- ${SST2_BOW_CDA_NAME}
    # or: npx tsx scripts/build-models.ts ${SST2_BOW_CDA_NAME}

Deterministic: rebuilding writes byte-identical files. The build reads \`models/${SST2_BOW_NAME}\` (to compare dev predictions),
checks the tokenizer and the pipeline as the original's build does, and fails below ${MIN_DEV_ACCURACY} dev accuracy.
`;
}

/**
 * Augments, trains, writes and evaluates `models/sst2-bow-cda` in `folder`.
 *
 * @param dataDir Folder holding the SST-2 TSV files.
 * @param baselineFolder The original model's folder (`models/sst2-bow`), for the dev comparison.
 */
export async function buildSst2BowCda(
  folder: string,
  dataDir: string,
  baselineFolder: string,
  log: (msg: string) => void,
): Promise<WrittenFile[]> {
  const { train, dev } = loadSst2(dataDir);
  const augmented = augmentTrain(train);
  const rows = augmented.rows.map((r) => ({ sentence: r.values['sentence'] as string, label: r.values['label'] as 0 | 1 }));
  const unsafe = augmented.axes.map((a) => `${a.axis}: ${a.unsafe.length} rows not swapped safely`).join(', ');
  log(`  augmented ${train.length} training rows to ${rows.length} (${unsafe})`);
  const trainTok = rows.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label }));
  const devTok = dev.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label }));
  const vocab = buildVocabulary(trainTok, MIN_COUNT);
  const trainData = featurize(trainTok, vocab);
  const devData = featurize(devTok, vocab);
  const model = trainLogisticRegression(trainData, vocab.size, TRAIN_SETTINGS);
  const jsDevAccuracy = accuracy(devData, model);
  log(`  trained on ${rows.length} examples, vocabulary ${vocab.size}, JS dev accuracy ${jsDevAccuracy.toFixed(4)}`);

  const onnxBytes = encodeBowModel(
    model,
    'sst2_bow_cda',
    'counterfair sst2-bow-cda: bag-of-words logistic regression trained on SST-2 after counterfactual data augmentation ' +
      '(gender, country); P(POSITIVE) = sigmoid(bias + sum of token weights)',
  );
  const written = writeFolderFiles(folder, modelFiles(vocab, onnxBytes));

  const devTexts = dev.map((e) => e.sentence);
  const trainSample = rows.filter((_, i) => i % 400 === 0).map((e) => e.sentence);
  const checkTexts = [...devTexts, ...trainSample, ...TOKENIZER_EDGE_CASES];
  await assertTokenizerMatches(folder, vocab, checkTexts);
  const checked = `${checkTexts.length} texts (all dev, every 400th augmented train row, edge cases)`;
  log(`  tokenizer.json matches the training tokenizer on ${checked}`);

  const probabilities = await positiveProbabilities(folder, devTexts);
  const reference = devTexts.map((t) => referenceProbability(t, vocab, model));
  const maxDiff = assertClose('sst2-bow-cda pipeline vs JS reference', devTexts, probabilities, reference, PIPELINE_TOLERANCE);
  const correct = probabilities.filter((p, i) => (p > 0.5 ? 1 : 0) === dev[i]?.label).length;
  const devAccuracy = correct / dev.length;
  log(`  pipeline dev accuracy ${devAccuracy.toFixed(4)} (${correct}/${dev.length}); max |pipeline − JS| ${maxDiff.toExponential(2)}`);
  if (!(devAccuracy >= MIN_DEV_ACCURACY)) {
    throw new Error(`sst2-bow-cda dev accuracy ${devAccuracy.toFixed(4)} is below ${MIN_DEV_ACCURACY}`);
  }

  const baselineMetrics = JSON.parse(readFileSync(path.join(baselineFolder, 'metrics.json'), 'utf8')) as Sst2Metrics;
  const baseline = await positiveProbabilities(baselineFolder, devTexts);
  const comparison = compareDev(
    dev.map((e) => e.label),
    baseline,
    probabilities,
    baselineMetrics.dev_accuracy,
  );
  const mcnemar = comparison.mcnemar_exact_p.toPrecision(2);
  const baselineAccuracy = comparison.baseline_dev_accuracy.toFixed(4);
  log(`  dev accuracy ${devAccuracy.toFixed(4)} against ${baselineAccuracy} for ${SST2_BOW_NAME} (McNemar p ${mcnemar})`);

  const metrics: Sst2CdaMetrics = {
    model: SST2_BOW_CDA_NAME,
    dev_accuracy: devAccuracy,
    dev_correct: correct,
    dev_examples: dev.length,
    dev_accuracy_js_reference: jsDevAccuracy,
    pipeline_vs_js_tolerance: PIPELINE_TOLERANCE,
    train_accuracy_js_reference: accuracy(trainData, model),
    train_log_loss_js_reference: logLoss(trainData, model),
    train_examples: rows.length,
    vocab_size: vocab.size,
    min_count: MIN_COUNT,
    features: 'token counts (bag of words, [UNK] for words seen fewer than min_count times in the augmented train set)',
    training: {
      ...TRAIN_SETTINGS,
      optimizer: 'mini-batch Adam (float64), weights rounded to float32 in the ONNX file',
      shuffle: `examples reshuffled every epoch with mulberry32(seed ${TRAIN_SETTINGS.seed}) Fisher–Yates`,
      objective: 'mean logistic loss + λ/2·‖w‖² (bias not regularised)',
    },
    evaluated_with: `@huggingface/transformers ${env.version}, { device: 'cpu', dtype: 'fp32' }, top_k: null, label = argmax`,
    data: { folder: DEFAULT_SST2_DIR, train: SST2_FILES.train, dev: SST2_FILES.dev },
    augmentation: augmentationMetrics(augmented),
    dev_vs_baseline: comparison,
    bias: model.bias,
    unk_weight: model.weights[SPECIAL_IDS.unk] as number,
  };
  written.push(...writeFolderFiles(folder, { 'metrics.json': jsonText(metrics), 'README.md': sst2CdaReadme(metrics) }));
  return written;
}
