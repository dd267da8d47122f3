/** Classify stage: texts → each label's probability, through one Classifier interface. */
export { loadTransformersClassifier, type TransformersOptions } from './transformers.js';
export { predictInputs, type PredictOptions } from './predict.js';
export { modelFingerprint, resolveModelSource } from './source.js';
export { inputKey, type Classifier, type ModelSource, type Predictions, type TextInput } from './types.js';
