/**
 * The classify step of a run: the spec's model (or the caller's classifier) loaded, the audited
 * label checked, every distinct input classified through the prediction cache, and load or
 * inference failures pointed at the `model:` key that caused them.
 */
import {
  cachedFileHasher,
  loadClassifier,
  modelFingerprint,
  openPredictionCache,
  predictInputs,
  type Classifier,
  type ModelSource,
  type Predictions,
  type TextInput,
} from '../classify/index.js';
import { CounterfairError } from '../shared/errors.js';
import type { LoadedSpec } from '../spec/index.js';
import type { AuditResults } from '../report/types.js';
import type { RunOptions, StageName } from './options.js';

/** What classification hands on: the predictions, and the model as results.json records it. */
export interface Classified {
  predictions: Predictions;
  model: AuditResults['model'];
}

/**
 * Classifies `inputs` with the spec's model, or with `options.classifier` when the caller passes
 * one (the caller keeps it open; a model loaded here, and the cache, are closed here).
 * @param lap records the end of a stage (load_model, then classify's own lap is the caller's).
 */
export async function classifyInputs(loaded: LoadedSpec, source: ModelSource, inputs: readonly TextInput[], options: RunOptions, lap: (stage: StageName) => void): Promise<Classified> {
  const { model } = loaded.spec;
  const cache = options.cache !== undefined ? openPredictionCache(options.cache) : undefined;
  let classifier: Classifier | undefined;
  try {
    classifier =
      options.classifier ??
      (await loadClassifier(source, model, { log: options.log, workers: options.workers, threads: options.threads, hashFile: cache ? cachedFileHasher(cache) : undefined }).catch((err: unknown) => {
        throw atModelKey(loaded, source, err);
      }));
    lap('load_model');
    options.onStage?.('classify');
    if (!classifier.labels.includes(model.label)) {
      throw new CounterfairError('model', {
        location: loaded.locator.locate(['model', 'label']),
        message: `the model has no label "${model.label}"; its labels are ${classifier.labels.join(', ')}`,
      });
    }
    const predictions = await predictInputs(classifier, inputs, { batchSize: model.batch_size, onProgress: options.onProgress, cache }).catch((err: unknown) => {
      // A model whose sessions start on first use fails here rather than at load: point at it all the same.
      if (err instanceof CounterfairError && err.code === 'model' && err.problems.length === 1 && !err.problems[0]?.location) throw atModelKey(loaded, source, err);
      if (err instanceof CounterfairError) throw err;
      throw new CounterfairError('model', `inference failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return {
      predictions,
      model: {
        source: describeSource(source),
        fingerprint: classifier.fingerprint ?? modelFingerprint(source, model.dtype),
        labels: [...predictions.labels],
        audited_label: model.label,
        device: classifier.device,
        device_requested: model.device,
        adapter: classifier.adapter,
        device_fallbacks: classifier.deviceFallbacks?.map((f) => ({ ...f })),
        ...(classifier.backend !== undefined ? { backend: classifier.backend } : {}),
        dtype: classifier.dtype,
        llm: classifier.llm,
      },
    };
  } finally {
    if (classifier && !options.classifier) await classifier.dispose();
    cache?.close();
  }
}

/**
 * A load failure (a CounterfairError without a location) pointed at the `model:` key that caused
 * it: `device:` for a device that cannot run, else the key naming the model's source.
 */
function atModelKey(loaded: LoadedSpec, source: ModelSource, err: unknown): unknown {
  if (!(err instanceof CounterfairError)) return err;
  const id = err.problems.length === 1 ? err.problems[0]?.id : undefined;
  const key = id === 'classify.device-unavailable' ? 'device' : MODEL_KEY[source.kind];
  return new CounterfairError('model', { location: loaded.locator.locate(['model', key]), message: err.message, id });
}

/** The `model:` key that names each kind of source (where load failures point). */
const MODEL_KEY: Record<ModelSource['kind'], string> = { local: 'path', hub: 'id', module: 'module', server: 'server' };

/** The model as results.json names it. */
function describeSource(source: ModelSource): string {
  if (source.kind === 'hub') return source.id;
  if (source.kind === 'server') {
    const name = source.server.protocol === 'openai' ? source.server.model : source.server.name;
    return `${source.server.url} (${source.server.protocol}${name ? ` ${name}` : ''})`;
  }
  return source.shown;
}
