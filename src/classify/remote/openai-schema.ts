/**
 * `model.server:` with `protocol: openai`: an LLM behind an OpenAI-compatible server (vLLM,
 * llama.cpp's llama-server, Ollama, Text Generation Inference, hosted APIs) prompted to
 * classify. The zod schema of its keys, and the one place its settings are resolved: defaults
 * that depend on other keys (max_tokens, labels as lists) are filled here, once, into
 * `OpenAiSettings`, which the backend runs on, fingerprints and records in results.json.
 */
import { z } from 'zod';
import { SPEC_MESSAGES } from './openai-messages.js';

/** The slots a prompt template may hold. */
export const PROMPT_SLOTS = ['text', 'text_pair'] as const;

/** The pseudo-label of answers that are no label (sampling), unless `no_label` names another. */
export const DEFAULT_NO_LABEL = 'NO_LABEL';

const verbalizer = z.string().min(1);

/** `model.server:` for an OpenAI-compatible server. */
export const OpenAiServerSpecSchema = z
  .strictObject({
    protocol: z.literal('openai').describe('openai: POST /chat/completions or /completions of an OpenAI-compatible server'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .describe('Base URL of the API, with its /v1: e.g. http://localhost:8000/v1'),
    model: z
      .string()
      .min(1)
      .optional()
      .describe('The model name sent with each request, as GET /models lists it (default: the only model served)'),
    api: z
      .enum(['chat', 'completions'])
      .default('chat')
      .describe('chat: /chat/completions with the chat template; completions: /completions with the prompt as written'),
    system: z.string().min(1).optional().describe('System message (chat API), sent as written'),
    prompt: z
      .string()
      .min(1)
      .describe('The prompt: {text} is the audited sentence, {text_pair} the second text of a pair; {{ and }} are literal braces'),
    labels: z
      .record(z.string().min(1), z.union([verbalizer, z.array(verbalizer).min(1)]))
      .describe('Each label with its verbalizer, or a list of them: the answers that mean the label'),
    scoring: z
      .enum(['logprobs', 'sample'])
      .default('logprobs')
      .describe('logprobs: read label probabilities from log-probabilities; sample: share of sampled answers'),
    logprobs: z
      .enum(['first_token', 'continuation'])
      .optional()
      .describe(
        'logprobs scoring: first_token (top log-probabilities of the first answer token, the default) or ' +
          'continuation (completions API: each verbalizer scored after the prompt; vLLM)',
      ),
    top_logprobs: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('first_token: alternatives asked for per answer token (default 20; TGI allows 5)'),
    continuation_prefix: z.string().optional().describe('continuation: text between the prompt and each verbalizer (default " ")'),
    samples: z.int().min(1).max(1000).optional().describe('sample: answers drawn per input (default 1)'),
    use_n: z
      .boolean()
      .optional()
      .describe('sample: ask for all samples in one request with n (default true); false: one request per sample, seeds seed, seed+1, …'),
    temperature: z.number().min(0).max(2).optional().describe('sample: sampling temperature (default 0: the greedy answer)'),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .nullable()
      .default(0)
      .describe('Seed sent with each request, for servers that honour one; null sends none'),
    max_tokens: z.int().min(1).max(4096).optional().describe('Most answer tokens (default: 1 for first_token, 16 for sample)'),
    no_label: z
      .string()
      .min(1)
      .default(DEFAULT_NO_LABEL)
      .describe('sample: the pseudo-label whose probability is the share of answers that are no label'),
    body: z
      .record(z.string(), z.json())
      .optional()
      .describe('Extra JSON fields sent in every request body, e.g. { chat_template_kwargs: { enable_thinking: false } }'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('HTTP headers sent with every request; ${VAR} is replaced by the environment variable VAR'),
    concurrency: z.int().min(1).max(256).default(8).describe('Requests in flight at once (the server batches them)'),
    timeout_ms: z.int().min(1).max(3_600_000).default(60_000).describe('Time limit of one request'),
    retries: z.int().min(0).max(20).default(4).describe('Retries of a request that failed with 429, 5xx, a timeout or a network error'),
  })
  .superRefine((s, ctx) => {
    for (const issue of openAiSpecIssues(s)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .describe('An OpenAI-compatible LLM server, prompted to classify');

/** `model.server` with `protocol: openai`, after validation. */
export type OpenAiServerSpec = z.output<typeof OpenAiServerSpecSchema>;

/** Request fields the backend sets itself: `body` may not override them. */
const REQUEST_KEYS = [
  ...['model', 'messages', 'prompt', 'max_tokens', 'temperature', 'seed', 'n'],
  ...['logprobs', 'top_logprobs', 'echo', 'stream'],
];

/** Keys that apply to some settings only: naming one elsewhere is a mistake worth a line. */
const APPLIES: readonly { key: keyof OpenAiServerSpec; when: (s: OpenAiServerSpec) => boolean; needs: string }[] = [
  { key: 'logprobs', when: (s) => s.scoring === 'logprobs', needs: 'scoring: logprobs' },
  { key: 'top_logprobs', when: (s) => s.scoring === 'logprobs' && s.logprobs !== 'continuation', needs: 'logprobs: first_token' },
  { key: 'continuation_prefix', when: (s) => s.logprobs === 'continuation', needs: 'logprobs: continuation' },
  { key: 'samples', when: (s) => s.scoring === 'sample', needs: 'scoring: sample' },
  { key: 'use_n', when: (s) => s.scoring === 'sample', needs: 'scoring: sample' },
  { key: 'temperature', when: (s) => s.scoring === 'sample', needs: 'scoring: sample (log-probabilities are read at the greedy answer)' },
  { key: 'max_tokens', when: (s) => s.logprobs !== 'continuation', needs: 'first_token or sample scoring (no continuation generates)' },
];

type Issue = { path: string[]; message: string };

/** What the schema's types cannot say: slots, verbalizers, and settings that contradict each other. */
function openAiSpecIssues(s: OpenAiServerSpec): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string[], message: string) => issues.push({ path, message });
  const slots = promptSlots(s.prompt);
  const unknown = slots.filter((slot) => !(PROMPT_SLOTS as readonly string[]).includes(slot));
  if (unknown.length > 0) add(['prompt'], SPEC_MESSAGES.unknownSlot(unknown));
  else if (!slots.includes('text')) add(['prompt'], SPEC_MESSAGES.noTextSlot());
  const labels = Object.keys(s.labels);
  if (labels.length < 2) add(['labels'], SPEC_MESSAGES.oneLabel());
  if (labels.includes(s.no_label)) add(['no_label'], SPEC_MESSAGES.noLabelIsLabel(s.no_label));
  for (const { key, when, needs } of APPLIES) if (s[key] !== undefined && !when(s)) add([key], SPEC_MESSAGES.doesNotApply(needs));
  if (s.logprobs === 'continuation' && s.api !== 'completions') add(['logprobs'], SPEC_MESSAGES.continuationNeedsCompletions());
  for (const key of Object.keys(s.body ?? {})) if (REQUEST_KEYS.includes(key)) add(['body'], SPEC_MESSAGES.bodySets(key));
  const samples = s.samples ?? 1;
  if (s.scoring === 'sample' && (s.temperature ?? 0) === 0 && samples > 1) add(['samples'], SPEC_MESSAGES.greedyCopies(samples));
  issues.push(...verbalizerIssues(s));
  return issues;
}

/**
 * Verbalizers must tell the labels apart. Answers and first tokens are matched without regard
 * to case, so two labels may not share a verbalizer in any case; a continuation is scored as
 * written, and one verbalizer that begins another would count the longer one's mass twice.
 */
function verbalizerIssues(s: OpenAiServerSpec): Issue[] {
  const continuation = s.logprobs === 'continuation';
  const key = (v: string) => (continuation ? v : v.toLowerCase());
  const owner = new Map<string, string>();
  const all: { label: string; v: string }[] = [];
  const issues: Issue[] = [];
  for (const [label, vs] of Object.entries(s.labels)) {
    for (const v of typeof vs === 'string' ? [vs] : vs) {
      const other = owner.get(key(v));
      const message = other !== undefined && other !== label ? SPEC_MESSAGES.sharedVerbalizer(v, other, !continuation) : undefined;
      if (message) issues.push({ path: ['labels', label], message });
      owner.set(key(v), label);
      all.push({ label, v });
    }
  }
  if (continuation) {
    for (const a of all) {
      const longer = all.find((b) => b.v !== a.v && b.v.startsWith(a.v));
      if (longer) issues.push({ path: ['labels', a.label], message: SPEC_MESSAGES.prefixVerbalizer(a.v, longer.v) });
    }
  }
  return issues;
}

/** The slot names of a template, in order ({{ and }} are literal braces, not slots). */
export function promptSlots(template: string): string[] {
  return [...template.replace(/\{\{|\}\}/g, '').matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] as string);
}

/** Every setting of an OpenAI backend, resolved: what it runs on, fingerprints and records. */
export interface OpenAiSettings {
  api: 'chat' | 'completions';
  system: string | null;
  prompt: string;
  /** Labels in spec order, each with its verbalizers. */
  labels: { label: string; verbalizers: string[] }[];
  scoring: 'logprobs' | 'sample';
  /** logprobs scoring only. */
  logprobs: 'first_token' | 'continuation' | null;
  top_logprobs: number | null;
  continuation_prefix: string | null;
  /** sample scoring only. */
  samples: number | null;
  use_n: boolean | null;
  no_label: string | null;
  temperature: number;
  seed: number | null;
  /** Most answer tokens; 0 for continuation scoring, which generates none. */
  max_tokens: number;
  body: Record<string, unknown>;
}

/** How the LLM was asked, as results.json records it on the model (additive fields). */
export interface LlmRecord extends OpenAiSettings {
  /** The model the server serves under the name requests carry (GET /models). */
  server_model: string;
}

/** Fills the defaults that depend on other keys; leaves out (null) what does not apply. */
export function resolveOpenAiSettings(s: OpenAiServerSpec): OpenAiSettings {
  const sample = s.scoring === 'sample';
  const logprobs = sample ? null : (s.logprobs ?? 'first_token');
  return {
    api: s.api,
    system: s.system ?? null,
    prompt: s.prompt,
    labels: Object.entries(s.labels).map(([label, vs]) => ({ label, verbalizers: typeof vs === 'string' ? [vs] : [...vs] })),
    scoring: s.scoring,
    logprobs,
    top_logprobs: logprobs === 'first_token' ? (s.top_logprobs ?? 20) : null,
    continuation_prefix: logprobs === 'continuation' ? (s.continuation_prefix ?? ' ') : null,
    samples: sample ? (s.samples ?? 1) : null,
    use_n: sample ? (s.use_n ?? true) : null,
    no_label: sample ? s.no_label : null,
    // Log-probabilities are read, not sampled: the answer token is the greedy one.
    temperature: sample ? (s.temperature ?? 0) : 0,
    seed: s.seed,
    max_tokens: logprobs === 'continuation' ? 0 : (s.max_tokens ?? (sample ? 16 : 1)),
    body: s.body ?? {},
  };
}
