/** The one interface every classifier backend implements. */

/** Where a model comes from, resolved once from the spec. */
export type ModelSource =
  | { kind: 'local'; /** absolute folder */ folder: string; /** as written in the spec */ shown: string }
  | { kind: 'hub'; id: string; revision?: string };

/** One classifier input: a text, or a text pair (e.g. NLI premise + hypothesis). */
export interface TextInput {
  text: string;
  text_pair?: string;
}

/** The key two inputs share exactly when they are the same input (dedup and cache key). */
export function inputKey(input: TextInput): string {
  // U+241E cannot be typed by accident and keeps "a" + pair "b c" apart from "a b" + pair "c".
  return input.text_pair === undefined ? input.text : `${input.text}\u241E${input.text_pair}`;
}

/** A loaded classifier. Only backends know about runtimes; the rest sees this. */
export interface Classifier {
  /** Every label, in the model's own id order. */
  readonly labels: readonly string[];
  /** The device inference actually runs on. */
  readonly device: string;
  readonly dtype: string;
  /** Probabilities of every label (in `labels` order) for each input, in input order. */
  classify(inputs: readonly TextInput[]): Promise<number[][]>;
  /** Frees the runtime's sessions. */
  dispose(): Promise<void>;
}

/** What the classify stage returns: each distinct input's probabilities (plain, JSON-serialisable). */
export interface Predictions {
  labels: string[];
  /** The distinct inputs, in the order they were first seen. */
  inputs: TextInput[];
  /** Probability of each label (in `labels` order) for `inputs[i]`. */
  probs: number[][];
}
