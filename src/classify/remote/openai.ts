/**
 * A classifier that is an LLM behind an OpenAI-compatible server (vLLM, llama.cpp's
 * llama-server, Ollama, Text Generation Inference, hosted APIs), prompted to answer with a label.
 * `GET {url}/models` names the served model (its identity keys the prediction cache, with the
 * prompt, verbalizers and scoring settings); each input then takes the requests its scoring
 * method needs (see openai-requests.ts), many in flight at once: the server batches them.
 *
 * Its labels are the spec's, in spec order; with `scoring: sample` one more, the pseudo-label of
 * answers that are no label (`NO_LABEL`), whose per-group mean is the refusal rate. With
 * `scoring: logprobs` each input also reports `outside_mass`, the probability the model put
 * outside the labels before they were renormalised.
 */
import { createHash } from 'node:crypto';
import type { Classifier, TextInput } from '../types.js';
import { expandHeaders, HttpError, requestJson, type HttpPolicy } from './http.js';
import type { RemoteTuning } from './kserve.js';
import { LOG_LINES, openAiError } from './openai-messages.js';
import { OUTSIDE_MASS, inputCost, scoreInput, type Send, type Usage } from './openai-requests.js';
import { resolveOpenAiSettings, type LlmRecord, type OpenAiServerSpec, type OpenAiSettings } from './openai-schema.js';

/** What loading needs besides the server's keys. */
export interface OpenAiLoadOptions {
  /** Lines for the user: the cost estimate before a run, the tokens spent after. */
  log: (line: string) => void;
  /** `model.labels` of the spec, which an openai server must not have (its labels are its own). */
  labels?: readonly string[] | undefined;
}

/** Fields of a GET /models entry that identify the model (not `created`, which vLLM sets per request). */
const IDENTITY = ['id', 'root', 'parent', 'owned_by', 'max_model_len', 'meta'] as const;

/**
 * Connects to the server, finds the model, and returns the classifier.
 * @throws CounterfairError (`classify.openai.*`) or Error when the server cannot be used.
 */
export async function loadOpenAiClassifier(
  server: OpenAiServerSpec,
  options: OpenAiLoadOptions,
  tuning: RemoteTuning = {},
): Promise<Classifier> {
  if (options.labels !== undefined) throw openAiError('classify.openai.labels-twice');
  const settings = resolveOpenAiSettings(server);
  const policy: HttpPolicy = { headers: expandHeaders(server.headers), timeoutMs: server.timeout_ms, retries: server.retries, ...tuning };
  const base = server.url.replace(/\/+$/, '');

  let listing: unknown;
  try {
    listing = await requestJson(`${base}/models`, { method: 'GET' }, policy);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw openAiError('classify.openai.models-not-found', base);
    throw err;
  }
  const data = (listing as { data?: unknown } | null)?.data;
  const isModel = (e: unknown): e is Record<string, unknown> => typeof (e as { id?: unknown } | null)?.id === 'string';
  const entries = (Array.isArray(data) ? data : []).filter(isModel);
  const served = entries.map((e) => e.id as string);
  const model = server.model ?? served[0];
  if (model === undefined) throw openAiError('classify.openai.no-model', base);
  if (server.model === undefined && served.length > 1) throw openAiError('classify.openai.which-model', base, served);
  if (served.length > 0 && !served.includes(model)) throw openAiError('classify.openai.model-not-served', base, model, served);
  const entry = entries.find((e) => e.id === model) ?? { id: model };
  const identity = Object.fromEntries(IDENTITY.flatMap((k) => (entry[k] !== undefined ? [[k, entry[k]]] : [])));
  const fingerprint = `sha256:${createHash('sha256').update(JSON.stringify(['openai', base, identity, settings])).digest('hex')}`;

  const usage: Usage = { requests: 0, prompt_tokens: 0, completion_tokens: 0 };
  const outside = { total: 0, n: 0, max: 0, maxText: '' };
  const send: Send = (endpoint, body) => requestJson(`${base}${endpoint}`, { method: 'POST', body }, policy);
  const logprobs = settings.scoring === 'logprobs';
  const score = async (input: TextInput): Promise<number[]> => {
    const row = await scoreInput(settings, model, input, send, usage);
    if (logprobs) {
      const mass = row.at(-1) ?? 0;
      outside.total += mass;
      outside.n += 1;
      if (mass > outside.max || outside.n === 1) Object.assign(outside, { max: mass, maxText: input.text });
    }
    return row;
  };
  const endpoint = `${base}${settings.api === 'chat' ? '/chat/completions' : '/completions'}`;
  const names = settings.labels.map((l) => l.label);
  const llm: LlmRecord = { server_model: model, ...settings };

  return {
    labels: settings.no_label === null ? names : [...names, settings.no_label],
    extras: logprobs ? [OUTSIDE_MASS] : undefined,
    device: 'remote',
    dtype: 'remote',
    backend: 'openai',
    fingerprint,
    llm,
    classify: (inputs) => mapConcurrently(inputs, server.concurrency, score),
    async plan(inputs) {
      options.log(costLine(settings, inputs, endpoint));
      // One input a batch: the server batches concurrent requests, and each answer is cached at once.
      const batches = inputs.map((input, i) => ({ indices: [i], run: async () => [await score(input)] }));
      return { concurrency: server.concurrency, batches };
    },
    async dispose() {
      if (usage.requests === 0) return;
      options.log(LOG_LINES.spent(usage));
      if (outside.n > 0) options.log(LOG_LINES.outside(outside.total / outside.n, outside.max, outside.maxText));
    },
  };
}

/** The cost of the inputs about to be sent: requests and estimated tokens. */
function costLine(settings: OpenAiSettings, inputs: readonly TextInput[], endpoint: string): string {
  const total: Usage = { requests: 0, prompt_tokens: 0, completion_tokens: 0 };
  for (const input of inputs) {
    const c = inputCost(settings, input);
    total.requests += c.requests;
    total.prompt_tokens += c.prompt_tokens;
    total.completion_tokens += c.completion_tokens;
  }
  return LOG_LINES.cost(inputs.length, total, endpoint, settings.api === 'chat');
}

/** `fn` over the items, at most `concurrency` at once, results in item order; the first failure wins. */
async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return out;
}
