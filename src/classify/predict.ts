/**
 * Runs a classifier over the distinct inputs of an audit. Templates repeat texts (the same
 * sentence can come from two templates), so each distinct input is classified once; inputs the
 * cache already holds for this model are not classified at all; the rest go in the batches the
 * backend plans (token budgets, worker threads, concurrent requests), and each finished batch
 * is written to the cache at once, so a run killed midway resumes where it stopped.
 */
import { chunkIndices } from './batching.js';
import type { PredictionCache } from './cache.js';
import { inputKey, type BatchPlan, type Classifier, type Predictions, type TextInput } from './types.js';

/** How `predictInputs` batches, caches and reports. */
export interface PredictOptions {
  /** Inputs per batch for backends that do not plan their own batches. */
  batchSize: number;
  /** Called once with the inputs the cache held, then after each batch, with inputs done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Where finished predictions are kept; used only for classifiers with a fingerprint. */
  cache?: PredictionCache;
}

/** Classifies each distinct input once (or takes it from the cache), in the backend's batches. */
export async function predictInputs(classifier: Classifier, inputs: Iterable<TextInput>, options: PredictOptions): Promise<Predictions> {
  const seen = new Map<string, TextInput>();
  for (const input of inputs) if (!seen.has(inputKey(input))) seen.set(inputKey(input), input);
  const keys = [...seen.keys()];
  const distinct = [...seen.values()];
  // A row holds the label probabilities, then the backend's extras (cached with them).
  const labelCount = classifier.labels.length;
  const width = labelCount + (classifier.extras?.length ?? 0);

  const cache = classifier.fingerprint !== undefined ? options.cache : undefined;
  const fingerprint = classifier.fingerprint ?? '';
  const probs: (number[] | undefined)[] = cache ? cache.get(fingerprint, keys).map((p) => (p?.length === width ? p : undefined)) : new Array(distinct.length).fill(undefined);
  const missing = probs.flatMap((p, i) => (p === undefined ? [i] : []));
  let done = distinct.length - missing.length;
  options.onProgress?.(done, distinct.length);

  if (missing.length > 0) {
    const todo = missing.map((i) => distinct[i] as TextInput);
    const plan = classifier.plan ? await classifier.plan(todo, options.batchSize) : sequentialPlan(classifier, todo, options.batchSize);
    await runConcurrently(plan, (indices, out) => {
      if (out.length !== indices.length) throw new Error(`classifier returned ${out.length} results for ${indices.length} inputs`);
      out.forEach((row, k) => {
        if (row.length !== width || row.some((p) => !Number.isFinite(p))) throw new Error(`classifier returned ${JSON.stringify(row)} for one input; expected ${width} finite probabilities`);
        probs[missing[indices[k] as number] as number] = row;
      });
      cache?.put(fingerprint, indices.map((j, k) => [keys[missing[j] as number] as string, out[k] as number[]] as const));
      done += indices.length;
      options.onProgress?.(done, distinct.length);
    });
  }
  const rows = probs as number[][];
  if (width === labelCount) return { labels: [...classifier.labels], inputs: distinct, probs: rows };
  const extras = { names: [...(classifier.extras ?? [])], values: rows.map((r) => r.slice(labelCount)) };
  return { labels: [...classifier.labels], inputs: distinct, probs: rows.map((r) => r.slice(0, labelCount)), extras };
}

/** Batches of `batchSize` inputs in input order, one at a time: the plan of a plain classifier. */
function sequentialPlan(classifier: Classifier, inputs: readonly TextInput[], batchSize: number): BatchPlan {
  return {
    concurrency: 1,
    batches: chunkIndices(inputs.length, batchSize).map((indices) => ({ indices, run: () => classifier.classify(indices.map((i) => inputs[i] as TextInput)) })),
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
