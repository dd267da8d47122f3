/**
 * The one shape of a classifier written by a user, whether as a `model.module` file or passed to
 * the library (`runAudit(loaded, { classifier })`), and the adapter that turns it into what the
 * classify stage drives. Both paths go through `adaptClassifier`, so both accept exactly the same
 * thing and check it the same way.
 */
import { CounterfairError } from '../shared/errors.js';
import { MESSAGES, describeInput } from './messages.js';
import type { LoadedClassifier, TextInput } from './types.js';

/** Each label's probability for one input: `{ NEGATIVE: 0.12, POSITIVE: 0.88 }`. */
export type LabelScores = Record<string, number>;

/**
 * A classifier counterfair can audit. A `model.module` file exports these as named exports
 * (`export const labels = …; export async function classify(texts, pairs) { … }`); the library
 * takes an object of this shape. docs/backends.md shows both.
 *
 * ```ts
 * const classifier: Classifier = {
 *   labels: ['NEGATIVE', 'POSITIVE'],
 *   classify: async (texts) =>
 *     texts.map((t) => (t.includes('Iraq') ? { NEGATIVE: 0.9, POSITIVE: 0.1 } : { NEGATIVE: 0.2, POSITIVE: 0.8 })),
 * };
 * ```
 */
export interface Classifier {
  /**
   * Every label it gives, at least two, each once. A module may leave them to the spec's
   * `model.labels`.
   */
  readonly labels: readonly string[];
  /**
   * One `{ label: probability }` object per text, in the order of `texts`, naming only labels of
   * `labels` and giving each of them a number from 0 to 1 (summing to 1 unless `multiLabel`).
   * `pairs` holds the second texts (an NLI hypothesis) in audits of text pairs, position by
   * position, and is not passed otherwise. It may return the array or a promise of it; each call
   * (one batch) must settle within `model.timeout_ms` (default 300 s).
   */
  classify(texts: string[], pairs?: (string | undefined)[]): Promise<LabelScores[]> | LabelScores[];
  /** What results.json calls the model (default: the module path, or "library classifier"). */
  readonly name?: string;
  /**
   * A string that changes whenever its answers would: the prediction cache keys on it and
   * results.json records it. A module defaults to a hash of its file; a library classifier
   * without one is never cached.
   */
  readonly fingerprint?: string;
  /** Each label's probability stands alone (multi-label): its rows need not sum to 1. */
  readonly multiLabel?: boolean;
  /** Called once when a run that loaded it (a module) ends; a classifier passed in is the caller's to dispose. */
  dispose?(): Promise<void> | void;
}

/** Time one `classify()` call may take by default (`model.timeout_ms`). */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** How `adaptClassifier` runs and names a classifier. */
export interface AdaptOptions {
  /** `module` or `library`: results.json's model.backend. */
  backend: 'module' | 'library';
  /** How messages name it: `module ./rules.js`, `the library classifier`. */
  who: string;
  /** Its labels, resolved (the spec's `model.labels` before a module's own). */
  labels: readonly string[];
  /** The cache's key for it; without one nothing is cached. */
  fingerprint?: string;
  /** What results.json calls it. */
  name: string;
  /** Time limit of one `classify()` call. */
  timeoutMs: number;
  /** Whether `dispose()` is counterfair's to call (a module it loaded) or the caller's. */
  owned: boolean;
}

/** What the adapter reads of a classifier; what it answers is checked, not trusted. */
export interface UncheckedClassifier {
  classify(texts: string[], pairs?: (string | undefined)[]): unknown;
  readonly multiLabel?: boolean;
  dispose?(): unknown;
}

/** Wraps a `Classifier` for the classify stage: records to rows, shapes checked, calls timed. */
export function adaptClassifier(classifier: UncheckedClassifier, options: AdaptOptions): LoadedClassifier {
  const { labels, who } = options;
  return {
    labels: [...labels],
    device: options.backend,
    dtype: options.backend,
    backend: options.backend,
    name: options.name,
    fingerprint: options.fingerprint,
    multiLabel: classifier.multiLabel === true,
    async classify(inputs) {
      const texts = inputs.map((i) => i.text);
      const pairs = inputs.some((i) => i.text_pair !== undefined) ? inputs.map((i) => i.text_pair) : undefined;
      const call = Promise.resolve().then(() => (pairs ? classifier.classify(texts, pairs) : classifier.classify(texts)));
      const what = `classify() of ${inputs.length} input${inputs.length === 1 ? '' : 's'}`;
      const late = () => new CounterfairError('model', MESSAGES.timeout(who, options.timeoutMs, what));
      const out: unknown = await withTimeout(call, options.timeoutMs, late);
      return toRows(out, inputs, labels, who);
    },
    async dispose() {
      if (options.owned) await classifier.dispose?.();
    },
  };
}

/** What `classify()` returned, as rows in label order, or an error naming what is wrong. */
function toRows(out: unknown, inputs: readonly TextInput[], labels: readonly string[], who: string): number[][] {
  const bad = (detail: string) => new CounterfairError('model', MESSAGES.badOutput(who, detail));
  if (!Array.isArray(out) || out.length !== inputs.length) {
    const got = Array.isArray(out) ? `${out.length} results` : out === null ? 'null' : typeof out;
    throw bad(`classify() returned ${got} for ${inputs.length} texts; expected an array with one { label: probability } object per text`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < inputs.length; i++) {
    const where = () => `classify() result ${i} (for ${describeInput(inputs[i] ?? { text: '' })})`;
    // A sparse array ([, {…}]) has no result at a position: say so rather than read undefined.
    if (!Object.hasOwn(out, i)) throw bad(`${where()} is missing (the array has a hole there)`);
    const scores: unknown = out[i];
    if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
      throw bad(`${where()} is not an object of label → probability`);
    }
    const extra = Object.keys(scores).find((k) => !labels.includes(k));
    if (extra !== undefined) throw bad(`${where()} has unknown label ${JSON.stringify(extra)}; the labels are ${labels.join(', ')}`);
    rows.push(
      labels.map((label) => {
        const p: unknown = Object.hasOwn(scores, label) ? Reflect.get(scores, label) : undefined;
        const given = p === undefined ? 'no value' : JSON.stringify(p);
        if (typeof p !== 'number') throw bad(`${where()} gives ${label} ${given}; expected a probability from 0 to 1`);
        return p;
      }),
    );
  }
  return rows;
}

/**
 * `work`, or a rejection with `timeout()` once `ms` pass first. The timer holds the process open
 * while it waits (a promise that never settles would otherwise end the process with no word) and
 * is cleared as soon as `work` settles.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
