/** Classify stage: inputs → each label's probability, through one registry of backends. */
export { classifyInputs, prepareModel, type ClassifyOptions, type PreparedModel, type SpecPlace } from './run.js';
export { adaptClassifier, DEFAULT_TIMEOUT_MS, type Classifier, type LabelScores } from './classifier.js';
export { BACKENDS, MODEL_ROWS } from './registry.js';
export { resolveModel, resolveModelSource } from './resolve.js';
export { PROTOCOLS } from './remote/protocols.js';
export type { LoadOptions, ModelLabels, ModelRow, ResolvedModel } from './row.js';
export { describeModel, LIBRARY_CLASSIFIER, NO_FINGERPRINT, type ModelRecord } from './provenance.js';
export { unknownLabels, type LabelRef } from './labels.js';
export { checkProbabilities } from './probabilities.js';
export { ModelSpecSchema, ServerSpecSchema, type ModelSpec, type ModelSpecInput, type ServerSpec } from './schema.js';
export { loadOnnxClassifier, type OnnxOptions } from './onnx/index.js';
export {
  batchLimits,
  chooseParallelism,
  DEFAULT_TOKEN_BUDGET,
  GPU_MIN_ROWS,
  GPU_TOKEN_BUDGET,
  type Parallelism,
  type ParallelismInput,
} from './onnx/parallelism.js';
export {
  chooseDevice,
  type Device,
  type DeviceChoice,
  type DeviceFallback,
  type GpuFound,
  type GpuProbe,
  type GpuProbes,
  type RequestedDevice,
} from './onnx/device.js';
export { probeWebGpu } from './onnx/webgpu-probe.js';
export {
  configureHub,
  fetchHubModel,
  fetchModel,
  hubSettings,
  hubSettingsFromEnv,
  DEFAULT_HUB,
  DTYPES,
  type CachedHubModel,
  type HubSettings,
} from './onnx/hub.js';
export { loadModuleClassifier } from './module.js';
export { loadKServeClassifier, type KServeSpec } from './remote/kserve.js';
export { loadTeiClassifier, type TeiSpec } from './remote/tei.js';
export { loadOpenAiClassifier, type OpenAiLoadOptions } from './remote/openai.js';
export { OpenAiServerSpecSchema, type LlmRecord, type OpenAiServerSpec } from './remote/openai-schema.js';
export { predictInputs, type PredictOptions } from './predict.js';
export { planBatches, type BatchLimits } from './batching.js';
export {
  cachedFileHasher,
  CACHE_FORMAT,
  chartCacheBeside,
  DEFAULT_CACHE_FILE,
  openPredictionCache,
  type PredictionCache,
} from './cache.js';
export { progressReporter, type ProgressReporter, type ProgressSink } from './progress.js';
export { modelFingerprint, sha256File, type FileHasher } from './source.js';
export {
  inputKey,
  type BatchPlan,
  type LoadedClassifier,
  type ModelSource,
  type PlannedBatch,
  type Predictions,
  type ServerIdentity,
  type TextInput,
} from './types.js';
