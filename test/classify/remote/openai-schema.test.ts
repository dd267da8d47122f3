import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveOpenAiSettings, type OpenAiServerSpec } from '../../../src/classify/remote/openai-schema.ts';
import { CounterfairError } from '../../../src/shared/errors.ts';
import { parseSpec } from '../../../src/spec/index.ts';

const spec = (server: string) => `name: t
model:
  label: positive
  server:
    protocol: openai
    url: http://127.0.0.1:8000/v1
${server
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
templates:
  - "I am from {country}."
axes:
  country: { lexicon: countries }
`;

const BASE = `prompt: "Review: {text}\\nSentiment:"
labels: { positive: positive, negative: [negative, bad] }`;

const PREFIXED = 'prompt: "{text}"\nlabels: { positive: [pos, positive], negative: negative }';

function server(text: string): OpenAiServerSpec {
  return parseSpec(spec(text), 'audits/x.yaml').spec.model.server as OpenAiServerSpec;
}

function problems(text: string): string[] {
  try {
    parseSpec(spec(text), 'audits/x.yaml');
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    return err.message.split('\n');
  }
  assert.fail('expected the spec to be rejected');
}

describe('model.server with protocol: openai', () => {
  it('resolves defaults once: logprobs of the first token on the chat API, greedy, seed 0', () => {
    assert.deepEqual(resolveOpenAiSettings(server(BASE)), {
      api: 'chat',
      system: null,
      prompt: 'Review: {text}\nSentiment:',
      labels: [
        { label: 'positive', verbalizers: ['positive'] },
        { label: 'negative', verbalizers: ['negative', 'bad'] },
      ],
      scoring: 'logprobs',
      logprobs: 'first_token',
      top_logprobs: 20,
      continuation_prefix: null,
      samples: null,
      use_n: null,
      no_label: null,
      temperature: 0,
      seed: 0,
      max_tokens: 1,
      body: {},
    });
  });

  it('resolves sampling and continuation settings, leaving out what does not apply', () => {
    const sample = resolveOpenAiSettings(server(`${BASE}\nscoring: sample\nsamples: 10\ntemperature: 1\nseed: null`));
    assert.deepEqual(
      [sample.samples, sample.use_n, sample.temperature, sample.seed, sample.max_tokens, sample.no_label, sample.logprobs],
      [10, true, 1, null, 16, 'NO_LABEL', null],
    );
    const continuation = resolveOpenAiSettings(server(`${BASE}\napi: completions\nlogprobs: continuation`));
    assert.deepEqual([continuation.continuation_prefix, continuation.max_tokens, continuation.top_logprobs], [' ', 0, null]);
  });

  it('points at prompts that lose the sentence or name unknown slots', () => {
    assert.deepEqual(problems(`prompt: "Classify this."\nlabels: { positive: positive, negative: negative }`), [
      'audits/x.yaml:7:13: "prompt": has no {text} slot: the audited sentence would never reach the model',
    ]);
    assert.deepEqual(problems(`prompt: "{sentence}"\nlabels: { positive: positive, negative: negative }`), [
      'audits/x.yaml:7:13: "prompt": unknown slot {sentence}: a prompt may hold {text} and {text_pair} (write {{ for a literal brace)',
    ]);
  });

  it('rejects verbalizers that do not tell labels apart, and a no-label name that is a label', () => {
    assert.deepEqual(problems(BASE.replace('bad]', 'Positive]')), [
      'audits/x.yaml:8:45: "negative": verbalizer "Positive" also stands for label "positive" (case is ignored)',
    ]);
    assert.deepEqual(problems(`prompt: "{text}"\nlabels: { a: x, b: y }\nscoring: sample\nno_label: a`), [
      'audits/x.yaml:10:15: "no_label": "a" is also a label: name the pseudo-label of answers that are no label otherwise',
    ]);
    const one = problems('prompt: "{text}"\nlabels: { positive: positive }');
    assert.deepEqual(one, ['audits/x.yaml:8:13: "labels": needs at least two labels']);
  });

  it('rejects a continuation verbalizer that begins another, settings that contradict, and keys that do not apply', () => {
    const lines = problems([PREFIXED, 'api: completions', 'logprobs: continuation'].join('\n'));
    assert.deepEqual(lines, [
      'audits/x.yaml:8:25: "positive": verbalizer "pos" begins "positive": ' +
        "as continuations the shorter one's probability includes the longer one's",
    ]);
    assert.deepEqual(problems(`${BASE}\nlogprobs: continuation`), [
      'audits/x.yaml:9:15: "logprobs": continuation scoring reads prompt log-probabilities, which only the completions API gives: ' +
        'set api: completions',
    ]);
    assert.deepEqual(problems(`${BASE}\nscoring: sample\nsamples: 5`), [
      'audits/x.yaml:10:14: "samples": 5 samples at temperature 0 are 5 copies of the greedy answer: ' +
        'set a temperature (e.g. 1) or samples: 1',
    ]);
    assert.deepEqual(problems(`${BASE}\nsamples: 5\ntemperature: 1`), [
      'audits/x.yaml:9:14: "samples": applies with scoring: sample only',
      'audits/x.yaml:10:18: "temperature": applies with scoring: sample (log-probabilities are read at the greedy answer) only',
    ]);
    assert.deepEqual(problems(`${BASE}\nbody: { logprobs: false, chat_template_kwargs: { enable_thinking: false } }`), [
      'audits/x.yaml:9:11: "body": sets "logprobs", which counterfair sets itself from the other keys',
    ]);
  });

  it('names the keys of the protocol when one is misspelt', () => {
    const [line] = problems(`${BASE}\nsystme: Be brief.`);
    assert.match(line as string, /^audits\/x\.yaml:9:5: unknown key "systme" \(did you mean "system"\?\)/);
  });

  it('leaves the KServe and TEI protocols as they were', () => {
    const kserve = parseSpec(spec('').replace(/protocol: openai\n/, 'name: m\n'), 'audits/x.yaml').spec.model.server;
    assert.equal(kserve?.protocol, 'kserve');
  });
});
