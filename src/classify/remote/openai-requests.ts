/**
 * The requests one input takes, for each scoring method, and how their answers become a row of
 * probabilities. Requests follow the OpenAI API as vLLM and llama.cpp's llama-server implement
 * it:
 *
 * ```json
 * first_token, chat:   POST /chat/completions { "messages": […], "max_tokens": 1, "logprobs": true, "top_logprobs": 20, … }
 *                      → choices[0].logprobs.content[0].top_logprobs: [{ "token": "Positive", "logprob": -0.1 }, …]
 * first_token, completions: POST /completions { "prompt": "…", "max_tokens": 1, "logprobs": 20, … }
 *                      → choices[0].logprobs.top_logprobs[0]: { " positive": -0.1, … }   (vLLM, OpenAI)
 *                      → choices[0].logprobs.content[0].top_logprobs: […]                 (llama.cpp)
 * continuation:        POST /completions { "prompt": ["…Answer: positive", "…Answer: negative"], "echo": true,
 *                                          "max_tokens": 0, "logprobs": 1, … }
 *                      → choices[i].logprobs: { "tokens": […], "token_logprobs": [null, …] }
 * sample:              POST /chat/completions (or /completions) { "n": 10, "temperature": 1, "seed": 0, … }
 *                      → choices[k].message.content (choices[k].text)
 * ```
 *
 * Every answer that is not of these shapes is an error naming the input; an answer text that is
 * no label (sampling) is counted as such. Nothing is ever guessed.
 */
import type { TextInput } from '../types.js';
import { openAiError } from './openai-messages.js';
import type { OpenAiSettings } from './openai-schema.js';
import { continuationLogprob, firstTokenScores, PromptError, renderPrompt, renormalise, sampleShares } from './openai-scoring.js';
import type { TokenLogprob } from './openai-scoring.js';

/** The two endpoints, relative to the API's base URL. */
export type Endpoint = '/chat/completions' | '/completions';

/** Sends one request body to an endpoint and resolves to the parsed JSON answer. */
export type Send = (endpoint: Endpoint, body: Record<string, unknown>) => Promise<unknown>;

/** Tokens the server counted, summed over answers (`usage`). */
export interface Usage {
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
}

/** The extra per-input number logprobs scoring reports: the probability left outside the labels. */
export const OUTSIDE_MASS = 'outside_mass';

/** What every request of one input shares. */
interface Exchange {
  settings: OpenAiSettings;
  input: TextInput;
  prompt: string;
  endpoint: Endpoint;
  /** Sends a body (with `body`, `model`, temperature and seed) and gives the answer's choices. */
  ask: (body: Record<string, unknown>) => Promise<Record<string, unknown>[]>;
}

/**
 * Scores one input: its requests, sent through `send`, and their answers turned into a row —
 * the label probabilities then the outside mass (logprobs), or the label shares then the share
 * of no-label answers (sample).
 */
export async function scoreInput(settings: OpenAiSettings, model: string, input: TextInput, send: Send, usage: Usage): Promise<number[]> {
  const endpoint: Endpoint = settings.api === 'chat' ? '/chat/completions' : '/completions';
  // A field set to undefined is left out of the JSON body.
  const common = { model, temperature: settings.temperature, seed: settings.seed ?? undefined };
  const ask = async (body: Record<string, unknown>): Promise<Record<string, unknown>[]> => {
    const answer = await send(endpoint, { ...settings.body, ...common, ...body });
    usage.requests += 1;
    return choicesOf(answer, endpoint, input.text, usage);
  };
  const exchange: Exchange = { settings, input, prompt: render(settings.prompt, input), endpoint, ask };
  if (settings.scoring === 'sample') return sampleRow(exchange);
  return settings.logprobs === 'continuation' ? continuationRow(exchange) : firstTokenRow(exchange);
}

/** The prompt as the API takes it: chat messages, or the text itself. */
function content({ settings, prompt }: Exchange): Record<string, unknown> {
  if (settings.api === 'completions') return { prompt };
  const system = settings.system === null ? [] : [{ role: 'system', content: settings.system }];
  return { messages: [...system, { role: 'user', content: prompt }] };
}

/** `samples` answers, in one request with n or one request per sample, as label shares. */
async function sampleRow(x: Exchange): Promise<number[]> {
  const { settings, endpoint } = x;
  const n = settings.samples ?? 1;
  const answers: (string | null)[] = [];
  if (settings.use_n !== false) {
    const choices = await x.ask({ ...content(x), max_tokens: settings.max_tokens, n: n > 1 ? n : undefined });
    if (choices.length !== n) throw openAiError('classify.openai.choice-count', endpoint, n, choices.length);
    answers.push(...choices.map((c) => answerText(c, settings.api, endpoint)));
  } else {
    for (let k = 0; k < n; k++) {
      const seed = settings.seed === null ? undefined : settings.seed + k;
      const [choice] = await x.ask({ ...content(x), max_tokens: settings.max_tokens, seed });
      answers.push(answerText(choice as Record<string, unknown>, settings.api, endpoint));
    }
  }
  return sampleShares(answers, settings.labels);
}

/** Each verbalizer scored after the prompt, all in one request, renormalised. */
async function continuationRow(x: Exchange): Promise<number[]> {
  const { settings, endpoint } = x;
  const prefix = settings.continuation_prefix ?? '';
  const spoken = settings.labels.flatMap((l, label) => l.verbalizers.map((v) => ({ label, continuation: `${prefix}${v}` })));
  const choices = await x.ask({ prompt: spoken.map((s) => `${x.prompt}${s.continuation}`), echo: true, max_tokens: 0, logprobs: 1 });
  if (choices.length !== spoken.length) throw openAiError('classify.openai.choice-count', endpoint, spoken.length, choices.length);
  const byLabel: number[][] = settings.labels.map(() => []);
  spoken.forEach(({ label, continuation }, i) => {
    const echoed = (choices[i] as { logprobs?: { tokens?: unknown; token_logprobs?: unknown } | null }).logprobs;
    const tokens = echoed?.tokens;
    const logprobs = echoed?.token_logprobs;
    if (!Array.isArray(tokens) || !Array.isArray(logprobs) || !tokens.every((t) => typeof t === 'string')) {
      throw openAiError('classify.openai.no-prompt-logprobs', endpoint);
    }
    const scored = continuationLogprob(tokens, logprobs as (number | null)[], continuation);
    if ('tail' in scored) throw openAiError('classify.openai.token-boundary', continuation, scored.tail);
    byLabel[label]?.push(scored.logprob);
  });
  const scores = renormalise(byLabel);
  // Every verbalizer was scored, so every label has a finite mass: renormalise cannot give null.
  if (scores === null) throw openAiError('classify.openai.no-prompt-logprobs', endpoint);
  return [...scores.probs, scores.outside];
}

/** The first answer token's alternatives, read for the labels, renormalised. */
async function firstTokenRow(x: Exchange): Promise<number[]> {
  const { settings, endpoint } = x;
  const k = settings.top_logprobs ?? 20;
  const logprobs = settings.api === 'chat' ? { logprobs: true, top_logprobs: k } : { logprobs: k };
  const [choice] = await x.ask({ ...content(x), max_tokens: settings.max_tokens, ...logprobs });
  const alternatives = firstTokenAlternatives(choice as Record<string, unknown>, endpoint, x.input.text);
  const scores = firstTokenScores(alternatives, settings.labels);
  if (scores === null) {
    const seen = alternatives
      .slice(0, 5)
      .map((a) => `${JSON.stringify(a.token)} ${Math.exp(a.logprob).toFixed(3)}`)
      .join(', ');
    throw openAiError('classify.openai.no-label-token', x.input.text, alternatives.length, seen);
  }
  return [...scores.probs, scores.outside];
}

/**
 * What one input costs, before it is sent: requests, and tokens estimated at four characters a
 * token (the server's tokenizer is not at hand), prompt and answer.
 */
export function inputCost(settings: OpenAiSettings, input: TextInput): Usage {
  const prompt = render(settings.prompt, input).length + (settings.api === 'chat' ? (settings.system?.length ?? 0) : 0);
  const tokens = (chars: number) => Math.ceil(chars / 4);
  if (settings.scoring === 'sample') {
    const n = settings.samples ?? 1;
    const requests = settings.use_n !== false ? 1 : n;
    return { requests, prompt_tokens: requests * tokens(prompt), completion_tokens: n * settings.max_tokens };
  }
  if (settings.logprobs === 'continuation') {
    const prefix = settings.continuation_prefix ?? '';
    const continuations = settings.labels.flatMap((l) => l.verbalizers.map((v) => prefix.length + v.length));
    return { requests: 1, prompt_tokens: continuations.reduce((sum, c) => sum + tokens(prompt + c), 0), completion_tokens: 0 };
  }
  return { requests: 1, prompt_tokens: tokens(prompt), completion_tokens: settings.max_tokens };
}

function render(template: string, input: TextInput): string {
  try {
    return renderPrompt(template, input);
  } catch (err) {
    if (!(err instanceof PromptError)) throw err;
    throw openAiError(err.reason === 'pair-missing' ? 'classify.openai.pair-missing' : 'classify.openai.pair-slot-missing', input.text);
  }
}

/** An answer of the wrong shape. */
function notAnAnswer(endpoint: Endpoint, what: string) {
  return openAiError('classify.openai.not-an-answer', endpoint, what);
}

/** The choices of an answer, in `index` order, each an object; the usage added up. */
function choicesOf(answer: unknown, endpoint: Endpoint, text: string, usage: Usage): Record<string, unknown>[] {
  type Answer = { choices?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  const { choices, usage: counted } = (answer ?? {}) as Answer;
  if (typeof answer !== 'object' || !Array.isArray(choices)) throw notAnAnswer(endpoint, describe(answer));
  if (typeof counted?.prompt_tokens === 'number') usage.prompt_tokens += counted.prompt_tokens;
  if (typeof counted?.completion_tokens === 'number') usage.completion_tokens += counted.completion_tokens;
  if (choices.length === 0) throw openAiError('classify.openai.no-choices', endpoint, text);
  if (!choices.every((c) => c !== null && typeof c === 'object')) throw notAnAnswer(endpoint, 'a choice that is not an object');
  const indexed = choices as Record<string, unknown>[];
  const index = (c: Record<string, unknown>) => c.index as number;
  return indexed.every((c) => typeof c.index === 'number') ? [...indexed].sort((a, b) => index(a) - index(b)) : indexed;
}

/**
 * The text of a sampled answer; null where the model gave none (no content, or only a
 * `refusal`), which counts as no label.
 */
function answerText(choice: Record<string, unknown>, api: OpenAiSettings['api'], endpoint: Endpoint): string | null {
  if (api === 'completions') {
    if (choice.text === null || choice.text === undefined) return null;
    if (typeof choice.text !== 'string') throw notAnAnswer(endpoint, `a choice whose text is ${describe(choice.text)}`);
    return choice.text;
  }
  const message = choice.message as { content?: unknown } | null | undefined;
  if (message === null || typeof message !== 'object') throw notAnAnswer(endpoint, 'a choice without a message');
  if (message.content === null || message.content === undefined) return null;
  if (typeof message.content !== 'string') throw notAnAnswer(endpoint, `a message whose content is ${describe(message.content)}`);
  return message.content;
}

/** An alternative as a server wrote it, before it is checked. */
type RawAlternative = { token: unknown; logprob: unknown };

/**
 * The first answer token and its alternatives, from either shape servers give: the chat shape
 * (`logprobs.content[0]`, which llama.cpp also uses for completions) or the completions shape
 * (`logprobs.top_logprobs[0]`, a token → log-probability map).
 */
function firstTokenAlternatives(choice: Record<string, unknown>, endpoint: Endpoint, text: string): TokenLogprob[] {
  const logprobs = (choice.logprobs ?? {}) as { content?: unknown; top_logprobs?: unknown; tokens?: unknown; token_logprobs?: unknown };
  let first: RawAlternative | undefined;
  let alternatives: RawAlternative[] | undefined;
  if (Array.isArray(logprobs.content) && logprobs.content.length > 0) {
    const step = logprobs.content[0] as { token?: unknown; logprob?: unknown; top_logprobs?: unknown };
    first = { token: step.token, logprob: step.logprob };
    if (Array.isArray(step.top_logprobs)) alternatives = step.top_logprobs as RawAlternative[];
  } else if (Array.isArray(logprobs.top_logprobs) && logprobs.top_logprobs[0] !== null && typeof logprobs.top_logprobs[0] === 'object') {
    alternatives = Object.entries(logprobs.top_logprobs[0] as Record<string, unknown>).map(([token, logprob]) => ({ token, logprob }));
    const [token] = Array.isArray(logprobs.tokens) ? logprobs.tokens : [];
    const [logprob] = Array.isArray(logprobs.token_logprobs) ? logprobs.token_logprobs : [];
    if (token !== undefined) first = { token, logprob };
  }
  if (alternatives === undefined || alternatives.length === 0) throw openAiError('classify.openai.missing-logprobs', endpoint, text);
  // The chosen token is among its alternatives unless it was sampled from outside them.
  const all = first !== undefined && !alternatives.some((a) => a.token === first?.token) ? [...alternatives, first] : alternatives;
  return all.map((a) => {
    // vLLM reports a log-probability of minus infinity as -9999; JSON has no -Infinity.
    if (typeof a.token !== 'string' || typeof a.logprob !== 'number' || Number.isNaN(a.logprob)) {
      throw notAnAnswer(endpoint, `a log-probability entry ${describe(a)}`);
    }
    return { token: a.token, logprob: a.logprob };
  });
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 120)}…` : json;
}
