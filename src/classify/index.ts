/** Classify stage: inputs → each label's probability, through one Classifier interface. */
export { BACKENDS, loadClassifier, type LoadOptions } from './load.js';
export { loadOnnxClassifier, type OnnxOptions } from './onnx/index.js';
export { batchLimits, chooseParallelism, DEFAULT_TOKEN_BUDGET, GPU_MIN_ROWS, GPU_TOKEN_BUDGET, type Parallelism, type ParallelismInput } from './onnx/parallelism.js';
export { chooseDevice, type Device, type DeviceChoice, type DeviceFallback, type GpuFound, type GpuProbe, type GpuProbes, type RequestedDevice } from './onnx/device.js';
export { probeWebGpu } from './onnx/webgpu-probe.js';
export { configureHub, fetchHubModel, fetchModel, hubSettings, hubSettingsFromEnv, DEFAULT_HUB, DTYPES, type CachedHubModel, type HubSettings } from './onnx/hub.js';
export { loadModuleClassifier } from './module.js';
export { loadKServeClassifier } from './remote/kserve.js';
export { loadTeiClassifier } from './remote/tei.js';
export { loadOpenAiClassifier, type OpenAiLoadOptions } from './remote/openai.js';
export { OpenAiServerSpecSchema, type LlmRecord, type OpenAiServerSpec } from './remote/openai-schema.js';
export { predictInputs, type PredictOptions } from './predict.js';
export { planBatches, type BatchLimits } from './batching.js';
export { cachedFileHasher, chartCacheBeside, DEFAULT_CACHE_FILE, openPredictionCache, type PredictionCache } from './cache.js';
export { progressReporter, type ProgressReporter, type ProgressSink } from './progress.js';
export { modelFingerprint, resolveModelSource, sha256File, type FileHasher } from './source.js';
export { inputKey, type BatchPlan, type Classifier, type ModelSource, type PlannedBatch, type Predictions, type ServerSpec, type TextInput } from './types.js';
