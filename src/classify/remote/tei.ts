/**
 * A classifier served by Hugging Face Text Embeddings Inference: `GET {url}/info` names the
 * model, its labels and its batch limit, `POST {url}/predict` scores a batch.
 *
 * ```json
 * { "inputs": [["I am from India."], ["premise", "hypothesis"]], "truncate": true }
 * → [[{ "label": "POSITIVE", "score": 0.88 }, { "label": "NEGATIVE", "score": 0.12 }], …]
 * ```
 *
 * Every input is sent as a list (`[text]` or `[text, pair]`): TEI reads a bare list of two
 * strings as one pair, so a batch of two texts must not be sent as `["a", "b"]`.
 */
import { z } from 'zod';
import { CounterfairError } from '../../shared/errors.js';
import { chunkIndices } from '../batching.js';
import { checkLabelList } from '../labels.js';
import { describeInput, MESSAGES } from '../messages.js';
import type { LoadedClassifier, TextInput } from '../types.js';
import { isRecord } from '../values.js';
import { requestJson, type HttpPolicy } from './http.js';
import { fingerprintOf, httpPolicy, protocolRow, SERVER_KEYS, type RemoteTuning } from './protocol.js';

const ignored = 'Not read by a TEI server; accepted so that audits written for counterfair 0.1 stay valid';
const TeiSchema = z
  .strictObject({
    protocol: z.literal('tei').describe('tei: POST /predict (Text Embeddings Inference)'),
    ...SERVER_KEYS,
    name: z.string().min(1).optional().describe(ignored),
    version: z.string().min(1).optional().describe(ignored),
    input: z.string().min(1).optional().describe(ignored),
    pair_input: z.string().min(1).optional().describe(ignored),
    output: z.string().min(1).optional().describe(ignored),
    scores: z.enum(['probabilities', 'logits']).optional().describe(ignored),
  })
  .describe('A Hugging Face Text Embeddings Inference server');

/** `model.server` of a TEI server. */
export type TeiSpec = z.output<typeof TeiSchema>;

/** `protocol: tei`. */
export const TEI = protocolRow({
  protocol: 'tei',
  title: 'TEI',
  doc: 'Hugging Face Text Embeddings Inference: labels and batch limit from GET /info, POST /predict',
  schema: TeiSchema,
  describe: (server) => `${server.url} (tei)`,
  async readLabels(server) {
    const info = await readInfo(server, httpPolicy(server));
    return { known: true, labels: info.labels, from: `the TEI server's /info` };
  },
  fingerprint: (server) => fingerprintOf(['tei', server.url]),
  load: (server) => loadTeiClassifier(server),
});

/** What `/info` tells, checked. */
interface TeiInfo {
  labels: string[];
  modelId: string | undefined;
  identity: string;
  dtype: string | undefined;
  maxBatch: number | undefined;
}

/**
 * Reads `/info`: the model's labels (id order) and the server's batch limit.
 * @throws Error when the server cannot be reached, serves no classifier, or reports labels or a
 * batch limit that cannot be used.
 */
async function readInfo(server: TeiSpec, policy: HttpPolicy): Promise<TeiInfo> {
  const answer = await requestJson(`${server.url.replace(/\/+$/, '')}/info`, { method: 'GET' }, policy);
  const info = isRecord(answer) ? answer : {};
  const modelId = typeof info['model_id'] === 'string' ? info['model_id'] : undefined;
  const type = isRecord(info['model_type']) ? info['model_type'] : {};
  const classifier = type['classifier'];
  const id2label = isRecord(classifier) ? classifier['id2label'] : undefined;
  if (!isRecord(id2label)) {
    throw new CounterfairError('model', MESSAGES.teiNotClassifier(server.url, modelId ?? 'a model', Object.keys(type)[0] ?? 'unknown'));
  }
  const labels = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => String(id2label[k]));
  const problem = checkLabelList(labels, `the TEI server at ${server.url}`);
  if (problem) throw new CounterfairError('model', problem);
  const max = info['max_client_batch_size'];
  const usable = max === undefined || max === null || (typeof max === 'number' && Number.isSafeInteger(max) && max >= 1);
  if (!usable) throw new CounterfairError('model', MESSAGES.teiBatchSize(server.url, max));
  const sha = info['model_sha'];
  const dtype = info['model_dtype'];
  return {
    labels,
    modelId,
    identity: typeof sha === 'string' ? sha : server.url,
    dtype: typeof dtype === 'string' ? dtype : undefined,
    maxBatch: typeof max === 'number' ? max : undefined,
  };
}

/**
 * Connects to the server and reads its model's labels.
 * @throws Error when the server cannot be reached or serves no usable classifier.
 */
export async function loadTeiClassifier(server: TeiSpec, tuning: RemoteTuning = {}): Promise<LoadedClassifier> {
  const policy = httpPolicy(server, tuning);
  const base = server.url.replace(/\/+$/, '');
  const info = await readInfo(server, policy);
  const { labels } = info;
  const who = `the TEI server at ${server.url}`;

  const predict = async (inputs: readonly TextInput[]): Promise<number[][]> => {
    const texts = inputs.map((i) => (i.text_pair === undefined ? [i.text] : [i.text, i.text_pair]));
    const body = { inputs: texts, truncate: true, raw_scores: false };
    const answer = await requestJson(`${base}/predict`, { method: 'POST', body }, policy);
    if (!Array.isArray(answer) || answer.length !== inputs.length) {
      const got = Array.isArray(answer) ? `${answer.length} predictions` : 'something that is not a list';
      throw new Error(`the TEI server answered ${got} for ${inputs.length} inputs`);
    }
    return answer.map((row: unknown, r) => scoresOf(row, labels, () => `${who} (for ${describeInput(inputs[r] ?? { text: '' })})`));
  };

  return {
    labels,
    device: 'remote',
    dtype: info.dtype ?? 'remote',
    backend: 'tei',
    fingerprint: fingerprintOf(['tei', info.modelId ?? '', info.identity, info.dtype ?? '', ...labels]),
    classify: predict,
    async plan(inputs, batchSize) {
      const size = Math.min(batchSize, info.maxBatch ?? batchSize);
      const batches = chunkIndices(inputs.length, size).map((indices) => ({
        indices,
        run: () => predict(indices.flatMap((i) => inputs[i] ?? [])),
      }));
      return { concurrency: server.concurrency, batches };
    },
    async dispose() {},
  };
}

/** One answer row (`[{ label, score }, …]`) as probabilities in label order; each label exactly once. */
function scoresOf(row: unknown, labels: readonly string[], who: () => string): number[] {
  const bad = (detail: string) => new CounterfairError('model', MESSAGES.badOutput(who(), detail));
  if (!Array.isArray(row)) throw bad('a prediction is not a list of { label, score }');
  const probs = new Map<string, unknown>();
  for (const item of row) {
    const label = isRecord(item) ? item['label'] : undefined;
    if (typeof label !== 'string' || !labels.includes(label)) {
      throw bad(`names label ${JSON.stringify(label)}, which /info did not list (${labels.join(', ')})`);
    }
    if (probs.has(label)) throw bad(`names label "${label}" twice`);
    probs.set(label, isRecord(item) ? item['score'] : undefined);
  }
  return labels.map((label) => {
    const score = probs.get(label);
    if (score === undefined) throw bad(`gave no score for ${label}`);
    if (typeof score !== 'number') throw bad(`gave ${label} the score ${JSON.stringify(score)}, not a number`);
    return score;
  });
}
