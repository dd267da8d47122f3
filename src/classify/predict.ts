/**
 * Runs a classifier over the distinct texts of an audit in batches. Templates repeat texts
 * (the same sentence can come from two templates), so each distinct text is classified once.
 */
import type { Classifier, Predictions } from './types.js';

/** How `predictTexts` batches and reports. */
export interface PredictOptions {
  batchSize: number;
  /** Called after each batch with texts done and total. */
  onProgress?: (done: number, total: number) => void;
}

/** Classifies each distinct text once, in batches of `batchSize`. */
export async function predictTexts(classifier: Classifier, texts: Iterable<string>, options: PredictOptions): Promise<Predictions> {
  const distinct = [...new Set(texts)];
  const probs: number[][] = [];
  for (let i = 0; i < distinct.length; i += options.batchSize) {
    const batch = distinct.slice(i, i + options.batchSize);
    const out = await classifier.classify(batch);
    if (out.length !== batch.length) throw new Error(`classifier returned ${out.length} results for ${batch.length} texts`);
    probs.push(...out);
    options.onProgress?.(probs.length, distinct.length);
  }
  return { labels: [...classifier.labels], texts: distinct, probs };
}
