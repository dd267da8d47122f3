/**
 * What the OpenAI-compatible backend tells a user, each message with a stable id
 * (`classify.openai.*`) that tests and tools match on while the wording stays free to improve.
 */
import { CounterfairError } from '../../shared/errors.js';

const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

const MESSAGES = {
  'classify.openai.models-not-found': (url: string) =>
    `GET ${url}/models answered 404: give the API's base URL with its /v1 (e.g. ${url.replace(/\/+$/, '')}/v1)`,
  'classify.openai.no-model': (url: string) => `the server at ${url} lists no model under /models`,
  'classify.openai.which-model': (url: string, served: readonly string[]) =>
    `the server at ${url} serves ${served.length} models (${served.join(', ')}): name one in model.server.model`,
  'classify.openai.model-not-served': (url: string, model: string, served: readonly string[]) =>
    `the server at ${url} does not serve "${model}"; it serves ${served.join(', ')}`,
  'classify.openai.labels-twice': () => 'an openai server takes its labels from model.server.labels: remove model.labels',
  'classify.openai.pair-slot-missing': (text: string) =>
    `the input ${quote(text)} is a text pair but the prompt has no {text_pair} slot: its second text would never reach the model`,
  'classify.openai.pair-missing': (text: string) => `the prompt has a {text_pair} slot but the input ${quote(text)} is a single text`,
  'classify.openai.not-an-answer': (endpoint: string, what: string) => `${endpoint} answered ${what}, not a completion with choices`,
  'classify.openai.no-choices': (endpoint: string, text: string) => `${endpoint} answered no choice for ${quote(text)}`,
  'classify.openai.choice-count': (endpoint: string, asked: number, got: number) =>
    `${endpoint} answered ${got} choice${got === 1 ? '' : 's'} where ${asked} were asked for ` +
    '(with n, which Ollama and some llama.cpp versions ignore or refuse): ' +
    'set model.server.use_n: false to send one request per sample',
  'classify.openai.missing-logprobs': (endpoint: string, text: string) =>
    `${endpoint} answered ${quote(text)} without log-probabilities: the server may not give them ` +
    '(vLLM, llama.cpp, OpenAI and recent Ollama do; check its version and flags) — or use scoring: sample',
  'classify.openai.no-label-token': (text: string, k: number, seen: string) =>
    `none of the ${k} likeliest first tokens of the answer to ${quote(text)} begins a verbalizer (${seen}): ` +
    'no label probability can be read. Make the prompt ask for the label first, add verbalizers, raise top_logprobs, ' +
    'or use scoring: sample, which counts such answers as no label',
  'classify.openai.no-prompt-logprobs': (endpoint: string) =>
    `${endpoint} echoed no prompt log-probabilities: continuation scoring needs echo with logprobs (vLLM gives them; ` +
    'llama.cpp, Ollama and TGI do not) — use logprobs: first_token',
  'classify.openai.token-boundary': (continuation: string, tail: readonly string[]) =>
    `the prompt's last tokens ${tail.map((t) => JSON.stringify(t)).join(' ')} ` +
    `do not spell the continuation ${JSON.stringify(continuation)} ` +
    '(the tokenizer merges it with the end of the prompt): ' +
    'end the prompt without trailing space and set continuation_prefix to what goes between',
} as const;

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** Requests and tokens, as counted or estimated. */
interface Tally {
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
}

/** The lines the backend logs: the cost before a run, what was spent and how well the labels fit after. */
export const LOG_LINES = {
  cost: (inputs: number, total: Tally, endpoint: string, chat: boolean) =>
    `openai: ${plural(inputs, 'input')} → ${plural(total.requests, 'request')} to ${endpoint}, ` +
    `about ${count(total.prompt_tokens)} prompt tokens (at 4 characters a token${chat ? '; the chat template adds its own' : ''}) ` +
    `and at most ${count(total.completion_tokens)} answer tokens`,
  spent: (usage: Tally) =>
    `openai: sent ${plural(usage.requests, 'request')}` +
    (usage.prompt_tokens + usage.completion_tokens > 0
      ? `; the server counted ${count(usage.prompt_tokens)} prompt and ${count(usage.completion_tokens)} answer tokens`
      : ''),
  outside: (mean: number, max: number, text: string) =>
    `openai: mass outside the labels: mean ${mean.toFixed(3)}, largest ${max.toFixed(3)} (${JSON.stringify(text)})`,
};

/** What is wrong with a `model.server` of protocol openai (located by the spec loader). */
export const SPEC_MESSAGES = {
  unknownSlot: (slots: readonly string[]) =>
    `unknown slot ${slots.map((u) => `{${u}}`).join(', ')}: a prompt may hold {text} and {text_pair} (write {{ for a literal brace)`,
  noTextSlot: () => 'has no {text} slot: the audited sentence would never reach the model',
  oneLabel: () => 'needs at least two labels',
  noLabelIsLabel: (name: string) => `"${name}" is also a label: name the pseudo-label of answers that are no label otherwise`,
  doesNotApply: (needs: string) => `applies with ${needs} only`,
  continuationNeedsCompletions: () =>
    'continuation scoring reads prompt log-probabilities, which only the completions API gives: set api: completions',
  bodySets: (key: string) => `sets "${key}", which counterfair sets itself from the other keys`,
  greedyCopies: (n: number) =>
    `${n} samples at temperature 0 are ${n} copies of the greedy answer: set a temperature (e.g. 1) or samples: 1`,
  sharedVerbalizer: (v: string, other: string, caseIgnored: boolean) =>
    `verbalizer "${v}" also stands for label "${other}"${caseIgnored ? ' (case is ignored)' : ''}`,
  prefixVerbalizer: (shorter: string, longer: string) =>
    `verbalizer "${shorter}" begins "${longer}": as continuations the shorter one's probability includes the longer one's`,
};

/** Ids of the backend's messages. */
export type OpenAiMessageId = keyof typeof MESSAGES;

/** The error for message `id`: exit code 2, one line, with its id. */
export function openAiError<K extends OpenAiMessageId>(id: K, ...args: Parameters<(typeof MESSAGES)[K]>): CounterfairError {
  const format = MESSAGES[id] as (...a: Parameters<(typeof MESSAGES)[K]>) => string;
  return new CounterfairError('model', { id, message: format(...args) });
}
