/**
 * A classifier behind a KServe v2 / Open Inference Protocol server (NVIDIA Triton, KServe,
 * Seldon MLServer): `POST {url}/v2/models/{name}[/versions/{v}]/infer` with the texts as a BYTES
 * input, answered with one row of scores per text.
 *
 * ```json
 * { "inputs": [ { "name": "text", "shape": [2], "datatype": "BYTES", "data": ["I am from India.", "I am from Iraq."] } ],
 *   "outputs": [ { "name": "probabilities" } ] }
 * → { "outputs": [ { "name": "probabilities", "shape": [2, 2], "datatype": "FP32", "data": [0.12, 0.88, 0.88, 0.12] } ] }
 * ```
 */
import { createHash } from 'node:crypto';
import { chunkIndices } from '../batching.js';
import { probabilityRows } from '../scores.js';
import type { Classifier, ServerSpec, TextInput } from '../types.js';
import { expandHeaders, HttpError, requestJson, type HttpPolicy } from './http.js';

interface TensorMetadata {
  name: string;
  shape?: number[];
}
interface ModelMetadata {
  name?: string;
  versions?: string[];
  inputs?: TensorMetadata[];
  outputs?: TensorMetadata[];
}
interface InferOutput {
  name: string;
  shape: number[];
  datatype?: string;
  data: unknown[];
}

/** Test hook: backoff delays (the spec sets timeouts and retries, not the delays). */
export interface RemoteTuning {
  baseDelayMs?: number;
}

/**
 * Connects to the model on the server (reading its metadata, which checks it is there).
 * @throws Error when the server cannot be reached, lacks the model, or `labels` is missing.
 */
export async function loadKServeClassifier(server: ServerSpec, labels: readonly string[] | undefined, tuning: RemoteTuning = {}): Promise<Classifier> {
  if (labels === undefined) throw new Error('a KServe server does not name its labels: list them in model.labels, in the order of the output’s columns');
  const policy: HttpPolicy = { headers: expandHeaders(server.headers), timeoutMs: server.timeout_ms, retries: server.retries, ...tuning };
  const base = `${server.url.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(server.name as string)}${server.version ? `/versions/${encodeURIComponent(server.version)}` : ''}`;

  let metadata: ModelMetadata;
  try {
    metadata = (await requestJson(base, { method: 'GET' }, policy)) as ModelMetadata;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw new Error(`the server at ${server.url} has no model "${server.name}"${server.version ? ` version ${server.version}` : ''} (${err.message})`);
    throw err;
  }
  const declared = metadata.inputs?.map((i) => i.name);
  if (declared && declared.length > 0 && !declared.includes(server.input)) {
    throw new Error(`model "${server.name}" on ${server.url} has no input "${server.input}"; its inputs are ${declared.join(', ')} (set model.server.input)`);
  }
  // Triton declares batched inputs as [-1, 1]; others take a plain [n].
  const rank = metadata.inputs?.find((i) => i.name === server.input)?.shape?.length ?? 1;
  const output = server.output ?? metadata.outputs?.[0]?.name;
  const width = labels.length;
  const fingerprint = `sha256:${createHash('sha256')
    .update(['kserve', server.url, server.name, server.version ?? metadata.versions?.[0] ?? '', output ?? '', server.scores, ...labels].join('\0'))
    .digest('hex')}`;

  const infer = async (inputs: readonly TextInput[]): Promise<number[][]> => {
    const shape = rank >= 2 ? [inputs.length, 1] : [inputs.length];
    const tensors = [{ name: server.input, shape, datatype: 'BYTES', data: inputs.map((i) => i.text) }];
    if (inputs.some((i) => i.text_pair !== undefined)) tensors.push({ name: server.pair_input, shape, datatype: 'BYTES', data: inputs.map((i) => i.text_pair ?? '') });
    const body = { inputs: tensors, ...(output ? { outputs: [{ name: output }] } : {}) };
    const answer = (await requestJson(`${base}/infer`, { method: 'POST', body }, policy)) as { outputs?: InferOutput[] };
    const tensor = output ? answer.outputs?.find((o) => o.name === output) : answer.outputs?.[0];
    if (!tensor) throw new Error(`the server's answer has no output${output ? ` "${output}"` : ''}`);
    // The protocol sends data flat, row-major; some servers nest it by row: flatten either way.
    const values = flatten(tensor.data);
    if (values.length !== inputs.length * width || values.some((v) => typeof v !== 'number')) {
      throw new Error(`output "${tensor.name}" holds ${values.length} values of shape [${tensor.shape?.join(', ')}] for ${inputs.length} texts; expected ${width} numbers per text (one per label in model.labels)`);
    }
    const flat = values as number[];
    if (server.scores === 'logits') return probabilityRows(flat, inputs.length, width, 'softmax');
    return Array.from({ length: inputs.length }, (_, r) => flat.slice(r * width, (r + 1) * width));
  };

  return {
    labels: [...labels],
    device: 'remote',
    dtype: 'remote',
    backend: 'kserve',
    fingerprint,
    classify: infer,
    async plan(inputs, batchSize) {
      return { concurrency: server.concurrency, batches: chunkIndices(inputs.length, batchSize).map((indices) => ({ indices, run: () => infer(indices.map((i) => inputs[i] as TextInput)) })) };
    },
    async dispose() {},
  };
}

function flatten(data: unknown): unknown[] {
  return Array.isArray(data) ? data.flatMap(flatten) : [data];
}
