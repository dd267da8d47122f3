/** Messages between the session pool and its worker threads (structured-clone data only). */
import type { Device } from './device.js';

/** What a worker starts with (its `workerData`). */
export interface WorkerInit {
  modelFile: string;
  provider: Device;
  /** Intra-op threads of the session. */
  threads: number;
  /** Silence onnxruntime's own log (a GPU that fails to start prints a red error otherwise). */
  quiet: boolean;
}

/** One batch: each named input as a flat int32 array of shape `dims` ([rows, width]). */
export interface RunRequest {
  id: number;
  dims: [number, number];
  feeds: Record<string, Int32Array>;
}

/** A worker's messages. */
export type WorkerMessage =
  | { type: 'ready'; inputs: { name: string; type: string }[]; outputs: string[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; data: Float32Array | Float64Array | Uint16Array; dataType: string; dims: number[] }
  | { type: 'error'; id: number; message: string };
