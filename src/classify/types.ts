/** The one interface every classifier backend implements. */
import type { ModelSpec } from '../spec/schema.js';
import type { LlmRecord, OpenAiServerSpec } from './remote/openai-schema.js';

/** Where a model comes from, resolved once from the spec. */
export type ModelSource =
  | { kind: 'local'; /** absolute folder */ folder: string; /** as written in the spec */ shown: string }
  | { kind: 'hub'; id: string; revision?: string }
  | { kind: 'module'; /** absolute file */ file: string; /** as written in the spec */ shown: string }
  | { kind: 'server'; server: ServerSpec | OpenAiServerSpec };

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
  /** Which backend runs it (`onnxruntime`, `kserve`, `tei`, `module`), for results.json. */
  readonly backend?: string;
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

/** `model.server` of a spec: an inference server speaking KServe v2 or TEI. */
export type ServerSpec = Exclude<NonNullable<ModelSpec['server']>, OpenAiServerSpec>;

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
