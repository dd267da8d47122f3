/** The one interface every classifier backend implements. */

/** Where a model comes from, resolved once from the spec. */
export type ModelSource =
  | { kind: 'local'; /** absolute folder */ folder: string; /** as written in the spec */ shown: string }
  | { kind: 'hub'; id: string; revision?: string };

/** A loaded classifier. Only backends know about runtimes; the rest sees this. */
export interface Classifier {
  /** Every label, in the model's own id order. */
  readonly labels: readonly string[];
  /** The device inference actually runs on. */
  readonly device: string;
  readonly dtype: string;
  /** Probabilities of every label (in `labels` order) for each text, in input order. */
  classify(texts: readonly string[]): Promise<number[][]>;
  /** Frees the runtime's sessions. */
  dispose(): Promise<void>;
}

/** What the classify stage returns: each distinct text's probabilities (plain, JSON-serialisable). */
export interface Predictions {
  labels: string[];
  /** The distinct texts, in the order they were first seen. */
  texts: string[];
  /** Probability of each label (in `labels` order) for `texts[i]`. */
  probs: number[][];
}
