/**
 * The ONNX graph of a bag-of-words linear text classifier with the input and
 * output signature of a transformers.js `*ForSequenceClassification` model.
 *
 * ```text
 * input_ids      int64 [batch_size, sequence_length]
 * attention_mask int64 [batch_size, sequence_length]
 *   rows   = Gather(W, input_ids)                    float32 [b, s, 2]
 *   mask   = Unsqueeze(Cast<float>(attention_mask))  float32 [b, s, 1]
 *   pooled = ReduceSum(rows · mask, axes=[1])        float32 [b, 2]
 *   logits = pooled + bias                           float32 [b, 2]
 * ```
 *
 * Column 0 (NEGATIVE) of `W` and `bias` is 0 and column 1 (POSITIVE) holds the
 * word weights, so `softmax(logits)[1] = sigmoid(bias + Σ weights of the
 * tokens)` exactly (up to float32 rounding).
 *
 * @module
 */
import { attr, encodeModel, type ModelSpec } from './onnx-graph.js';

/** Parameters of the linear score. */
export interface BowLinearModel {
  /** Weight of each vocabulary id (rounded to float32 in the file). */
  weights: ArrayLike<number>;
  /** Intercept of the POSITIVE logit. */
  bias: number;
}

/** Symbolic dimension names of the graph inputs. */
export const BATCH_DIM = 'batch_size';
/** Symbolic dimension names of the graph inputs. */
export const SEQUENCE_DIM = 'sequence_length';

/** The {@link ModelSpec} of the bag-of-words classifier (exposed for inspection and tests). */
export function bowModelSpec(model: BowLinearModel, graphName: string, docString?: string): ModelSpec {
  const vocabSize = model.weights.length;
  const table = new Float32Array(vocabSize * 2);
  for (let id = 0; id < vocabSize; id++) table[id * 2 + 1] = model.weights[id] as number;
  const spec: ModelSpec = {
    graphName,
    inputs: [
      { name: 'input_ids', dtype: 'int64', shape: [BATCH_DIM, SEQUENCE_DIM] },
      { name: 'attention_mask', dtype: 'int64', shape: [BATCH_DIM, SEQUENCE_DIM] },
    ],
    outputs: [{ name: 'logits', dtype: 'float32', shape: [BATCH_DIM, 2] }],
    initializers: [
      { name: 'word_weights', dtype: 'float32', dims: [vocabSize, 2], data: table },
      { name: 'bias', dtype: 'float32', dims: [2], data: [0, model.bias] },
      { name: 'unsqueeze_axes', dtype: 'int64', dims: [1], data: [2] },
      { name: 'sequence_axis', dtype: 'int64', dims: [1], data: [1] },
    ],
    nodes: [
      { name: 'gather_rows', opType: 'Gather', inputs: ['word_weights', 'input_ids'], outputs: ['token_rows'], attributes: { axis: attr.int(0) } },
      { name: 'mask_to_float', opType: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: { to: attr.int(1) } },
      { name: 'mask_unsqueeze', opType: 'Unsqueeze', inputs: ['mask_float', 'unsqueeze_axes'], outputs: ['mask_3d'] },
      { name: 'apply_mask', opType: 'Mul', inputs: ['token_rows', 'mask_3d'], outputs: ['masked_rows'] },
      { name: 'sum_tokens', opType: 'ReduceSum', inputs: ['masked_rows', 'sequence_axis'], outputs: ['pooled'], attributes: { keepdims: attr.int(0) } },
      { name: 'add_bias', opType: 'Add', inputs: ['pooled', 'bias'], outputs: ['logits'] },
    ],
    valueInfo: [
      { name: 'token_rows', dtype: 'float32', shape: [BATCH_DIM, SEQUENCE_DIM, 2] },
      { name: 'mask_float', dtype: 'float32', shape: [BATCH_DIM, SEQUENCE_DIM] },
      { name: 'mask_3d', dtype: 'float32', shape: [BATCH_DIM, SEQUENCE_DIM, 1] },
      { name: 'masked_rows', dtype: 'float32', shape: [BATCH_DIM, SEQUENCE_DIM, 2] },
      { name: 'pooled', dtype: 'float32', shape: [BATCH_DIM, 2] },
    ],
    opsetVersion: 17,
    irVersion: 8,
    producerName: 'counterfair scripts/build-models.ts',
  };
  if (docString !== undefined) spec.docString = docString;
  return spec;
}

/** Encodes the bag-of-words classifier as `.onnx` bytes (deterministic). */
export function encodeBowModel(model: BowLinearModel, graphName: string, docString?: string): Uint8Array {
  return encodeModel(bowModelSpec(model, graphName, docString));
}
