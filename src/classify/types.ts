/** What every backend gives the classify stage once loaded, and the inputs it classifies. */
import type { LlmRecord } from './remote/openai-schema.js';

/** Where a model comes from, resolved once from the spec. */
export type ModelSource =
  | { kind: 'local'; /** absolute folder */ folder: string; /** as written in the spec */ shown: string }
  | { kind: 'hub'; id: string; revision?: string }
  | { kind: 'module'; /** absolute file */ file: string; /** as written in the spec */ shown: string }
  | { kind: 'server'; server: ServerIdentity };

/** What identifies a server model before it is asked (`model.server`'s own keys). */
export interface ServerIdentity {
  protocol: string;
  url: string;
  name?: string | undefined;
  version?: string | undefined;
  /** An OpenAI-compatible server names its model `model`. */
  model?: string | undefined;
}

/** One classifier input: a text, or a text pair (e.g. NLI premise + hypothesis). */
export interface TextInput {
  text: string;
  text_pair?: string;
}

/**
 * The key two inputs share exactly when they are the same input (dedup and cache key): the JSON
 * of `[text]` or `[text, text_pair]`, so no text, whatever characters it holds, can pass for a
 * pair, nor a pair for another pair.
 */
export function inputKey(input: TextInput): string {
  return JSON.stringify(input.text_pair === undefined ? [input.text] : [input.text, input.text_pair]);
}

/**
 * A classifier as the classify stage drives it, whatever its backend: inputs in, rows of
 * probabilities out, with how it batches best. Backends return it from their loaders; a
 * `Classifier` (the shape users write, see classifier.ts) is adapted into one. Only backends
 * know about runtimes; the rest sees this.
 */
export interface LoadedClassifier {
  /** Every label, in the model's own id order. */
  readonly labels: readonly string[];
  /** The device inference actually runs on. */
  readonly device: string;
  /** The adapter a GPU device runs on, where the runtime names it. */
  readonly adapter?: string;
  /** With `device: auto`, the GPUs passed over before `device`, each with its reason; absent otherwise. */
  readonly deviceFallbacks?: readonly { device: string; reason: string }[];
  readonly dtype: string;
  /** Probabilities of every label (in `labels` order) for each input, in input order. */
  classify(inputs: readonly TextInput[]): Promise<number[][]>;
  /** Frees the runtime's sessions. */
  dispose(): Promise<void>;
  /**
   * What identifies the model's outputs (`sha256:…`): the prediction cache keys on it. A
   * classifier without one is never cached.
   */
  readonly fingerprint?: string;
  /** Which backend runs it (`onnxruntime`, `kserve`, `tei`, `module`, `library`), for results.json. */
  readonly backend?: string;
  /** What results.json calls the model, when the backend knows better than the spec (a library classifier's `name`). */
  readonly name?: string;
  /**
   * Each label's probability stands alone (sigmoid, multi-label): rows need not sum to 1. Rows
   * of a single-label model (the default) must sum to 1.
   */
  readonly multiLabel?: boolean;
  /**
   * How this backend runs many inputs best (token budgets, worker threads, concurrent requests).
   * Without it, inputs are cut `batchSize` at a time and run one batch after another.
   */
  plan?(inputs: readonly TextInput[], batchSize: number): Promise<BatchPlan>;
  /**
   * Names of numbers a backend reports per input besides the probabilities (`outside_mass`),
   * appended in this order to each row `classify` and `plan` give; cached with them.
   */
  readonly extras?: readonly string[];
  /** How an LLM backend asked its server (model, prompt, verbalizers, scoring), for results.json. */
  readonly llm?: LlmRecord;
}

/** Batches a backend planned, and how many of them may run at once. */
export interface BatchPlan {
  batches: PlannedBatch[];
  concurrency: number;
}

/** One batch, ready to run. */
export interface PlannedBatch {
  /** Positions, in the list given to `plan`, of the inputs the batch classifies. */
  indices: number[];
  /** Probabilities of every label for each of `indices`, in that order. */
  run(): Promise<number[][]>;
}

/** What the classify stage returns: each distinct input's probabilities (plain, JSON-serialisable). */
export interface Predictions {
  labels: string[];
  /** The distinct inputs, in the order they were first seen. */
  inputs: TextInput[];
  /** Probability of each label (in `labels` order) for `inputs[i]`. */
  probs: number[][];
  /** The classifier's `extras`, by name, and their values for `inputs[i]`. */
  extras?: { names: string[]; values: number[][] };
}
