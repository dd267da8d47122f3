/**
 * How the choice of augmentation changes what the demo audit finds, without writing models:
 * for each variant, augment the SST-2 training split, train the bag-of-words model exactly as
 * `models/sst2-bow` is trained, and print its dev accuracy and the demo audit's point estimates
 * of the gap and flip rate per axis, computed from the trained weights (the JavaScript reference
 * of what the ONNX graph computes; no pipeline, no intervals). docs/augment.md quotes its table.
 *
 *   npx tsx scripts/models/sst2-bow-cda-sweep.ts          (several minutes: five trainings)
 *
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFromSpec, loadSpec } from '../../src/index.js';
import type { AugmentOptions } from '../../src/augment/index.js';
import { MIN_COUNT, TRAIN_SETTINGS } from './sst2-bow.js';
import { augmentTrain, CDA_OPTIONS } from './sst2-bow-cda.js';
import { loadSst2, sst2Dir, type Sst2Example } from './sst2-data.js';
import { wordTokens } from './tokenizer.js';
import { accuracy, buildVocabulary, featurize, sigmoid, trainLogisticRegression } from './train-bow.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The variants, the shipped one (`CDA_OPTIONS`) last. */
const VARIANTS: readonly { name: string; options: Readonly<AugmentOptions> | null }[] = [
  { name: 'none (sst2-bow)', options: null },
  { name: 'gender, two-sided', options: { ...CDA_OPTIONS, axes: ['gender'] } },
  { name: 'gender + country, substitute (CDS)', options: { ...CDA_OPTIONS, mode: 'substitute' } },
  { name: 'gender + country, two-sided, 1 copy per axis', options: { ...CDA_OPTIONS, copies: 1 } },
  { name: 'gender + country, two-sided, 10 copies per axis', options: { ...CDA_OPTIONS, copies: 10 } },
  { name: 'gender + country, two-sided, every group (sst2-bow-cda)', options: CDA_OPTIONS },
];

function main(): void {
  const { train, dev } = loadSst2(sst2Dir(REPO_ROOT));
  const generated = generateFromSpec(loadSpec(path.join(REPO_ROOT, 'audits', 'demo.yaml')));
  console.log('| augmentation | training rows | dev accuracy | country gap | country flip rate | gender gap | gender flip rate |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const variant of VARIANTS) {
    const augmented = (options: Readonly<AugmentOptions>): Sst2Example[] =>
      augmentTrain(train, options).rows.map((r) => ({ sentence: r.values['sentence'] as string, label: r.values['label'] as 0 | 1 }));
    const rows: readonly Sst2Example[] = variant.options === null ? train : augmented(variant.options);
    const tokenized = rows.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label }));
    const vocab = buildVocabulary(tokenized, MIN_COUNT);
    const model = trainLogisticRegression(featurize(tokenized, vocab), vocab.size, TRAIN_SETTINGS);
    const devAccuracy = accuracy(featurize(dev.map((e) => ({ tokens: wordTokens(e.sentence), label: e.label })), vocab), model);
    const p = (text: string): number => {
      let z = Math.fround(model.bias);
      for (const id of vocab.encode(text)) z += Math.fround(model.weights[id] as number);
      return sigmoid(z);
    };
    const cells = ['country', 'gender'].flatMap((axis) => {
      const sets = generated.sets.filter((s) => s.axes.length === 1 && s.axes[0] === axis);
      const byGroup = new Map<string, number[]>();
      let flips = 0;
      for (const set of sets) {
        for (const s of set.sentences) byGroup.set(s.groups[axis] as string, [...(byGroup.get(s.groups[axis] as string) ?? []), p(s.text)]);
        if (new Set(set.sentences.map((s) => p(s.text) > 0.5)).size > 1) flips++;
      }
      const means = [...byGroup.values()].map((ps) => ps.reduce((a, b) => a + b, 0) / ps.length);
      return [(Math.max(...means) - Math.min(...means)).toFixed(3), (flips / sets.length).toFixed(3)];
    });
    console.log(`| ${variant.name} | ${rows.length} | ${devAccuracy.toFixed(4)} | ${cells.join(' | ')} |`);
  }
}

main();
