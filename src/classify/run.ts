/**
 * The classify stage as an audit runs it, in two calls: `prepareModel` before any inference
 * (resolve the spec's model, read its labels, check every label the spec names), then
 * `classifyInputs` (load, classify through the cache, describe what ran). Every problem comes
 * out located in the spec (or at the cache file) as one line with an id.
 */
import { CounterfairError, SpecIssueError, type Problem, type SpecIssue } from '../shared/errors.js';
import type { Locator } from '../shared/yaml/locate.js';
import { cachedFileHasher, openPredictionCache } from './cache.js';
import { adaptClassifier, DEFAULT_TIMEOUT_MS, type Classifier } from './classifier.js';
import { checkLabelList, unknownLabels, type LabelRef } from './labels.js';
import { MESSAGES } from './messages.js';
import { predictInputs } from './predict.js';
import { describeModel, LIBRARY_CLASSIFIER, type ModelRecord } from './provenance.js';
import { resolveModel } from './resolve.js';
import type { ResolvedModel } from './row.js';
import type { ModelSpec } from './schema.js';
import type { LoadedClassifier, Predictions, TextInput } from './types.js';
import { firstLine } from './values.js';

/** The spec's model, resolved, with its labels checked when they could be read before loading. */
export interface PreparedModel {
  resolved: ResolvedModel;
  /** The labels read before inference, or undefined when they are known only once it loads. */
  labels?: string[];
  /** A line for the user when the labels are checked only after loading. */
  note?: string;
}

/** Where the spec is: its folder (paths are relative to it) and its locator. */
export interface SpecPlace {
  dir: string;
  locator: Locator;
}

/**
 * Everything about the model that can be checked without running it: its files, its module,
 * its server, and its labels against every label the spec names (`refs`).
 * @throws CounterfairError located in the spec, with "did you mean" for a misspelt label.
 */
export async function prepareModel(model: ModelSpec, place: SpecPlace, refs: readonly LabelRef[]): Promise<PreparedModel> {
  const resolved = await located(place.locator, undefined, async () => resolveModel(model, place.dir));
  const labels = await located(place.locator, resolved, () => resolved.readLabels());
  if (!labels.known) return { resolved, note: labels.note };
  checkRefs(place.locator, labels.labels, refs);
  return { resolved, labels: labels.labels };
}

/** How `classifyInputs` runs. */
export interface ClassifyOptions {
  /** The spec's `model:` (batch size, audited label). */
  model: ModelSpec;
  /** The spec's model, prepared; unused when `classifier` is given. */
  prepared?: PreparedModel;
  /** A classifier passed to the library, run instead of the spec's model (and left to its owner). */
  classifier?: Classifier;
  /** Every label the spec names, checked against the labels of what runs. */
  refs: readonly LabelRef[];
  locator: Locator;
  /** The prediction cache file; no cache when absent. */
  cache?: string;
  log: (line: string) => void;
  /** Local models: worker threads and threads per worker. */
  workers?: number;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called once the classifier is loaded, before inference. */
  onLoaded?: () => void;
}

/**
 * Classifies `inputs` with the classifier passed in or the spec's model, through the cache.
 * @returns the predictions, and results.json's description of the classifier that ran
 * @throws CounterfairError (exit 2) located in the spec or at the cache file
 */
export async function classifyInputs(
  inputs: readonly TextInput[],
  options: ClassifyOptions,
): Promise<{ predictions: Predictions; model: ModelRecord }> {
  const { locator } = options;
  const resolved = options.classifier ? undefined : options.prepared?.resolved;
  const cache = options.cache !== undefined ? openPredictionCache(options.cache) : undefined;
  let classifier: LoadedClassifier | undefined;
  try {
    classifier = options.classifier
      ? fromLibrary(options.classifier)
      : await located(locator, resolved, () => {
          if (!resolved) throw new Error('classifyInputs needs the prepared model or a classifier');
          const hashFile = cache && cachedFileHasher(cache);
          return resolved.load({ log: options.log, workers: options.workers, threads: options.threads, hashFile });
        });
    options.onLoaded?.();
    // Labels that could not be read before loading (a hub model, a library classifier) are checked now.
    if (options.classifier || !options.prepared?.labels) checkRefs(locator, classifier.labels, options.refs);
    const loaded = classifier;
    const library = `the ${LIBRARY_CLASSIFIER} ${loaded.name ?? ''}`.trim();
    const who = resolved ? `the ${loaded.backend ?? 'model'} backend for ${resolved.source}` : library;
    const batching = { batchSize: options.model.batch_size, onProgress: options.onProgress, cache, who };
    const predictions = await located(locator, resolved, () =>
      predictInputs(loaded, inputs, batching).catch((err: unknown) => {
        if (err instanceof CounterfairError) throw err;
        throw new CounterfairError('model', MESSAGES.inferenceFailed(firstLine(err)));
      }),
    );
    return { predictions, model: describeModel(loaded, resolved, options.model.label) };
  } finally {
    await classifier?.dispose();
    cache?.close();
  }
}

/** A library classifier, checked and adapted; it stays its owner's to dispose. */
function fromLibrary(classifier: Classifier): LoadedClassifier {
  const labels: unknown = classifier.labels;
  const names = Array.isArray(labels) && labels.every((l): l is string => typeof l === 'string') ? labels : [];
  const problem = checkLabelList(names, 'the library classifier');
  if (problem) throw new CounterfairError('model', problem);
  return adaptClassifier(classifier, {
    backend: 'library',
    who: `the ${LIBRARY_CLASSIFIER}`,
    labels: classifier.labels,
    fingerprint: classifier.fingerprint,
    name: classifier.name ?? LIBRARY_CLASSIFIER,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    owned: false,
  });
}

function checkRefs(locator: Locator, labels: readonly string[], refs: readonly LabelRef[]): void {
  const issues = unknownLabels(labels, refs);
  if (issues.length > 0) throw new CounterfairError('spec', issues.map((i) => locate(locator, i)));
}

/**
 * Runs `work`, giving its problems a place in the spec: a spec issue where it says, and a
 * problem of the model without a place at the key that names the model.
 */
async function located<T>(locator: Locator, resolved: ResolvedModel | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SpecIssueError) throw new CounterfairError('spec', err.issues.map((i) => locate(locator, i)));
    if (err instanceof CounterfairError && resolved && err.problems.some((p) => !p.location)) {
      const at = (p: Problem) => locator.locate(resolved.pathOf?.(p.id ?? '') ?? resolved.specPath);
      throw new CounterfairError(err.code, err.problems.map((p): Problem => ({ ...p, location: p.location ?? at(p) })));
    }
    throw err;
  }
}

function locate(locator: Locator, issue: SpecIssue): Problem {
  return { location: locator.locate(issue.path, issue.key), message: issue.message, id: issue.id };
}
