/**
 * Augment stage, beside report: a corpus → the same corpus with counterfactual copies of its rows,
 * labels kept (counterfactual data augmentation), by the perturbation engine of corpus audits.
 */
import { CounterfairError, type Problem } from '../shared/errors.js';
import { augmentCorpus } from './augment.js';
import { readAugmentCorpus } from './io.js';
import { resolvePlan, type AugmentOptions } from './plan.js';
import type { AugmentCorpus, AugmentPlan, AugmentResult } from './types.js';

export { augmentCorpus } from './augment.js';
export { AUGMENT_COLUMNS, formatOf, readAugmentCorpus, renderAugmented, writeAugmented } from './io.js';
export { MESSAGES } from './messages.js';
export { AUGMENT_AXES, AUGMENT_MODES, MODE_NAMES } from './modes.js';
export { builtinNamePairs, readNamePairs } from './names.js';
export { resolvePlan, type AugmentOptions } from './plan.js';
export { augmentSummary } from './summary.js';
export type {
  AugmentAxis,
  AugmentCorpus,
  AugmentedRow,
  AugmentMode,
  AugmentPlan,
  AugmentResult,
  AxisSummary,
  NamePairsInfo,
  SkippedRow,
  Swap,
  WordSwap,
} from './types.js';

/**
 * Reads a corpus file and augments it: for each row, its counterfactual copies (or, in substitute
 * mode, the row swapped or not), the label and every other column kept. Writes nothing: pass the
 * result to `writeAugmented`, and to `augmentSummary` for the counts.
 *
 * @param file a .csv (header row) or .jsonl corpus, relative to the working folder.
 * @example
 *   const result = augmentFile('reviews.csv', { axes: ['gender'], text: 'review' });
 *   writeAugmented('reviews-cda.csv', result);
 * @throws CounterfairError (`input`, exit 2) listing every problem with the file and the options at once.
 */
export function augmentFile(file: string, options: AugmentOptions): AugmentResult {
  const problems: Problem[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof CounterfairError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };
  const plan: AugmentPlan | undefined = attempt(() => resolvePlan(options));
  const columns = { text: options.text ?? 'text', text_pair: options.textPair, label: options.label };
  const corpus: AugmentCorpus | undefined = attempt(() => readAugmentCorpus(file, columns));
  if (plan === undefined || corpus === undefined) throw new CounterfairError('input', problems);
  return augmentCorpus(corpus, plan);
}
