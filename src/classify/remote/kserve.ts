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
 *
 * The protocol names no labels: they come from `model.labels`, checked before inference against
 * the width of the output the model's metadata declares.
 */
import { z } from 'zod';
import { CounterfairError } from '../../shared/errors.js';
import { chunkIndices } from '../batching.js';
import { MESSAGES } from '../messages.js';
import { probabilityRows } from '../scores.js';
import type { LoadedClassifier, TextInput } from '../types.js';
import { isRecord } from '../values.js';
import { HttpError, requestJson, type HttpPolicy } from './http.js';
import { fingerprintOf, httpPolicy, protocolRow, SERVER_KEYS, type RemoteTuning } from './protocol.js';

const KServeSchema = z
  .strictObject({
    protocol: z.literal('kserve').default('kserve').describe('kserve: POST /v2/models/{name}/infer (Open Inference Protocol)'),
    ...SERVER_KEYS,
    name: z.string().min(1).describe('The model name on the server'),
    version: z.string().min(1).optional().describe('The model version'),
    input: z.string().min(1).default('text').describe('Name of the BYTES input holding the texts'),
    pair_input: z.string().min(1).default('text_pair').describe('Name of the BYTES input holding the second texts of pairs'),
    output: z.string().min(1).optional().describe('Name of the output holding the scores (default: the first output)'),
    scores: z
      .enum(['probabilities', 'logits'])
      .default('probabilities')
      .describe('Whether the output holds probabilities or logits (softmax applied)'),
  })
  .describe('A KServe v2 / Open Inference Protocol server (Triton, KServe, MLServer)');

/** `model.server` of a KServe server. */
export type KServeSpec = z.output<typeof KServeSchema>;

/** `protocol: kserve` (the default). */
export const KSERVE = protocolRow({
  protocol: 'kserve',
  title: 'KServe',
  doc: 'KServe v2 / Open Inference Protocol (Triton, KServe, Seldon MLServer): texts as a BYTES input, labels from model.labels',
  schema: KServeSchema,
  describe: (server) => `${server.url} (kserve ${server.name})`,
  async readLabels(server, labels) {
    if (labels === undefined) throw new CounterfairError('model', MESSAGES.kserveNoLabels());
    await connect(server, labels, httpPolicy(server));
    return { known: true, labels: [...labels], from: 'model.labels' };
  },
  fingerprint: (server) => fingerprintOf(['kserve', server.url, server.name, server.version ?? '']),
  load: (server, labels) => loadKServeClassifier(server, labels),
});

interface Connection {
  base: string;
  /** Rank of the text input (Triton declares batched inputs as [-1, 1]; others take [n]). */
  rank: number;
  output: string | undefined;
  version: string;
}

/**
 * Reads the model's metadata (which checks it is there, takes the input, and declares as many
 * output columns as there are labels).
 * @throws Error when the server cannot be reached, lacks the model, or disagrees with `labels`.
 */
async function connect(server: KServeSpec, labels: readonly string[], policy: HttpPolicy): Promise<Connection> {
  const version = server.version === undefined ? '' : `/versions/${encodeURIComponent(server.version)}`;
  const base = `${server.url.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(server.name)}${version}`;
  let answer: unknown;
  try {
    answer = await requestJson(base, { method: 'GET' }, policy);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) {
      const model = `"${server.name}"${server.version ? ` version ${server.version}` : ''}`;
      throw new Error(`the server at ${server.url} has no model ${model} (${err.message})`);
    }
    throw err;
  }
  const metadata = isRecord(answer) ? answer : {};
  const inputs = tensors(metadata['inputs']);
  const outputs = tensors(metadata['outputs']);
  if (inputs.length > 0 && !inputs.some((i) => i.name === server.input)) {
    const names = inputs.map((i) => i.name).join(', ');
    const model = `model "${server.name}" on ${server.url}`;
    throw new Error(`${model} has no input "${server.input}"; its inputs are ${names} (set model.server.input)`);
  }
  const output = server.output ?? outputs[0]?.name;
  const width = outputs.find((o) => o.name === output)?.shape.at(-1);
  if (output !== undefined && width !== undefined && width > 0 && width !== labels.length) {
    throw new CounterfairError('model', MESSAGES.labelsWidth(output, width, labels.length));
  }
  const versions = metadata['versions'];
  const first: unknown = Array.isArray(versions) ? versions[0] : undefined;
  const rank = inputs.find((i) => i.name === server.input)?.shape.length ?? 1;
  return { base, rank, output, version: server.version ?? (typeof first === 'string' ? first : '') };
}

/**
 * Connects to the model on the server (reading its metadata, which checks it is there).
 * @throws Error when the server cannot be reached, lacks the model, or `labels` is missing.
 */
export async function loadKServeClassifier(
  server: KServeSpec,
  labels: readonly string[] | undefined,
  tuning: RemoteTuning = {},
): Promise<LoadedClassifier> {
  if (labels === undefined) throw new CounterfairError('model', MESSAGES.kserveNoLabels());
  const policy = httpPolicy(server, tuning);
  const { base, rank, output, version } = await connect(server, labels, policy);
  const width = labels.length;

  const infer = async (inputs: readonly TextInput[]): Promise<number[][]> => {
    const shape = rank >= 2 ? [inputs.length, 1] : [inputs.length];
    const texts = [{ name: server.input, shape, datatype: 'BYTES', data: inputs.map((i) => i.text) }];
    if (inputs.some((i) => i.text_pair !== undefined)) {
      texts.push({ name: server.pair_input, shape, datatype: 'BYTES', data: inputs.map((i) => i.text_pair ?? '') });
    }
    const body = output === undefined ? { inputs: texts } : { inputs: texts, outputs: [{ name: output }] };
    const answer = await requestJson(`${base}/infer`, { method: 'POST', body }, policy);
    const all = isRecord(answer) ? answer['outputs'] : undefined;
    const list = Array.isArray(all) ? all.filter(isRecord) : [];
    const tensor = output === undefined ? list[0] : list.find((o) => o['name'] === output);
    if (!tensor) throw new Error(`the server's answer has no output${output ? ` "${output}"` : ''}`);
    // The protocol sends data flat, row-major; some servers nest it by row: flatten either way.
    const values = flatten(tensor['data']);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (values.length !== inputs.length * width || numbers.length !== values.length) {
      const declared = Array.isArray(tensor['shape']) ? tensor['shape'].join(', ') : '';
      throw new Error(
        `output "${String(tensor['name'])}" holds ${values.length} values of shape [${declared}] for ${inputs.length} texts; ` +
          `expected ${width} numbers per text (one per label in model.labels)`,
      );
    }
    if (server.scores === 'logits') return probabilityRows(numbers, inputs.length, width, 'softmax');
    return Array.from({ length: inputs.length }, (_, r) => numbers.slice(r * width, (r + 1) * width));
  };

  return {
    labels: [...labels],
    device: 'remote',
    dtype: 'remote',
    backend: 'kserve',
    fingerprint: fingerprintOf(['kserve', server.url, server.name, version, output ?? '', server.scores, ...labels]),
    classify: infer,
    async plan(inputs, batchSize) {
      const batches = chunkIndices(inputs.length, batchSize).map((indices) => ({
        indices,
        run: () => infer(indices.flatMap((i) => inputs[i] ?? [])),
      }));
      return { concurrency: server.concurrency, batches };
    },
    async dispose() {},
  };
}

/** Tensors a metadata answer declares: name and shape. */
function tensors(value: unknown): { name: string; shape: number[] }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((t) => {
    const name = t['name'];
    const shape = Array.isArray(t['shape']) ? t['shape'].filter((d): d is number => typeof d === 'number') : [];
    return typeof name === 'string' ? [{ name, shape }] : [];
  });
}

function flatten(data: unknown): unknown[] {
  return Array.isArray(data) ? data.flatMap(flatten) : [data];
}
