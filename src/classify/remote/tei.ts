/**
 * A classifier served by Hugging Face Text Embeddings Inference: `GET {url}/info` names the
 * model and its labels, `POST {url}/predict` scores a batch.
 *
 * ```json
 * { "inputs": [["I am from India."], ["premise", "hypothesis"]], "truncate": true }
 * → [[{ "label": "POSITIVE", "score": 0.88 }, { "label": "NEGATIVE", "score": 0.12 }], …]
 * ```
 *
 * Every input is sent as a list (`[text]` or `[text, pair]`): TEI reads a bare list of two
 * strings as one pair, so a batch of two texts must not be sent as `["a", "b"]`.
 */
import { createHash } from 'node:crypto';
import { chunkIndices } from '../batching.js';
import type { Classifier, ServerSpec, TextInput } from '../types.js';
import { expandHeaders, requestJson, type HttpPolicy } from './http.js';
import type { RemoteTuning } from './kserve.js';

interface TeiInfo {
  model_id?: string;
  model_sha?: string | null;
  model_dtype?: string;
  model_type?: { classifier?: { id2label?: Record<string, string> }; embedding?: unknown; reranker?: unknown };
  max_client_batch_size?: number;
}

/**
 * Connects to the server and reads its model's labels.
 * @throws Error when the server cannot be reached or serves no classifier.
 */
export async function loadTeiClassifier(server: ServerSpec, tuning: RemoteTuning = {}): Promise<Classifier> {
  const policy: HttpPolicy = { headers: expandHeaders(server.headers), timeoutMs: server.timeout_ms, retries: server.retries, ...tuning };
  const base = server.url.replace(/\/+$/, '');
  const info = (await requestJson(`${base}/info`, { method: 'GET' }, policy)) as TeiInfo;
  const id2label = info.model_type?.classifier?.id2label;
  if (!id2label) {
    const kind = Object.keys(info.model_type ?? {})[0] ?? 'unknown';
    throw new Error(`the TEI server at ${server.url} serves ${info.model_id ?? 'a model'} as ${kind}, not as a classifier`);
  }
  const labels = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => id2label[k] as string);
  const index = new Map(labels.map((l, i) => [l, i]));
  const fingerprint = `sha256:${createHash('sha256')
    .update(['tei', info.model_id ?? '', info.model_sha ?? server.url, info.model_dtype ?? '', ...labels].join('\0'))
    .digest('hex')}`;

  const predict = async (inputs: readonly TextInput[]): Promise<number[][]> => {
    const body = { inputs: inputs.map((i) => (i.text_pair === undefined ? [i.text] : [i.text, i.text_pair])), truncate: true, raw_scores: false };
    const answer = await requestJson(`${base}/predict`, { method: 'POST', body }, policy);
    if (!Array.isArray(answer) || answer.length !== inputs.length) throw new Error(`the TEI server answered ${Array.isArray(answer) ? `${answer.length} predictions` : 'something that is not a list'} for ${inputs.length} inputs`);
    return answer.map((row: unknown) => {
      const probs = new Array<number>(labels.length).fill(Number.NaN);
      for (const item of Array.isArray(row) ? (row as { label?: unknown; score?: unknown }[]) : []) {
        const at = index.get(String(item.label));
        if (at !== undefined && typeof item.score === 'number') probs[at] = item.score;
      }
      const missing = labels.filter((_, i) => Number.isNaN(probs[i]));
      if (missing.length > 0) throw new Error(`the TEI server gave no score for ${missing.join(', ')}`);
      return probs;
    });
  };

  return {
    labels,
    device: 'remote',
    dtype: info.model_dtype ?? 'remote',
    backend: 'tei',
    fingerprint,
    classify: predict,
    async plan(inputs, batchSize) {
      const size = Math.min(batchSize, info.max_client_batch_size ?? batchSize);
      return { concurrency: server.concurrency, batches: chunkIndices(inputs.length, size).map((indices) => ({ indices, run: () => predict(indices.map((i) => inputs[i] as TextInput)) })) };
    },
    async dispose() {},
  };
}
