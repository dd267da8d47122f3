/**
 * Runs a classifier over the distinct inputs of an audit. Templates repeat texts (the same
 * sentence can come from two templates), so each distinct input is classified once; inputs the
 * cache already holds for this model are not classified at all; the rest go in the batches the
 * backend plans (token budgets, worker threads, concurrent requests), and each finished batch
 * is written to the cache at once, so a run killed midway resumes where it stopped. Every row,
 * from the cache or the backend, is checked (probabilities.ts) before it is used or kept.
 */
import { CounterfairError } from '../shared/errors.js';
import { chunkIndices } from './batching.js';
import type { PredictionCache } from './cache.js';
import { describeInput, MESSAGES } from './messages.js';
import { checkProbabilities } from './probabilities.js';
import { inputKey, type BatchPlan, type LoadedClassifier, type Predictions, type TextInput } from './types.js';

/** How `predictInputs` batches, caches and reports. */
export interface PredictOptions {
  /** Inputs per batch for backends that do not plan their own batches. */
  batchSize: number;
  /** Called once with the inputs the cache held, then after each batch, with inputs done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Where finished predictions are kept; used only for classifiers with a fingerprint. */
  cache?: PredictionCache;
  /** How messages name the classifier (default: its backend). */
  who?: string;
}

/**
 * Classifies each distinct input once (or takes it from the cache), in the backend's batches.
 * @throws CounterfairError for an impossible probability from the backend (code `model`) or the
 * cache (code `input`), naming the input and the value.
 */
export async function predictInputs(
  classifier: LoadedClassifier,
  inputs: Iterable<TextInput>,
  options: PredictOptions,
): Promise<Predictions> {
  const seen = new Map<string, TextInput>();
  for (const input of inputs) if (!seen.has(inputKey(input))) seen.set(inputKey(input), input);
  const keys = [...seen.keys()];
  const distinct = [...seen.values()];
  const { labels } = classifier;
  const multiLabel = classifier.multiLabel === true;
  // A row holds the label probabilities, then the backend's extras (cached with them).
  const extraNames = classifier.extras ?? [];
  const check = (row: readonly number[]) => checkProbabilities(row, labels, multiLabel, extraNames);
  const input = (i: number): TextInput => distinct[i] ?? { text: '' };

  const fingerprint = classifier.fingerprint;
  const cache = fingerprint !== undefined ? options.cache : undefined;
  const none = () => new Array<undefined>(distinct.length).fill(undefined);
  const probs: (number[] | undefined)[] = cache && fingerprint !== undefined ? cache.get(fingerprint, keys) : none();
  probs.forEach((row, i) => {
    const problem = row && check(row);
    if (!cache || !problem) return;
    throw new CounterfairError('input', { location: { file: cache.file }, ...MESSAGES.cacheBadValue(describeInput(input(i)), problem) });
  });
  const missing = probs.flatMap((p, i) => (p === undefined ? [i] : []));
  let done = distinct.length - missing.length;
  options.onProgress?.(done, distinct.length);

  if (missing.length > 0) {
    const todo = missing.map(input);
    const who = options.who ?? `the ${classifier.backend ?? 'library'} classifier`;
    const plan = classifier.plan ? await classifier.plan(todo, options.batchSize) : sequentialPlan(classifier, todo, options.batchSize);
    await runConcurrently(plan, (indices, out) => {
      if (out.length !== indices.length) {
        throw new CounterfairError('model', MESSAGES.badOutput(who, `returned ${out.length} results for ${indices.length} inputs`));
      }
      const entries = indices.map((j, k): [string, number[]] => {
        const at = missing[j] ?? -1;
        const row = out[k] ?? [];
        const problem = check(row);
        if (problem) throw new CounterfairError('model', MESSAGES.badProbability(who, describeInput(input(at)), problem));
        probs[at] = row;
        return [keys[at] ?? '', row];
      });
      if (cache && fingerprint !== undefined) cache.put(fingerprint, entries);
      done += indices.length;
      options.onProgress?.(done, distinct.length);
    });
  }
  const rows = probs.map((p) => p ?? []);
  if (extraNames.length === 0) return { labels: [...labels], inputs: distinct, probs: rows };
  const extras = { names: [...extraNames], values: rows.map((r) => r.slice(labels.length)) };
  return { labels: [...labels], inputs: distinct, probs: rows.map((r) => r.slice(0, labels.length)), extras };
}

/** Batches of `batchSize` inputs in input order, one at a time: the plan of a plain classifier. */
function sequentialPlan(classifier: LoadedClassifier, inputs: readonly TextInput[], batchSize: number): BatchPlan {
  return {
    concurrency: 1,
    batches: chunkIndices(inputs.length, batchSize).map((indices) => ({
      indices,
      run: () => classifier.classify(indices.flatMap((i) => inputs[i] ?? [])),
    })),
  };
}

/**
 * Runs the plan's batches, at most `concurrency` at once, handing each result to `onDone` as it
 * comes. On the first failure no new batch starts; the ones in flight finish (and are kept)
 * before the failure is thrown.
 */
async function runConcurrently(plan: BatchPlan, onDone: (indices: number[], out: number[][]) => void): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < plan.batches.length) {
      const batch = plan.batches[next++];
      if (batch === undefined) break;
      try {
        onDone(batch.indices, await batch.run());
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, plan.batches.length)) }, lane));
  if (failure) throw failure.error;
}
