/** Classify stage: texts → each label's probability, through one Classifier interface. */
export { loadTransformersClassifier, type TransformersOptions } from './transformers.js';
export { predictTexts, type PredictOptions } from './predict.js';
export { modelFingerprint, resolveModelSource } from './source.js';
export type { Classifier, ModelSource, Predictions } from './types.js';
