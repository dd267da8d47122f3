/**
 * The classify step of a run: the classify stage (src/classify) given the spec's prepared model
 * (or the caller's classifier), the run's options and the spec's locator, so that every load or
 * inference failure points at the spec key that caused it.
 */
import { classifyInputs as classify, type ModelRecord, type PreparedModel, type Predictions, type TextInput } from '../classify/index.js';
import type { LoadedSpec } from '../spec/index.js';
import type { RunOptions, StageName } from './options.js';
import { labelRefs } from './prepare.js';

/** What classification hands on: the predictions, and the model as results.json records it. */
export interface Classified {
  predictions: Predictions;
  model: ModelRecord;
}

/**
 * Classifies `inputs` with the spec's model, or with `options.classifier` when the caller passes
 * one (the caller keeps it open; a model loaded here, and the cache, are closed here).
 * @param lap records the end of a stage (load_model, then classify's own lap is the caller's).
 */
export function classifyInputs(
  loaded: LoadedSpec,
  model: PreparedModel | undefined,
  inputs: readonly TextInput[],
  options: RunOptions,
  lap: (stage: StageName) => void,
): Promise<Classified> {
  return classify(inputs, {
    model: loaded.spec.model,
    prepared: model,
    classifier: options.classifier,
    refs: labelRefs(loaded.spec),
    locator: loaded.locator,
    cache: options.cache,
    log: options.log,
    workers: options.workers,
    threads: options.threads,
    onProgress: options.onProgress,
    onLoaded: () => {
      lap('load_model');
      options.onStage?.('classify');
    },
  });
}
