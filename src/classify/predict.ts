/**
 * Runs a classifier over the distinct inputs of an audit in batches. Templates repeat texts
 * (the same sentence can come from two templates), so each distinct input is classified once.
 */
import { inputKey, type Classifier, type Predictions, type TextInput } from './types.js';

/** How `predictInputs` batches and reports. */
export interface PredictOptions {
  batchSize: number;
  /** Called after each batch with inputs done and total. */
  onProgress?: (done: number, total: number) => void;
}

/** Classifies each distinct input once, in batches of `batchSize`. */
export async function predictInputs(classifier: Classifier, inputs: Iterable<TextInput>, options: PredictOptions): Promise<Predictions> {
  const seen = new Map<string, TextInput>();
  for (const input of inputs) if (!seen.has(inputKey(input))) seen.set(inputKey(input), input);
  const distinct = [...seen.values()];
  const probs: number[][] = [];
  for (let i = 0; i < distinct.length; i += options.batchSize) {
    const batch = distinct.slice(i, i + options.batchSize);
    const out = await classifier.classify(batch);
    if (out.length !== batch.length) throw new Error(`classifier returned ${out.length} results for ${batch.length} inputs`);
    probs.push(...out);
    options.onProgress?.(probs.length, distinct.length);
  }
  return { labels: [...classifier.labels], inputs: distinct, probs };
}
