/**
 * An inference worker thread: one onnxruntime session, fed the batches the pool sends. The
 * main thread tokenizes and plans; workers only run the model, so N workers with one thread
 * each keep N cores busy without contending for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { RunRequest, WorkerInit, WorkerMessage } from './protocol.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (port === null) throw new Error('the session worker runs only as a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);

// onnxruntime logs through one process-wide logger, set up by the first session; a GPU that
// fails to start would print a red error line there, which the caller reports in its own words.
if (init.quiet) ort.env.logLevel = 'fatal';

let session: ort.InferenceSession;
try {
  session = await ort.InferenceSession.create(init.modelFile, {
    executionProviders: [init.provider],
    intraOpNumThreads: init.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(0);
}

const inputs = session.inputMetadata.map((m) => ({ name: m.name, type: m.isTensor ? m.type : 'non-tensor' }));
const output = session.outputNames.includes('logits') ? 'logits' : (session.outputNames[0] as string);
post({ type: 'ready', inputs, outputs: [...session.outputNames] });

port.on('message', (request: RunRequest) => {
  run(request).then(post, (err: unknown) => post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) }));
});

async function run({ id, dims, feeds }: RunRequest): Promise<WorkerMessage> {
  const tensors: Record<string, ort.Tensor> = {};
  for (const { name, type } of inputs) {
    const values = feeds[name];
    if (values === undefined) throw new Error(`the model needs an input "${name}", which a text classifier is not given`);
    tensors[name] = type === 'int32' ? new ort.Tensor('int32', values, dims) : new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
  }
  const result = (await session.run(tensors, [output]))[output] as ort.Tensor;
  const data = result.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint16Array)) throw new Error(`the model's output "${output}" is ${result.type}, not floating point`);
  return { type: 'result', id, data, dataType: result.type, dims: [...result.dims] };
}
