/**
 * What results.json records about the model: always the classifier that ran. A classifier
 * passed to the library is recorded by its own `name` and `fingerprint` (or as a "library
 * classifier" without one), never as the spec's model, which did not run.
 */
import type { LlmRecord } from './remote/openai-schema.js';
import type { ResolvedModel } from './row.js';
import type { LoadedClassifier } from './types.js';

/** What results.json calls a classifier passed to the library without a `name`. */
export const LIBRARY_CLASSIFIER = 'library classifier';
/** The fingerprint recorded for a classifier that has none (and so is never cached). */
export const NO_FINGERPRINT = 'none';

/** results.json's `model`. */
export interface ModelRecord {
  /** Hub id, the folder or module as written in the spec, the server, or the library classifier's name. */
  source: string;
  fingerprint: string;
  labels: string[];
  audited_label: string;
  /** Where inference ran: cpu, cuda or webgpu (local models), remote (servers), module, library. */
  device: string;
  /** The spec's `model.device`, for backends that read it. */
  device_requested?: string;
  /** The adapter a GPU ran on, where the runtime names it. */
  adapter?: string;
  /** With `device: auto`, the GPUs passed over, each with its reason. */
  device_fallbacks?: { device: string; reason: string }[];
  /** The backend that ran the model: onnxruntime, kserve, tei, openai, module or library. */
  backend: string;
  dtype: string;
  /** An LLM backend's settings: the model its server reports, prompt, verbalizers, scoring (docs/llm.md). */
  llm?: LlmRecord;
}

/**
 * Describes the classifier that ran, for results.json.
 * @param resolved the spec's model it was loaded from; absent for a classifier passed in
 */
export function describeModel(classifier: LoadedClassifier, resolved: ResolvedModel | undefined, auditedLabel: string): ModelRecord {
  return {
    source: classifier.name ?? resolved?.source ?? LIBRARY_CLASSIFIER,
    fingerprint: classifier.fingerprint ?? resolved?.fingerprint() ?? NO_FINGERPRINT,
    labels: [...classifier.labels],
    audited_label: auditedLabel,
    device: classifier.device,
    device_requested: resolved?.requestedDevice,
    adapter: classifier.adapter,
    device_fallbacks: classifier.deviceFallbacks?.map((f) => ({ ...f })),
    backend: classifier.backend ?? 'library',
    dtype: classifier.dtype,
    llm: classifier.llm,
  };
}
