import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openPredictionCache, predictInputs, type Classifier, type TextInput } from '../../../src/classify/index.ts';
import { loadOpenAiClassifier } from '../../../src/classify/remote/openai.ts';
import { OpenAiServerSpecSchema, type OpenAiServerSpec } from '../../../src/classify/remote/openai-schema.ts';
import { CounterfairError } from '../../../src/shared/errors.ts';
import { tempDir } from '../../helpers.ts';
import { startOpenAiServer, type MockModel, type MockServer, type MockServerOptions } from './openai-server.ts';

const INDIA: TextInput = { text: 'I am from India.' };
const IRAQ: TextInput = { text: 'I am from Iraq.' };
const SYSTEM = 'You classify reviews.';
const PROMPT = 'Review: {text}\nSentiment:';
const INDIA_PROMPT = 'Review: I am from India.\nSentiment:';

/** Next-token log-probabilities: the chat answer's first token, and completions after "Sentiment:". */
const CHAT = {
  india: { Positive: -0.1, positive: -3.2, Negative: -3.5, The: -4 },
  iraq: { Negative: -0.35, Positive: -1.7, I: -2.6, neg: -4.1, Neutral: -4.5 },
};
const COMPLETION = {
  india: { ' positive': -0.3, ' negative': -2.2, ' very': -2.5, ' The': -3 },
  iraq: { ' negative': -0.5, ' positive': -1.5, ' very': -2.6, ' The': -3 },
};
const AFTER_VERY = { ' positive': -0.1, ' negative': -2.6 };
const ANSWERS = {
  india: ['Positive', 'positive.', 'Negative', 'I cannot help with that.'],
  iraq: ['I cannot help with that.', 'Sorry.', 'Negative', null],
};

const MODEL: MockModel = {
  next(context) {
    const who = context.includes('Iraq') ? 'iraq' : 'india';
    if (context.startsWith(SYSTEM)) return CHAT[who];
    if (context.endsWith('Sentiment: very')) return AFTER_VERY;
    if (context.endsWith('Sentiment:')) return COMPLETION[who];
    return {};
  },
  answer(context, k, seed) {
    return ANSWERS[context.includes('Iraq') ? 'iraq' : 'india'][(k + (seed ?? 0)) % 4] as string | null;
  },
};

/** What the backend must compute: each label's mass relative to the largest, renormalised. */
function expected(byLabel: number[][]): number[] {
  const top = Math.max(...byLabel.flat());
  const mass = byLabel.map((lps) => lps.reduce((sum, lp) => sum + Math.exp(lp - top), 0));
  const total = mass.reduce((a, b) => a + b, 0);
  return [...mass.map((m) => m / total), 1 - Math.exp(top) * total];
}

const fast = { baseDelayMs: 1 };
const servers: MockServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(options: Partial<MockServerOptions> = {}): Promise<MockServer> {
  const server = await startOpenAiServer({ flavour: 'vllm', model: MODEL, ...options });
  servers.push(server);
  return server;
}

function spec(url: string, extra: Record<string, unknown> = {}): OpenAiServerSpec {
  const labels = { positive: 'positive', negative: 'negative' };
  return OpenAiServerSpecSchema.parse({ protocol: 'openai', url, prompt: PROMPT, labels, timeout_ms: 2000, ...extra });
}

async function load(server: OpenAiServerSpec, log: string[] = []): Promise<Classifier> {
  return loadOpenAiClassifier(server, { log: (line) => log.push(line) }, fast);
}

/** The CounterfairError id `fn` rejects with. */
async function rejectionId(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    return err.problems[0]?.id;
  }
  assert.fail('expected a rejection');
}

describe('openai backend: log-probabilities of the first answer token', () => {
  it('chat API (vLLM): sends prompt and system message, reads top_logprobs, renormalises, records the outside mass', async () => {
    const server = await serve();
    const log: string[] = [];
    const llm = await load(spec(server.url, { system: SYSTEM }), log);
    assert.deepEqual(llm.labels, ['positive', 'negative']);
    assert.deepEqual(llm.extras, ['outside_mass']);
    assert.equal(llm.backend, 'openai');
    assert.equal(llm.llm?.server_model, 'Qwen/Qwen2.5-1.5B-Instruct');

    const p = await predictInputs(llm, [INDIA, IRAQ], { batchSize: 32 });
    const india = expected([[-0.1, -3.2], [-3.5]]);
    const iraq = expected([[-1.7], [-0.35, -4.1]]); // "neg" begins "negative"; "I" and "Neutral" are no label
    assert.deepEqual(p.probs, [india.slice(0, 2), iraq.slice(0, 2)]);
    assert.deepEqual(p.extras, { names: ['outside_mass'], values: [india.slice(2), iraq.slice(2)] });
    assert.ok(Math.abs((p.probs[1]?.[1] ?? 0) - 0.7979) < 1e-4, 'Iraq: P(negative) ≈ (0.705 + 0.017) / (0.705 + 0.017 + 0.183)');

    assert.deepEqual(server.requests[0], {
      path: '/v1/chat/completions',
      body: {
        model: 'Qwen/Qwen2.5-1.5B-Instruct',
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: 'Review: I am from India.\nSentiment:' },
        ],
        max_tokens: 1,
        temperature: 0,
        seed: 0,
        logprobs: true,
        top_logprobs: 20,
      },
    });
    assert.deepEqual(log, [
      `openai: 2 inputs → 2 requests to ${server.url}/chat/completions, about 28 prompt tokens ` +
        '(at 4 characters a token; the chat template adds its own) and at most 2 answer tokens',
    ]);
    await llm.dispose();
    assert.equal(log[1], 'openai: sent 2 requests; the server counted 30 prompt and 2 answer tokens');
    const [outIndia, outIraq] = [india[2] as number, iraq[2] as number];
    const mean = ((outIndia + outIraq) / 2).toFixed(3);
    assert.equal(log[2], `openai: mass outside the labels: mean ${mean}, largest ${outIraq.toFixed(3)} ("I am from Iraq.")`);
  });

  it('completions API: vLLM’s completions shape and llama.cpp’s chat-shaped logprobs give the same probabilities', async () => {
    const want = [expected([[-0.3], [-2.2]]), expected([[-1.5], [-0.5]])]; // " very" and " The" begin no verbalizer
    for (const flavour of ['vllm', 'llamacpp'] as const) {
      const server = await serve({ flavour });
      const llm = await load(spec(server.url, { api: 'completions', top_logprobs: 5 }));
      const p = await predictInputs(llm, [INDIA, IRAQ], { batchSize: 32 });
      assert.deepEqual(p.probs, want.map((w) => w.slice(0, 2)), flavour);
      assert.deepEqual(p.extras?.values, want.map((w) => w.slice(2)), flavour);
      const prompt = 'Review: I am from India.\nSentiment:';
      assert.deepEqual(server.requests[0]?.body, { model: server.id, prompt, max_tokens: 1, temperature: 0, seed: 0, logprobs: 5 });
    }
  });

  it('says when none of the likeliest first tokens begins a verbalizer, naming them', async () => {
    const server = await serve();
    const llm = await load(spec(server.url, { system: SYSTEM, labels: { yes: 'yes', no: 'no' } }));
    await assert.rejects(llm.classify([INDIA]), (err: CounterfairError) => {
      assert.equal(err.problems[0]?.id, 'classify.openai.no-label-token');
      assert.match(err.message, /^none of the 4 likeliest first tokens of the answer to "I am from India\." begins a verbalizer/);
      assert.match(err.message, /\("Positive" 0\.905, "positive" 0\.041, "Negative" 0\.030, "The" 0\.018\)/);
      return true;
    });
  });
});

describe('openai backend: continuations scored through echoed prompt log-probabilities', () => {
  it('vLLM: one request per input, one prompt per verbalizer; a multi-token verbalizer sums its tokens', async () => {
    const server = await serve();
    const labels = { positive: ['positive', 'very positive'], negative: 'negative' };
    const llm = await load(spec(server.url, { api: 'completions', logprobs: 'continuation', labels }));
    const p = await predictInputs(llm, [INDIA, IRAQ], { batchSize: 32 });
    const india = expected([[-0.3, -2.5 + -0.1], [-2.2]]);
    const iraq = expected([[-1.5, -2.6 + -0.1], [-0.5]]);
    assert.deepEqual(p.probs, [india.slice(0, 2), iraq.slice(0, 2)]);
    assert.deepEqual(p.extras?.values, [india.slice(2), iraq.slice(2)]);
    const P = 'Review: I am from India.\nSentiment:';
    assert.deepEqual(server.requests[0]?.body, {
      model: server.id,
      prompt: [`${P} positive`, `${P} very positive`, `${P} negative`],
      echo: true,
      max_tokens: 0,
      logprobs: 1,
      temperature: 0,
      seed: 0,
    });
    assert.equal(server.requests.length, 2);
  });

  it('refuses a continuation the tokenizer merges with the prompt’s end, and a server that echoes no log-probabilities', async () => {
    const server = await serve();
    const trailingSpace = { prompt: 'Review: {text}\nSentiment: ', continuation_prefix: '' };
    const merged = await load(spec(server.url, { api: 'completions', logprobs: 'continuation', ...trailingSpace }));
    assert.equal(await rejectionId(() => merged.classify([INDIA])), 'classify.openai.token-boundary');
    const llama = await serve({ flavour: 'llamacpp' });
    const noEcho = await load(spec(llama.url, { api: 'completions', logprobs: 'continuation', retries: 0 }));
    const refused = `POST ${llama.url}/completions answered 400 Bad Request: Only no echo is supported`;
    await assert.rejects(noEcho.classify([INDIA]), { message: refused });
  });
});

describe('openai backend: sampled answers', () => {
  it('vLLM: n answers in one request; each label’s share, and the share of answers that are no label', async () => {
    const server = await serve();
    const llm = await load(spec(server.url, { system: SYSTEM, scoring: 'sample', samples: 4, temperature: 1 }));
    assert.deepEqual(llm.labels, ['positive', 'negative', 'NO_LABEL']);
    assert.equal(llm.extras, undefined);
    const p = await predictInputs(llm, [INDIA, IRAQ], { batchSize: 32 });
    assert.deepEqual(p.probs, [
      [2 / 4, 1 / 4, 1 / 4],
      [0, 1 / 4, 3 / 4],
    ]);
    assert.equal(p.extras, undefined);
    assert.deepEqual(server.requests[1]?.body, {
      model: server.id,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'Review: I am from Iraq.\nSentiment:' },
      ],
      max_tokens: 16,
      temperature: 1,
      seed: 0,
      n: 4,
    });
  });

  it('llama.cpp refusing n: one request per sample with seeds seed, seed+1, …, the same shares', async () => {
    const server = await serve({ flavour: 'llamacpp', nSupport: 'refuse' });
    const llm = await load(spec(server.url, { api: 'completions', scoring: 'sample', samples: 4, temperature: 1, use_n: false, seed: 0 }));
    const p = await predictInputs(llm, [INDIA, IRAQ], { batchSize: 32 });
    assert.deepEqual(p.probs, [
      [2 / 4, 1 / 4, 1 / 4],
      [0, 1 / 4, 3 / 4],
    ]);
    assert.deepEqual(
      server.requests.filter((r) => String(r.body.prompt).includes('India')).map((r) => r.body),
      [0, 1, 2, 3].map((seed) => ({ model: server.id, prompt: INDIA_PROMPT, max_tokens: 16, temperature: 1, seed })),
    );
    const asked = await load(spec(server.url, { scoring: 'sample', samples: 4, temperature: 1, retries: 0 }));
    await assert.rejects(asked.classify([INDIA]), /answered 400 Bad Request: Only one completion choice is allowed$/);
  });

  it('a server that ignores n (Ollama) is an error, not a share of one answer', async () => {
    const server = await serve({ nSupport: 'ignore' });
    const llm = await load(spec(server.url, { scoring: 'sample', samples: 4, temperature: 1 }));
    assert.equal(await rejectionId(() => llm.classify([INDIA])), 'classify.openai.choice-count');
  });
});

describe('openai backend: the server machinery', () => {
  it('waits as a 429’s Retry-After says, then goes on', async () => {
    const busy = { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'rate limited' } } };
    const server = await serve({ script: (n) => (n === 0 ? busy : 'ok') });
    const llm = await load(spec(server.url, { system: SYSTEM }));
    const started = Date.now();
    const p = await predictInputs(llm, [INDIA], { batchSize: 1 });
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
    assert.deepEqual(p.probs, [expected([[-0.1, -3.2], [-3.5]]).slice(0, 2)]);
    assert.equal(server.requests.length, 2);
  });

  it('every malformed answer is an error naming what was wrong, never a probability', async () => {
    const choice = (c: unknown) => ({ choices: [c] });
    const badEntry = { token: 'Positive', logprob: -0.1, top_logprobs: [{ token: 'Positive', logprob: 'high' }] };
    const sample = { scoring: 'sample' };
    const continuation = { api: 'completions', logprobs: 'continuation' };
    const cases: [body: unknown, extra: Record<string, unknown>, want: string | RegExp][] = [
      ['Internal error<br>', {}, /answered with something that is not JSON: Internal error<br>$/],
      [{ choices: [] }, {}, 'classify.openai.no-choices'],
      [{ object: 'error', message: 'overloaded' }, {}, 'classify.openai.not-an-answer'],
      [choice('Positive'), {}, 'classify.openai.not-an-answer'],
      [choice({ index: 0, message: { content: 'Positive' }, logprobs: null }), {}, 'classify.openai.missing-logprobs'],
      [choice({ index: 0, logprobs: { content: [badEntry] } }), {}, 'classify.openai.not-an-answer'],
      [choice({ index: 0, text: 'Positive' }), sample, 'classify.openai.not-an-answer'],
      [choice({ index: 0, message: { content: 42 } }), sample, 'classify.openai.not-an-answer'],
      [choice({ index: 0, text: 'x' }), continuation, 'classify.openai.choice-count'],
      [{ choices: [0, 1].map((index) => ({ index, text: 'x', logprobs: null })) }, continuation, 'classify.openai.no-prompt-logprobs'],
    ];
    for (const [body, extra, want] of cases) {
      const server = await serve({ script: () => (typeof body === 'string' ? { status: 200, raw: body } : { status: 200, body }) });
      const llm = await load(spec(server.url, { retries: 0, ...extra }));
      if (typeof want === 'string') assert.equal(await rejectionId(() => llm.classify([INDIA])), want, JSON.stringify(extra));
      else await assert.rejects(llm.classify([INDIA]), want);
    }
  });

  it('an empty or missing sampled answer is a counted no-label answer', async () => {
    const answers = [
      { index: 0, message: { content: '' } },
      { index: 1, message: { content: null, refusal: 'I can’t help with that.' } },
      { index: 2, message: {} },
      { index: 3, message: { content: 'negative' } },
    ];
    const server = await serve({ script: () => ({ status: 200, body: { choices: answers } }) });
    const llm = await load(spec(server.url, { scoring: 'sample', samples: 4, temperature: 1 }));
    assert.deepEqual(await llm.classify([INDIA]), [[0, 1 / 4, 3 / 4]]);
  });

  it('sends ${VAR} headers without printing them', async () => {
    const server = await serve({ script: () => ({ status: 401, body: { error: { message: 'invalid api key' } } }) });
    process.env.COUNTERFAIR_TEST_KEY = 'sk-secret-123';
    const log: string[] = [];
    const llm = await load(spec(server.url, { headers: { Authorization: 'Bearer ${COUNTERFAIR_TEST_KEY}' } }), log);
    const quiet = (err: Error) => !err.message.includes('sk-secret') && err.message.endsWith('401 Unauthorized: invalid api key');
    await assert.rejects(llm.classify([INDIA]), quiet);
    await llm.dispose();
    assert.equal(server.requests[0]?.authorization, 'Bearer sk-secret-123');
    assert.ok(!log.join('\n').includes('sk-secret'));
    delete process.env.COUNTERFAIR_TEST_KEY;
  });

  it('finds the served model, or says which to name', async () => {
    const one = await serve({ flavour: 'llamacpp' });
    assert.equal((await load(spec(one.url))).llm?.server_model, 'models/qwen2.5-1.5b-instruct-q4_k_m.gguf');
    const two = await serve({ others: ['meta-llama/Llama-3.1-8B-Instruct'] });
    assert.equal(await rejectionId(() => load(spec(two.url))), 'classify.openai.which-model');
    assert.equal(await rejectionId(() => load(spec(two.url, { model: 'gpt-4o' }))), 'classify.openai.model-not-served');
    const named = await load(spec(two.url, { model: 'meta-llama/Llama-3.1-8B-Instruct' }));
    assert.equal(named.llm?.server_model, 'meta-llama/Llama-3.1-8B-Instruct');
    assert.equal(await rejectionId(() => load(spec(two.url.replace(/\/v1$/, '')))), 'classify.openai.models-not-found');
  });

  it('renders text pairs into both slots, and refuses a pair the prompt has no slot for', async () => {
    const server = await serve();
    const pairs = await load(spec(server.url, { scoring: 'sample', prompt: 'Premise: {text}\nHypothesis: {text_pair}\nSentiment:' }));
    await pairs.classify([{ text: 'I am from Iraq.', text_pair: 'They are kind.' }]);
    const [message] = server.requests[0]?.body.messages as unknown[];
    assert.deepEqual(message, { role: 'user', content: 'Premise: I am from Iraq.\nHypothesis: They are kind.\nSentiment:' });
    const single = await load(spec(server.url));
    assert.equal(await rejectionId(() => single.classify([{ text: 'a', text_pair: 'b' }])), 'classify.openai.pair-slot-missing');
    assert.equal(await rejectionId(() => pairs.classify([INDIA])), 'classify.openai.pair-missing');
  });
});

describe('openai backend: the prediction cache', () => {
  it('keys on the served model and every setting that changes answers: a changed prompt is asked again', async () => {
    const server = await serve();
    const base = spec(server.url, { system: SYSTEM });
    const fingerprint = async (extra: Record<string, unknown>) => (await load({ ...base, ...extra })).fingerprint;
    const same = await fingerprint({});
    assert.match(same ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(await fingerprint({}), same, 'GET /models changes its "created" per request; the fingerprint does not');
    const changed = [
      { prompt: 'Text: {text}\nSentiment:' },
      { system: 'You are terse.' },
      { labels: { positive: ['positive', 'good'], negative: 'negative' } },
      { labels: { negative: 'negative', positive: 'positive' } },
      { top_logprobs: 5 },
      { seed: 1 },
      { scoring: 'sample' },
      { body: { chat_template_kwargs: { enable_thinking: false } } },
    ];
    const prints = await Promise.all(changed.map((c) => fingerprint(OpenAiServerSpecSchema.parse({ ...base, ...c }))));
    assert.equal(new Set([same, ...prints]).size, changed.length + 1);
    const other = await serve({ id: 'Qwen/Qwen2.5-7B-Instruct' });
    assert.notEqual((await load({ ...base, url: other.url })).fingerprint, same);

    const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
    try {
      const first = await predictInputs(await load(base), [INDIA, IRAQ], { batchSize: 32, cache });
      const asked = server.requests.length;
      const again = await predictInputs(await load(base), [INDIA, IRAQ], { batchSize: 32, cache });
      assert.equal(server.requests.length, asked, 'the same settings answer from the cache');
      assert.deepEqual(again, first, 'with the outside mass');
      await predictInputs(await load({ ...base, prompt: 'Text: {text}\nSentiment:' }), [INDIA, IRAQ], { batchSize: 32, cache });
      assert.equal(server.requests.length, asked + 2, 'a changed prompt is sent again');
    } finally {
      cache.close();
    }
  });
});
