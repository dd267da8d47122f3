/**
 * What a row of the backend registry is (see registry.ts), and what it resolves a spec's model
 * to: one object that knows, for that model, where the spec names it, what results.json calls
 * it, its labels before inference, its fingerprint, and how to load it.
 */
import type { z } from 'zod';
import type { SpecPath } from '../shared/errors.js';
import type { FileHasher } from './source.js';
import type { LoadedClassifier, ModelSource } from './types.js';

/** Options of loading, resolved from spec and flags. */
export interface LoadOptions {
  /** Local models: worker threads and threads per worker (defaults: see `chooseParallelism`). */
  workers?: number;
  threads?: number;
  log: (line: string) => void;
  /** How model files are hashed (the prediction cache remembers their hashes). */
  hashFile?: FileHasher;
}

/** A model's labels as read before inference, or why they can be read only once it loads. */
export type ModelLabels =
  | { known: true; labels: string[]; /** Where they were read, for messages. */ from: string }
  | { known: false; /** A line saying when they will be checked. */ note: string };

/** A spec's model bound to its backend. */
export interface ResolvedModel {
  /** Where the spec names the model (`['model', 'path']`): load failures point there. */
  readonly specPath: SpecPath;
  /** The model as results.json names it (`model.source`). */
  readonly source: string;
  /** Where it comes from, for the transformers.js loader and `modelFingerprint`. */
  readonly origin: ModelSource;
  /** The spec's `model.device` where the backend reads it (results.json's `device_requested`). */
  readonly requestedDevice?: string;
  /**
   * Where a load failure with problem id `id` points, when not at `specPath` (a device that
   * cannot run points at `model.device`).
   */
  pathOf?(id: string): SpecPath | undefined;
  /** Its labels, read without running it (a config file, a module's export, a server's metadata). */
  readLabels(): Promise<ModelLabels>;
  /** Its fingerprint as far as it is known before loading (a loaded classifier may know better). */
  fingerprint(hashFile?: FileHasher): string;
  /**
   * Loads it.
   * @throws CounterfairError (code `model`) with one line saying what failed.
   */
  load(options: LoadOptions): Promise<LoadedClassifier>;
}

/** One backend of the registry, for one way of naming a model in the spec. */
export interface ModelRow<S extends z.ZodObject = z.ZodObject> {
  /** The `model:` key that selects this row: `path`, `id`, `module`, `server`. */
  readonly key: string;
  /** What such a model is, for messages: `a local model folder ("path")`. */
  readonly noun: string;
  /** One line for docs and help. */
  readonly doc: string;
  /** The zod schema of `model:` for this row. */
  readonly schema: S;
  /**
   * Binds a spec's model to this row, checking what can be checked without loading (files
   * exist).
   * @throws SpecIssueError at the spec path of what is wrong.
   */
  resolve(model: z.output<S>, specDir: string): ResolvedModel;
}

/** A row with its spec type erased, so rows of different schemas sit in one table. */
export interface AnyModelRow {
  readonly key: string;
  readonly noun: string;
  readonly doc: string;
  /** `resolve` for a model this row owns (one with its key), or undefined. */
  resolveOwn(model: object, specDir: string): ResolvedModel | undefined;
}

/** A row ready for the registry table. */
export function modelRow<S extends z.ZodObject>(row: ModelRow<S>): AnyModelRow & { readonly schema: S } {
  const owns = (model: object): model is z.output<S> => Object.hasOwn(model, row.key);
  return {
    key: row.key,
    noun: row.noun,
    doc: row.doc,
    schema: row.schema,
    resolveOwn: (model, dir) => (owns(model) ? row.resolve(model, dir) : undefined),
  };
}
