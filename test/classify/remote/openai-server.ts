/**
 * An OpenAI-compatible LLM server in this process, on 127.0.0.1, answering as vLLM or as
 * llama.cpp's llama-server document their APIs:
 *
 * - GET /v1/models: vLLM lists `root` and `max_model_len` (and a `created` that changes per
 *   request); llama.cpp lists the model file as `id`, with `meta`.
 * - POST /v1/chat/completions with `logprobs: true, top_logprobs: k`: both give
 *   `choices[0].logprobs.content[0].top_logprobs` ([{ token, logprob, bytes }]).
 * - POST /v1/completions with `logprobs: k`: vLLM gives the completions shape
 *   (`tokens`, `token_logprobs`, `top_logprobs: [{ token: logprob }]`, `text_offset`);
 *   llama.cpp gives the chat shape (`content`). With `echo: true, max_tokens: 0`, vLLM echoes the
 *   prompt's tokens with their log-probabilities (the first one null); llama.cpp answers 400
 *   "Only no echo is supported". A list of prompts gets one choice per prompt.
 * - `n`: vLLM samples n answers; `nSupport` makes the server refuse n ≠ 1 (older llama.cpp) or
 *   ignore it (Ollama).
 *
 * The "model" is the test's: a next-token distribution for any preceding text, and sampled
 * answers. Requests are recorded as received; `script` answers some of them otherwise (a 429
 * with Retry-After, a 503, a body that is not JSON, or any JSON body).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../inference-server.ts';

/** The test's language model. */
export interface MockModel {
  /** Next-token log-probabilities after `context` (tokens not listed get −20). */
  next(context: string): Record<string, number>;
  /** The k-th sampled answer (seed-independent unless the test's function says otherwise). */
  answer(context: string, k: number, seed: number | undefined): string | null;
}

/** What to do with the n-th POST (0-based). */
export type Scripted = 'ok' | { status: number; body?: unknown; raw?: string; headers?: Record<string, string> };

export interface MockServerOptions {
  flavour: 'vllm' | 'llamacpp';
  model: MockModel;
  /** n ≠ 1: sampled (vLLM), refused with 400 (older llama.cpp), or ignored (Ollama). */
  nSupport?: 'yes' | 'refuse' | 'ignore';
  /** The served model's id (default: per flavour). */
  id?: string;
  /** Extra models listed by GET /v1/models. */
  others?: string[];
  script?: (n: number) => Scripted;
}

export interface MockServer {
  /** Base URL of the API, with /v1. */
  url: string;
  /** POST requests as received: path, parsed body, and the authorization header. */
  requests: { path: string; body: Record<string, unknown>; authorization?: string }[];
  id: string;
  close(): Promise<void>;
}

/** The mock tokenizer: words with their leading space, digits, single punctuation, newlines. */
export function tokenize(text: string): string[] {
  return text.match(/ ?[A-Za-z]+| ?[0-9]+|[ \t]+(?![A-Za-z0-9])|\s|[^\sA-Za-z0-9]/g) ?? [];
}

const UNLISTED = -20;

export async function startOpenAiServer(options: MockServerOptions): Promise<MockServer> {
  const id = options.id ?? (options.flavour === 'vllm' ? 'Qwen/Qwen2.5-1.5B-Instruct' : 'models/qwen2.5-1.5b-instruct-q4_k_m.gguf');
  const requests: MockServer['requests'] = [];
  let posts = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const error = (res: ServerResponse, status: number, message: string) =>
    options.flavour === 'vllm'
      ? json(res, status, { object: 'error', message, type: 'BadRequestError', param: null, code: status })
      : json(res, status, { error: { code: status, message, type: 'invalid_request_error' } });

  const top = (context: string, k: number) =>
    Object.entries(options.model.next(context))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  const logprobOf = (context: string, token: string) => options.model.next(context)[token] ?? UNLISTED;
  const entry = (token: string, logprob: number) => ({ token, logprob, bytes: [...Buffer.from(token)] });
  const chatContext = (messages: { role: string; content: string }[]) => messages.map((m) => m.content).join('\n');

  const server = createServer(async (req, res) => {
    try {
      const url = req.url ?? '';
      if (req.method === 'GET' && url === '/v1/models') {
        const created = Math.floor(Date.now() / 1000) + requests.length;
        const listed = [id, ...(options.others ?? [])].map((m) =>
          options.flavour === 'vllm'
            ? { id: m, object: 'model', created, owned_by: 'vllm', root: m, parent: null, max_model_len: 32768 }
            : { id: m, object: 'model', created, owned_by: 'llamacpp', meta: { vocab_type: 2, n_vocab: 151936, n_params: 1543714304 } },
        );
        return json(res, 200, { object: 'list', data: listed });
      }
      const routed = req.method === 'POST' && (url === '/v1/chat/completions' || url === '/v1/completions');
      if (!routed) return error(res, 404, `no route ${req.method} ${url}`);
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      requests.push({ path: url, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const scripted = options.script?.(posts++) ?? 'ok';
      if (scripted !== 'ok') {
        res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
        return void res.end(scripted.raw ?? JSON.stringify(scripted.body ?? { error: { message: `injected ${scripted.status}` } }));
      }
      if (options.flavour === 'vllm' && body.model !== id) return error(res, 404, `The model \`${String(body.model)}\` does not exist.`);

      const n = typeof body.n === 'number' ? body.n : 1;
      if (n !== 1 && options.nSupport === 'refuse') return error(res, 400, 'Only one completion choice is allowed');
      const draws = n !== 1 && options.nSupport === 'ignore' ? 1 : n;
      const seed = typeof body.seed === 'number' ? body.seed : undefined;
      const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
      const usage = { prompt_tokens: 0, completion_tokens: 0 };

      if (url === '/v1/chat/completions') {
        const context = chatContext(body.messages as { role: string; content: string }[]);
        usage.prompt_tokens = tokenize(context).length;
        const choices = Array.from({ length: draws }, (_, k) => {
          if (body.logprobs === true) {
            const alternatives = top(context, typeof body.top_logprobs === 'number' ? body.top_logprobs : 0);
            const [token, logprob] = alternatives[0] ?? ['', UNLISTED];
            usage.completion_tokens += 1;
            const step = { ...entry(token, logprob), top_logprobs: alternatives.map(([t, lp]) => entry(t, lp)) };
            const content = [options.flavour === 'llamacpp' ? { id: 1000, ...step } : step];
            return { index: k, message: { role: 'assistant', content: token }, logprobs: { content }, finish_reason: 'length' };
          }
          const content = options.model.answer(context, k, seed);
          usage.completion_tokens += Math.min(maxTokens, tokenize(content ?? '').length);
          return { index: k, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' };
        });
        return json(res, 200, { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: id, choices, usage: withTotal(usage) });
      }

      const prompts = Array.isArray(body.prompt) ? (body.prompt as string[]) : [body.prompt as string];
      if (body.echo === true && options.flavour === 'llamacpp') return error(res, 400, 'Only no echo is supported');
      const choices = prompts.flatMap((prompt, p): unknown[] => {
        const tokens = tokenize(prompt);
        usage.prompt_tokens += tokens.length;
        if (body.echo === true && maxTokens === 0) {
          const offsets = tokens.map((_, i) => tokens.slice(0, i).join('').length);
          const lps = tokens.map((t, i) => (i === 0 ? null : logprobOf(tokens.slice(0, i).join(''), t)));
          const tops = tokens.map((t, i) => (i === 0 ? null : { [t]: lps[i] }));
          const logprobs = body.logprobs === undefined ? null : { text_offset: offsets, token_logprobs: lps, tokens, top_logprobs: tops };
          return [{ index: p, text: prompt, logprobs, finish_reason: 'length', stop_reason: null, prompt_logprobs: null }];
        }
        return Array.from({ length: draws }, (_, k) => {
          const index = p * n + k;
          if (typeof body.logprobs === 'number') {
            const alternatives = top(prompt, body.logprobs);
            const [token, logprob] = alternatives[0] ?? ['', UNLISTED];
            usage.completion_tokens += 1;
            const map = [Object.fromEntries(alternatives)];
            const vllm = { text_offset: [prompt.length], token_logprobs: [logprob], tokens: [token], top_logprobs: map };
            const top_logprobs = alternatives.map(([t, lp]) => ({ id: 1001, ...entry(t, lp) }));
            const logprobs = options.flavour === 'vllm' ? vllm : { content: [{ id: 1000, ...entry(token, logprob), top_logprobs }] };
            return { index, text: token, logprobs, finish_reason: 'length' };
          }
          const text = options.model.answer(prompt, k, seed);
          usage.completion_tokens += Math.min(maxTokens, tokenize(text ?? '').length);
          return { index, text, logprobs: null, finish_reason: 'stop' };
        });
      });
      return json(res, 200, { id: 'cmpl-1', object: 'text_completion', created: 1, model: id, choices, usage: withTotal(usage) });
    } catch (err) {
      error(res, 500, err instanceof Error ? err.message : String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    id,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withTotal(usage: { prompt_tokens: number; completion_tokens: number }) {
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}
