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
  const byText = new Map<string, number[]>();
  for (let i = 0; i < distinct.length; i += options.batchSize) {
    const batch = distinct.slice(i, i + options.batchSize);
    const probs = await classifier.classify(batch);
    if (probs.length !== batch.length) throw new Error(`classifier returned ${probs.length} results for ${batch.length} texts`);
    batch.forEach((t, k) => byText.set(t, probs[k] as number[]));
    options.onProgress?.(Math.min(i + batch.length, distinct.length), distinct.length);
  }
  return { labels: [...classifier.labels], byText };
}
