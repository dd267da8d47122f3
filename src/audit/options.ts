/**
 * The options of one run, resolved once: the spec's settings, overridden by the caller's (the
 * CLI's flags), then defaults. Every stage reads this object, never the spec's own copy of a
 * setting a flag can override: a run recorded with seed 2 is reproduced by `seed: 2` in the
 * spec or by `--seed 2`, identically.
 */
import type { Classifier } from '../classify/index.js';
import type { LoadedSpec } from '../spec/index.js';

/** The stages of a run, in order, as `onStage` announces them. */
export type StageName = 'generate' | 'load_model' | 'classify' | 'metrics' | 'gate';

/** Options of one run. */
export interface RunOptions {
  /** Seed of every random draw: `max_sets` sampling, bootstrap resamples, permutation tests. */
  seed: number;
  /** Most sentences the audit may generate (the spec's `max_sentences`, or `--max-sentences`). */
  maxSentences: number;
  /** Local models: inference worker threads, and threads per worker (default: chosen by the backend). */
  workers: number | undefined;
  threads: number | undefined;
  /** The prediction cache file; no cache when undefined. */
  cache: string | undefined;
  /** A classifier to use instead of loading the spec's model (library callers, tests). */
  classifier: Classifier | undefined;
  /** Lines worth telling the user (device chosen, counts). */
  log: (line: string) => void;
  /** Called after each inference batch. */
  onProgress: ((done: number, total: number) => void) | undefined;
  /**
   * Called as each stage starts. The CLI starts its chart renderer when the metrics start, so
   * vega loads on the other core while they compute rather than competing with inference.
   */
  onStage: ((stage: StageName) => void) | undefined;
  /** Clock for `created_at`; injectable so tests can pin it. */
  now: () => Date;
}

/** What a caller may set; everything left out comes from the spec or a default. */
export type RunOverrides = { [K in keyof RunOptions]?: RunOptions[K] | undefined };

/** Merges the spec's settings with the caller's overrides (flags) into one options object. */
export function resolveRunOptions(loaded: LoadedSpec, overrides: RunOverrides = {}): RunOptions {
  const { spec } = loaded;
  return {
    seed: overrides.seed ?? spec.seed,
    maxSentences: overrides.maxSentences ?? spec.max_sentences,
    workers: overrides.workers ?? spec.model.workers,
    threads: overrides.threads ?? spec.model.threads,
    cache: overrides.cache,
    classifier: overrides.classifier,
    log: overrides.log ?? (() => {}),
    onProgress: overrides.onProgress,
    onStage: overrides.onStage,
    now: overrides.now ?? (() => new Date()),
  };
}
