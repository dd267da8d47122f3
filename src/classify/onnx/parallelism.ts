/**
 * How many inference workers, and how many threads each. Measured on 2 cores with a
 * distilbert-base-sized model (README, "Performance"): one single-threaded session per core
 * beats one session using every core, because a batch's small matrix products leave threads
 * waiting on each other, while separate sessions never wait. Each session holds its own copy
 * of the weights, so workers are added only while memory allows.
 */

/** What the machine offers and the user asked for. */
export interface ParallelismInput {
  cores: number;
  /** Bytes of memory free now. */
  freeMemory: number;
  /** Bytes of the ONNX file (and its external data). */
  modelBytes: number;
  device: 'cpu' | 'cuda';
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

/**
 * Chooses workers and threads. CUDA: one worker (one GPU). CPU: one worker per core while
 * three quarters of the free memory holds their sessions, at least one; threads share the
 * cores out. Explicit `workers`/`threads` are taken as given.
 */
export function chooseParallelism(input: ParallelismInput): Parallelism {
  const cores = Math.max(1, input.cores);
  if (input.device === 'cuda') return { workers: input.workers ?? 1, threads: input.threads ?? 1 };
  const fit = Math.floor((0.75 * input.freeMemory) / sessionMemory(input.modelBytes));
  const workers = input.workers ?? Math.max(1, Math.min(cores, fit));
  const threads = input.threads ?? Math.max(1, Math.floor(cores / workers));
  return { workers, threads };
}
