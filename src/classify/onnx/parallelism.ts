/**
 * How many inference workers, and how many threads each. Measured on 2 cores with a
 * distilbert-base-sized model (README, "Performance"): one single-threaded session per core
 * beats one session using every core, because a batch's small matrix products leave threads
 * waiting on each other, while separate sessions never wait. Each session holds its own copy
 * of the weights, so workers are added only while memory allows. A GPU gets one session: a
 * second would hold a second copy of the weights on the same GPU and queue behind the first.
 */
import type { BatchLimits } from '../batching.js';
import { isGpu, type Device } from './device.js';

/** What the machine offers and the user asked for. */
export interface ParallelismInput {
  cores: number;
  /** Bytes of memory free now. */
  freeMemory: number;
  /** Bytes of the ONNX file (and its external data). */
  modelBytes: number;
  device: Device;
  workers?: number;
  threads?: number;
}

/** Workers and threads per worker. */
export interface Parallelism {
  workers: number;
  threads: number;
}

/**
 * A session takes about twice its file in memory (the weights, plus the copies onnxruntime
 * packs for its matrix kernels), plus room for activations.
 */
export function sessionMemory(modelBytes: number): number {
  return 2 * modelBytes + 64 * 1024 * 1024;
}

/** Threads of a GPU session by default: they run the nodes the GPU's provider leaves to the CPU. */
export const GPU_SESSION_THREADS = 4;

/**
 * Chooses workers and threads. A GPU: one worker, with up to `GPU_SESSION_THREADS` threads. CPU:
 * one worker per core while three quarters of the free memory holds their sessions, at least
 * one; threads share the cores out. Explicit `workers`/`threads` are taken as given.
 */
export function chooseParallelism(input: ParallelismInput): Parallelism {
  const cores = Math.max(1, input.cores);
  if (isGpu(input.device)) return { workers: input.workers ?? 1, threads: input.threads ?? Math.min(cores, GPU_SESSION_THREADS) };
  const fit = Math.floor((0.75 * input.freeMemory) / sessionMemory(input.modelBytes));
  const workers = input.workers ?? Math.max(1, Math.min(cores, fit));
  const threads = input.threads ?? Math.max(1, Math.floor(cores / workers));
  return { workers, threads };
}

/** Most tokens (rows × longest input) in one batch by default on the CPU; see README, "Performance". */
export const DEFAULT_TOKEN_BUDGET = 4096;

/**
 * Most tokens in one batch by default on a GPU: DistilBERT-base's activations for 16,384 tokens
 * (with 512-token inputs, their attention scores too) take about 1.5 GB, which any GPU it runs
 * on holds; a larger GPU runs faster with a larger `token_budget` (docs/gpu.md).
 */
export const GPU_TOKEN_BUDGET = 16_384;

/** Fewest rows a GPU batch may hold, whatever `batch_size` says: small batches leave a GPU idle. */
export const GPU_MIN_ROWS = 512;

/**
 * How batches are cut on a device: the CPU takes `batch_size` rows within the token budget; a GPU
 * at least `GPU_MIN_ROWS` rows, within its larger budget. An explicit `token_budget` is taken as given.
 */
export function batchLimits(device: Device, batchSize: number, tokenBudget?: number): BatchLimits {
  if (!isGpu(device)) return { maxTokens: tokenBudget ?? DEFAULT_TOKEN_BUDGET, maxRows: batchSize };
  return { maxTokens: tokenBudget ?? GPU_TOKEN_BUDGET, maxRows: Math.max(batchSize, GPU_MIN_ROWS) };
}
