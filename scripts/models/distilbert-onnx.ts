/**
 * The ONNX graph of a DistilBERT sequence classifier (`DistilBertForSequenceClassification`
 * as Hugging Face exports it), with weights drawn from a seeded generator: the shape and the
 * arithmetic of a real transformer, without a download. The benchmark uses the
 * `distilbert-base` shape (66,955,010 parameters); tests use a tiny one to check that padding
 * and batching do not move the probabilities.
 *
 * ```text
 * input_ids, attention_mask               int64 [batch, seq]
 * x      = LayerNorm(word_emb[input_ids] + pos_emb[0..seq))
 * mask   = (1 − attention_mask) · float32 min, as [batch, 1, 1, seq]
 * layers × { x = LayerNorm(x + Attention(x, mask));  x = LayerNorm(x + W2 · gelu(W1 · x)) }
 * logits = classifier(relu(pre_classifier(x[:, 0])))                float32 [batch, labels]
 * ```
 *
 * @module
 */
import { createRng } from '../../src/shared/rng.js';
import { attr, encodeModel, type Initializer, type ModelSpec, type NodeSpec } from './onnx-graph.js';

/** Sizes of a DistilBERT model. */
export interface DistilBertShape {
  vocabSize: number;
  /** Hidden size (`dim`). */
  dim: number;
  layers: number;
  heads: number;
  /** Feed-forward inner size (`hidden_dim`). */
  ffn: number;
  maxPositions: number;
  labels: number;
}

/** The shape of `distilbert-base-uncased` with a two-label head: 66,955,010 parameters. */
export const DISTILBERT_BASE: DistilBertShape = { vocabSize: 30522, dim: 768, layers: 6, heads: 12, ffn: 3072, maxPositions: 512, labels: 2 };

/** Number of parameters (weights and biases) of a model of this shape. */
export function parameterCount(s: DistilBertShape): number {
  const ln = 2 * s.dim;
  const embeddings = s.vocabSize * s.dim + s.maxPositions * s.dim + ln;
  const layer = 4 * (s.dim * s.dim + s.dim) + ln + (s.dim * s.ffn + s.ffn) + (s.ffn * s.dim + s.dim) + ln;
  return embeddings + s.layers * layer + (s.dim * s.dim + s.dim) + (s.dim * s.labels + s.labels);
}

const B = 'batch_size';
const S = 'sequence_length';

/**
 * The graph of a DistilBERT classifier of shape `s` with random weights: matrices uniform with
 * standard deviation `std` (Hugging Face initialises with 0.02; tests take more, so that outputs
 * differ visibly between sentences), LayerNorm scales 1, biases 0. Deterministic: the same
 * shape, seed and std give the same bytes.
 */
export function distilBertModelSpec(s: DistilBertShape, seed: number, std = 0.02): ModelSpec {
  if (s.dim % s.heads !== 0) throw new Error(`dim ${s.dim} is not a multiple of heads ${s.heads}`);
  const headDim = s.dim / s.heads;
  const rng = createRng(seed);
  // Uniform on [−a, a] with a = std·√3 has standard deviation std.
  const a = std * Math.sqrt(3);
  const random = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (2 * rng.next() - 1) * a;
    return out;
  };
  const inits: Initializer[] = [];
  const nodes: NodeSpec[] = [];
  const f32 = (name: string, dims: number[], data: Float32Array | number[]): string => {
    inits.push({ name, dtype: 'float32', dims, data });
    return name;
  };
  const i64 = (name: string, dims: number[], data: number[]): string => {
    inits.push({ name, dtype: 'int64', dims, data });
    return name;
  };
  const node = (opType: string, inputs: string[], output: string, attributes?: NodeSpec['attributes']): string => {
    nodes.push({ name: output, opType, inputs, outputs: [output], ...(attributes ? { attributes } : {}) });
    return output;
  };
  const linear = (prefix: string, x: string, inDim: number, outDim: number): string => {
    const w = f32(`${prefix}.weight`, [inDim, outDim], random(inDim * outDim));
    const b = f32(`${prefix}.bias`, [outDim], new Float32Array(outDim));
    return node('Add', [node('MatMul', [x, w], `${prefix}/matmul`), b], `${prefix}/out`);
  };
  const layerNorm = (prefix: string, x: string): string => {
    const scale = f32(`${prefix}.weight`, [s.dim], new Float32Array(s.dim).fill(1));
    const bias = f32(`${prefix}.bias`, [s.dim], new Float32Array(s.dim));
    return node('LayerNormalization', [x, scale, bias], `${prefix}/out`, { axis: attr.int(-1), epsilon: attr.float(1e-12) });
  };

  // Embeddings: words plus positions 0..seq−1.
  const wordEmb = f32('embeddings.word_embeddings.weight', [s.vocabSize, s.dim], random(s.vocabSize * s.dim));
  const posEmb = f32('embeddings.position_embeddings.weight', [s.maxPositions, s.dim], random(s.maxPositions * s.dim));
  i64('const.zero', [], [0]);
  i64('const.one', [], [1]);
  const shape = node('Shape', ['input_ids'], 'embeddings/shape');
  const seqLen = node('Gather', [shape, 'const.one'], 'embeddings/seq_len', { axis: attr.int(0) });
  const positions = node('Range', ['const.zero', seqLen, 'const.one'], 'embeddings/positions');
  const words = node('Gather', [wordEmb, 'input_ids'], 'embeddings/words', { axis: attr.int(0) });
  const pos = node('Gather', [posEmb, positions], 'embeddings/pos', { axis: attr.int(0) });
  let x = layerNorm('embeddings.LayerNorm', node('Add', [words, pos], 'embeddings/sum'));

  // Additive mask: 0 where attended, the float32 minimum where padded, so padding gets weight 0.
  f32('const.float_one', [], [1]);
  f32('const.float_min', [], [-3.4028234663852886e38]);
  i64('const.mask_axes', [2], [1, 2]);
  const maskFloat = node('Cast', ['attention_mask'], 'mask/float', { to: attr.int(1) });
  const inverted = node('Sub', ['const.float_one', maskFloat], 'mask/inverted');
  const additive = node('Mul', [inverted, 'const.float_min'], 'mask/additive');
  const mask = node('Unsqueeze', [additive, 'const.mask_axes'], 'mask/4d');

  i64('const.split_heads', [4], [0, 0, s.heads, headDim]);
  i64('const.merge_heads', [3], [0, 0, s.dim]);
  f32('const.scale', [], [1 / Math.sqrt(headDim)]);
  f32('const.sqrt_half', [], [Math.SQRT1_2]);
  f32('const.half', [], [0.5]);
  for (let l = 0; l < s.layers; l++) {
    const p = `transformer.layer.${l}`;
    const heads = (name: string, perm: number[]): string =>
      node('Transpose', [node('Reshape', [linear(`${p}.attention.${name}`, x, s.dim, s.dim), 'const.split_heads'], `${p}/${name}/split`)], `${p}/${name}/heads`, { perm: attr.ints(perm) });
    const q = node('Mul', [heads('q_lin', [0, 2, 1, 3]), 'const.scale'], `${p}/q/scaled`);
    const k = heads('k_lin', [0, 2, 3, 1]);
    const v = heads('v_lin', [0, 2, 1, 3]);
    const scores = node('Add', [node('MatMul', [q, k], `${p}/scores`), mask], `${p}/scores/masked`);
    const weights = node('Softmax', [scores], `${p}/weights`, { axis: attr.int(-1) });
    const context = node('Transpose', [node('MatMul', [weights, v], `${p}/context`)], `${p}/context/t`, { perm: attr.ints([0, 2, 1, 3]) });
    const merged = node('Reshape', [context, 'const.merge_heads'], `${p}/context/merged`);
    x = layerNorm(`${p}.sa_layer_norm`, node('Add', [linear(`${p}.attention.out_lin`, merged, s.dim, s.dim), x], `${p}/sa/residual`));
    // gelu(h) = h · ½(1 + erf(h/√2)), the exact form DistilBERT uses.
    const h = linear(`${p}.ffn.lin1`, x, s.dim, s.ffn);
    const erf = node('Erf', [node('Mul', [h, 'const.sqrt_half'], `${p}/gelu/scaled`)], `${p}/gelu/erf`);
    const gate = node('Mul', [node('Add', [erf, 'const.float_one'], `${p}/gelu/plus_one`), 'const.half'], `${p}/gelu/gate`);
    const gelu = node('Mul', [h, gate], `${p}/gelu/out`);
    x = layerNorm(`${p}.output_layer_norm`, node('Add', [linear(`${p}.ffn.lin2`, gelu, s.ffn, s.dim), x], `${p}/ffn/residual`));
  }

  const cls = node('Gather', [x, 'const.zero'], 'head/cls', { axis: attr.int(1) });
  const pre = node('Relu', [linear('pre_classifier', cls, s.dim, s.dim)], 'head/relu');
  const logits = linear('classifier', pre, s.dim, s.labels);
  nodes.push({ name: 'logits', opType: 'Identity', inputs: [logits], outputs: ['logits'] });

  return {
    graphName: 'distilbert_random',
    inputs: [
      { name: 'input_ids', dtype: 'int64', shape: [B, S] },
      { name: 'attention_mask', dtype: 'int64', shape: [B, S] },
    ],
    outputs: [{ name: 'logits', dtype: 'float32', shape: [B, s.labels] }],
    initializers: inits,
    nodes,
    opsetVersion: 17,
    irVersion: 8,
    producerName: 'counterfair scripts/models/distilbert-onnx.ts',
    docString: `DistilBERT-shaped classifier with random weights (seed ${seed}); for benchmarks and tests only`,
  };
}

/** Encodes a random-weight DistilBERT classifier as `.onnx` bytes. */
export function encodeDistilBert(shape: DistilBertShape, seed: number, std = 0.02): Uint8Array {
  return encodeModel(distilBertModelSpec(shape, seed, std));
}
