/**
 * The local backend: a transformers.js model (a folder in its layout, or a hub id) run by
 * onnxruntime sessions in worker threads. It does what `pipeline()` does for a text
 * classifier (tokenize, run, softmax) but at the speed of the hardware: every input is
 * tokenized once, inputs are sorted by length and cut into batches by a token budget, and the
 * batches run on one single-threaded session per core, or on one GPU session with larger batches.
 */
import os from 'node:os';
import { CounterfairError } from '../../shared/errors.js';
import { planBatches } from '../batching.js';
import { probabilityRows, decodeFloat16 } from '../scores.js';
import { modelFingerprint, type FileHasher } from '../source.js';
import type { BatchPlan, LoadedClassifier, ModelSource, TextInput } from '../types.js';
import { chooseDevice, cudaProviderInstalled, describeChoice, firstLine, type Device, type GpuProbe, type RequestedDevice } from './device.js';
import { MESSAGES } from './messages.js';
import { loadModelFiles } from './model-files.js';
import { batchLimits, chooseParallelism } from './parallelism.js';
import { startSessionPool, type SessionPool } from './pool.js';
import { encodeInputs, packBatch } from './tokens.js';
import { probeWebGpu } from './webgpu-probe.js';

/** Options of the local backend, resolved from spec and flags. */
export interface OnnxOptions {
  device: RequestedDevice;
  dtype: 'fp32' | 'fp16' | 'q8' | 'q4';
  /** Worker threads; default one per core while memory allows. */
  workers?: number;
  /** Threads of each worker's session; default cores ÷ workers. */
  threads?: number;
  /** Most tokens in one batch. */
  tokenBudget?: number;
  /** Called with lines worth logging (the device chosen, workers). */
  log?: (line: string) => void;
  /** How model files are hashed for the fingerprint (the prediction cache remembers hashes). */
  hashFile?: FileHasher;
  /**
   * How a GPU is looked for and tried, given the function that starts its sessions (tests
   * simulate either answer; `undefined` keeps the default: CUDA's provider library, a WebGPU
   * adapter probe).
   */
  gpuProbe?: (device: Exclude<Device, 'cpu'>, start: () => Promise<SessionPool>) => GpuProbe | undefined;
}

/**
 * Loads a model for inference on the chosen device.
 * @throws Error when the model cannot be loaded; CounterfairError (`classify.device-unavailable`)
 * when `device: cuda` or `device: webgpu` cannot run.
 */
export async function loadOnnxClassifier(source: Extract<ModelSource, { kind: 'local' | 'hub' }>, options: OnnxOptions): Promise<LoadedClassifier> {
  const log = options.log ?? (() => {});
  const files = await loadModelFiles(source, options.dtype);

  const parallelism = (device: Device) =>
    chooseParallelism({
      cores: os.availableParallelism(),
      freeMemory: os.freemem(),
      modelBytes: files.onnxBytes,
      device,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
  // onnxruntime's own log is one per process, set by its first session: keep it quiet (its
  // errors reach the user as exceptions) unless CUDA was asked for by name, where its detail
  // (which library failed to load) helps. WebGPU's reasons come from its probe (webgpu-probe.ts).
  const quiet = options.device !== 'cuda';
  const start = async (device: Device) => {
    const { workers, threads } = parallelism(device);
    const started = await startSessionPool({ modelFile: files.onnxFile, provider: device, quiet, workers, threads });
    log(`inference: ${workers} worker${workers === 1 ? '' : 's'} × ${threads} thread${threads === 1 ? '' : 's'} on ${device}, ${options.dtype}`);
    return started;
  };

  // A GPU probe's pool is kept when the GPU works, so trying costs nothing then.
  let pool: Promise<SessionPool> | undefined;
  const startOn = (device: Exclude<Device, 'cpu'>) => async () => {
    const started = await start(device);
    pool = Promise.resolve(started);
    return started;
  };
  const probeOf = (device: Exclude<Device, 'cpu'>): GpuProbe => options.gpuProbe?.(device, startOn(device)) ?? defaultProbe(device, startOn(device));
  const choice = await chooseDevice(options.device, { cuda: probeOf('cuda'), webgpu: probeOf('webgpu') });
  for (const line of describeChoice(options.device, choice)) log(line);

  // CPU sessions and the tokenizer load on first use: a re-run served by the cache needs neither.
  const sessions = (): Promise<SessionPool> =>
    (pool ??= start(choice.device).catch((err: unknown) => {
      throw new CounterfairError('model', `cannot load model ${source.kind === 'local' ? source.shown : source.id}: ${firstLine(err)}`);
    }));
  // Without a remembered hash of the weights, the cache holds nothing of this model yet (or there
  // is no cache): inference will run, so the sessions start loading now, on the worker threads,
  // while this thread hashes the weights and tokenizes. A re-run waits for the cache's answer.
  if (!options.hashFile?.remembers?.(files.onnxFile)) void sessions().catch(() => {});
  const fingerprint = modelFingerprint(source, options.dtype, options.hashFile);

  let tokenizer: ReturnType<typeof files.loadTokenizer> | undefined;
  const width = files.labels.length;

  const plan = async (inputs: readonly TextInput[], batchSize: number): Promise<BatchPlan> => {
    // Tokenizing while the sessions load: both take about a second on 10k sentences.
    const starting = sessions();
    starting.catch(() => {}); // awaited below; a failure while tokenizing must not leave it unhandled
    const { tokenize, padId } = await (tokenizer ??= files.loadTokenizer());
    const encoded = encodeInputs(tokenize, inputs);
    const batches = planBatches(
      encoded.map((e) => e.ids.length),
      batchLimits(choice.device, batchSize, options.tokenBudget),
    );
    const ready = await starting;
    const needsTypes = ready.inputs.some((i) => i.name === 'token_type_ids');
    return {
      // One batch more than there are sessions waits in the pool's queue, so a session that
      // finishes gets its next batch at once, not after this thread has checked and cached the
      // last one (about 0.3 s per worker at 10k sentences on 2 cores; a GPU's one session keeps
      // busy the same way).
      concurrency: ready.size + 1,
      batches: batches.map((indices) => ({
        indices,
        run: async () => {
          const { dims, feeds } = packBatch(encoded, indices, padId);
          if (!needsTypes) delete feeds['token_type_ids'];
          const out = await ready.run(dims, feeds);
          const logits = out.dataType === 'float16' ? decodeFloat16(out.data as Uint16Array) : out.data;
          if (out.dims.length !== 2 || out.dims[0] !== indices.length || out.dims[1] !== width) {
            throw new Error(`the model returned logits of shape [${out.dims.join(', ')}]; expected [${indices.length}, ${width}] (one score per label of config.json)`);
          }
          return probabilityRows(logits, indices.length, width, files.scoreFunction);
        },
      })),
    };
  };

  return {
    labels: files.labels,
    device: choice.device,
    adapter: choice.adapter,
    deviceFallbacks: options.device === 'auto' ? choice.fallbacks : undefined,
    dtype: options.dtype,
    fingerprint,
    backend: 'onnxruntime',
    multiLabel: files.scoreFunction === 'sigmoid',
    plan,
    async classify(inputs) {
      const { batches } = await plan(inputs, Number.MAX_SAFE_INTEGER);
      const probs: number[][] = new Array(inputs.length);
      await Promise.all(
        batches.map(async (b) => {
          const rows = await b.run();
          b.indices.forEach((i, k) => (probs[i] = rows[k] as number[]));
        }),
      );
      return probs;
    },
    async dispose() {
      // A pool that failed to start has nothing to close (its failure was reported already).
      if (pool) await pool.then((p) => p.close(), () => {});
    },
  };
}

/** CUDA: tried when its provider library is installed. WebGPU: tried when a probe finds an adapter. */
function defaultProbe(device: Exclude<Device, 'cpu'>, start: () => Promise<SessionPool>): GpuProbe {
  const find =
    device === 'cuda'
      ? async () => (cudaProviderInstalled() ? { found: true as const } : { found: false as const, reason: MESSAGES.cudaNotInstalled.text() })
      : () => probeWebGpu();
  return { find, start: async () => void (await start()) };
}
