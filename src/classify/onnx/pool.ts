/**
 * A pool of inference worker threads, each holding one onnxruntime session of the same model.
 * `run` hands a batch to an idle worker (or queues it) and resolves with the model's output.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker, workerModule } from '../../shared/worker-thread.js';
import type { Device } from './device.js';
import type { RunRequest, WorkerInit, WorkerMessage } from './protocol.js';

/** What the pool starts. */
export interface PoolOptions {
  modelFile: string;
  provider: Device;
  workers: number;
  threads: number;
  quiet: boolean;
}

/** The model's raw output for one batch. */
export interface RawOutput {
  data: Float32Array | Float64Array | Uint16Array;
  dataType: string;
  dims: number[];
}

/** A started pool. */
export interface SessionPool {
  /** The model's inputs (name and element type), as its session declares them. */
  readonly inputs: readonly { name: string; type: string }[];
  readonly size: number;
  run(dims: [number, number], feeds: Record<string, Int32Array>): Promise<RawOutput>;
  close(): Promise<void>;
}

const WORKER_URL = workerModule('worker', import.meta.url);

interface Pending {
  resolve: (out: RawOutput) => void;
  reject: (err: Error) => void;
}

/**
 * Starts `options.workers` workers and waits until every session is loaded.
 * @throws Error with onnxruntime's message when a session cannot be created.
 */
export async function startSessionPool(options: PoolOptions): Promise<SessionPool> {
  const init: WorkerInit = { modelFile: options.modelFile, provider: options.provider, threads: options.threads, quiet: options.quiet };
  const workers = Array.from({ length: options.workers }, () => startWorker(WORKER_URL, { workerData: init }));
  // Wait for every worker to settle before giving up on any: terminating a worker while it is
  // still inside onnxruntime's native session creation aborts the whole process (SIGABRT).
  const settled = await Promise.allSettled(workers.map(ready));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw failed.reason;
  }
  const readies = settled.map((r) => (r as PromiseFulfilledResult<Extract<WorkerMessage, { type: 'ready' }>>).value);

  const idle = [...workers];
  const queue: { request: RunRequest; pending: Pending }[] = [];
  const inFlight = new Map<Worker, { id: number; pending: Pending }>();
  let nextId = 0;
  let closed = false;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as (typeof queue)[number];
      inFlight.set(worker, { id: job.request.id, pending: job.pending });
      worker.postMessage(job.request);
    }
  };
  for (const worker of workers) {
    worker.on('message', (message: WorkerMessage) => {
      const job = inFlight.get(worker);
      if (job === undefined || !('id' in message) || message.id !== job.id) return;
      inFlight.delete(worker);
      idle.push(worker);
      if (message.type === 'result') job.pending.resolve({ data: message.data, dataType: message.dataType, dims: message.dims });
      else if (message.type === 'error') job.pending.reject(new Error(message.message));
      dispatch();
    });
    const lost = (why: string): void => {
      if (closed) return;
      const job = inFlight.get(worker);
      inFlight.delete(worker);
      job?.pending.reject(new Error(`an inference worker stopped (${why})`));
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      workers.splice(workers.indexOf(worker), 1);
      if (workers.length === 0) for (const { pending } of queue.splice(0)) pending.reject(new Error(`every inference worker stopped (${why})`));
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
  }

  return {
    inputs: readies[0]?.inputs ?? [],
    size: workers.length,
    run(dims, feeds) {
      if (closed) return Promise.reject(new Error('the session pool is closed'));
      if (workers.length === 0) return Promise.reject(new Error('every inference worker stopped'));
      return new Promise<RawOutput>((resolve, reject) => {
        queue.push({ request: { id: nextId++, dims, feeds }, pending: { resolve, reject } });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const { pending } of queue.splice(0)) pending.reject(new Error('the session pool was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Resolves once the worker's session is loaded; rejects with its error otherwise. */
function ready(worker: Worker): Promise<Extract<WorkerMessage, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage): void => {
      cleanup();
      if (message.type === 'ready') resolve(message);
      else reject(new Error(message.type === 'failed' ? message.message : `unexpected ${message.type} message from a starting worker`));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`an inference worker exited with code ${code} while loading the model`));
    };
    const cleanup = (): void => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
