/**
 * Deterministic bag-of-words logistic regression: vocabulary building,
 * sparse count features, and mini-batch Adam training with L2 regularisation.
 *
 * The model is `P(positive | text) = sigmoid(b + Σ_tokens w[id(token)])`, i.e.
 * a linear model over token *counts* — exactly what the ONNX graph computes by
 * summing Gather'd weight rows. Determinism: a fixed example order shuffled by
 * the seeded {@link mulberry32} generator, fixed epochs, float64 arithmetic in
 * a fixed order; no `Math.random`, no wall-clock dependence.
 *
 * @module
 */
import { SPECIAL_IDS, SPECIAL_TOKENS, Vocabulary, isUsableWord } from './tokenizer.js';

/** A tokenised training/evaluation example. */
export interface TokenizedExample {
  /** Word tokens as produced by `wordTokens` (no `[CLS]`/`[SEP]`). */
  tokens: readonly string[];
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}

/** Training hyper-parameters. */
export interface TrainOptions {
  /** L2 strength λ in `mean log-loss + λ/2·‖w‖²` (the bias is not regularised). */
  l2: number;
  /** Passes over the training set. */
  epochs: number;
  /** Examples per Adam step. */
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  /** Adam β1. */
  beta1: number;
  /** Adam β2. */
  beta2: number;
  /** Adam ε. */
  epsilon: number;
  /** Seed of the {@link mulberry32} generator that shuffles the examples each epoch. */
  seed: number;
}

/** Learned parameters: one weight per vocabulary id (special ids other than `[UNK]` stay 0) and a bias. */
export interface BowWeights {
  /** `weights[id]`, length = vocabulary size. */
  weights: Float64Array;
  /** Intercept. */
  bias: number;
}

/**
 * mulberry32, a small 32-bit seeded PRNG (Tommy Ettinger, public domain).
 * Returns a function yielding floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher–Yates shuffle driven by `random`. */
export function shuffleInPlace(array: Int32Array, random: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i] as number;
    array[i] = array[j] as number;
    array[j] = tmp;
  }
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Vocabulary of every word occurring at least `minCount` times in `examples`,
 * ordered by descending count, ties by code-unit order; special tokens first.
 */
export function buildVocabulary(examples: readonly TokenizedExample[], minCount: number): Vocabulary {
  const counts = new Map<string, number>();
  for (const ex of examples) {
    for (const t of ex.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const special = new Set<string>(SPECIAL_TOKENS);
  const words = [...counts]
    .filter(([w, c]) => c >= minCount && !special.has(w) && isUsableWord(w))
    .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
    .map(([w]) => w);
  return new Vocabulary(words);
}

/** Examples as compressed sparse rows of (id, count) pairs. */
export interface SparseDataset {
  /** Row `i` spans `indices/values[offsets[i] .. offsets[i+1])`. */
  offsets: Int32Array;
  /** Vocabulary ids, ascending within a row. */
  indices: Int32Array;
  /** Token counts. */
  values: Float64Array;
  /** Labels (0/1). */
  labels: Uint8Array;
}

/**
 * Count features of `examples` under `vocab`. Unknown words count towards
 * `[UNK]`; literal special tokens (`[PAD]`, `[CLS]`, `[SEP]`, `[MASK]`) are
 * dropped because their weights are fixed at 0.
 */
export function featurize(examples: readonly TokenizedExample[], vocab: Vocabulary): SparseDataset {
  const offsets = new Int32Array(examples.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  const labels = new Uint8Array(examples.length);
  examples.forEach((ex, i) => {
    const row = new Map<number, number>();
    for (const t of ex.tokens) {
      const id = vocab.idOf(t);
      if (id < SPECIAL_TOKENS.length && id !== SPECIAL_IDS.unk) continue;
      row.set(id, (row.get(id) ?? 0) + 1);
    }
    for (const id of [...row.keys()].sort((a, b) => a - b)) {
      idx.push(id);
      val.push(row.get(id) as number);
    }
    offsets[i + 1] = idx.length;
    labels[i] = ex.label;
  });
  return { offsets, indices: Int32Array.from(idx), values: Float64Array.from(val), labels };
}

/** Numerically stable logistic function. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function score(data: SparseDataset, row: number, weights: Float64Array, bias: number): number {
  let z = bias;
  for (let k = data.offsets[row] as number; k < (data.offsets[row + 1] as number); k++) {
    z += (weights[data.indices[k] as number] as number) * (data.values[k] as number);
  }
  return z;
}

/**
 * Trains the logistic regression with mini-batch Adam. Deterministic for given
 * inputs and options.
 *
 * @param data Training rows from {@link featurize}.
 * @param vocabSize Number of weights to learn.
 */
export function trainLogisticRegression(data: SparseDataset, vocabSize: number, opts: TrainOptions): BowWeights {
  const n = data.labels.length;
  const w = new Float64Array(vocabSize);
  const mW = new Float64Array(vocabSize);
  const vW = new Float64Array(vocabSize);
  const grad = new Float64Array(vocabSize);
  let b = 0;
  let mB = 0;
  let vB = 0;
  let step = 0;
  const random = mulberry32(opts.seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;

  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < n; start += opts.batchSize) {
      const end = Math.min(n, start + opts.batchSize);
      const scale = 1 / (end - start);
      grad.fill(0);
      let gB = 0;
      for (let p = start; p < end; p++) {
        const row = order[p] as number;
        const err = (sigmoid(score(data, row, w, b)) - (data.labels[row] as number)) * scale;
        gB += err;
        for (let k = data.offsets[row] as number; k < (data.offsets[row + 1] as number); k++) {
          const id = data.indices[k] as number;
          grad[id] = (grad[id] as number) + err * (data.values[k] as number);
        }
      }
      step++;
      const c1 = 1 - Math.pow(opts.beta1, step);
      const c2 = 1 - Math.pow(opts.beta2, step);
      for (let j = 0; j < vocabSize; j++) {
        const g = (grad[j] as number) + opts.l2 * (w[j] as number);
        const m = opts.beta1 * (mW[j] as number) + (1 - opts.beta1) * g;
        const v = opts.beta2 * (vW[j] as number) + (1 - opts.beta2) * g * g;
        mW[j] = m;
        vW[j] = v;
        w[j] = (w[j] as number) - (opts.learningRate * (m / c1)) / (Math.sqrt(v / c2) + opts.epsilon);
      }
      mB = opts.beta1 * mB + (1 - opts.beta1) * gB;
      vB = opts.beta2 * vB + (1 - opts.beta2) * gB * gB;
      b -= (opts.learningRate * (mB / c1)) / (Math.sqrt(vB / c2) + opts.epsilon);
    }
  }
  for (let id = 0; id < SPECIAL_TOKENS.length; id++) if (id !== SPECIAL_IDS.unk) w[id] = 0;
  return { weights: w, bias: b };
}

/** Accuracy (threshold 0.5 on the logistic score) of float64 `model` on `data`. */
export function accuracy(data: SparseDataset, model: BowWeights): number {
  let correct = 0;
  for (let i = 0; i < data.labels.length; i++) {
    const predicted = score(data, i, model.weights, model.bias) > 0 ? 1 : 0;
    if (predicted === data.labels[i]) correct++;
  }
  return correct / data.labels.length;
}

/** Mean log-loss of `model` on `data` (without the L2 term). */
export function logLoss(data: SparseDataset, model: BowWeights): number {
  let total = 0;
  for (let i = 0; i < data.labels.length; i++) {
    const z = score(data, i, model.weights, model.bias);
    // log(1 + e^-z) for y=1, log(1 + e^z) for y=0, computed stably
    const s = data.labels[i] === 1 ? -z : z;
    total += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  }
  return total / data.labels.length;
}
