import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditResults } from '../../../src/index.ts';
import { cli, tempDir } from '../../helpers.ts';
import { startOpenAiServer, type MockServer } from './openai-server.ts';

/**
 * A served LLM that refuses more often for Iraq, and whose log-probabilities depend on the prompt
 * ("Review:" or "Text:"), as real models' do.
 */
async function serveModel(): Promise<MockServer> {
  return startOpenAiServer({
    flavour: 'vllm',
    model: {
      next(context) {
        const iraq = context.includes('Iraq');
        if (context.includes('Text:')) return iraq ? { Negative: -0.2, Positive: -2 } : { Positive: -0.4, Negative: -1.2 };
        return iraq ? { Negative: -0.7, Positive: -0.8 } : { Positive: -0.1, Negative: -2.5 };
      },
      answer(context, k) {
        const iraq = ['I cannot help with that.', 'Sorry.', 'Negative', 'Positive'];
        const india = ['Positive', 'positive.', 'Negative', 'I cannot help with that.'];
        const answers = context.includes('Iraq') ? iraq : india;
        return answers[k % 4] as string;
      },
    },
  });
}

const spec = (url: string, server: string, gates: string) => `name: LLM sentiment
model:
  label: positive
  server:
    protocol: openai
    url: ${url}
    system: You classify reviews.
    labels: { positive: positive, negative: negative }
${server}
bootstrap: { resamples: 200 }
templates:
  - "I am from {country}."
  - "The food in {country} was fine."
  - "My friend from {country} cooked."
axes:
  country: { lexicon: countries, groups: [India, Iraq] }
gates:
${gates}
`;

describe('counterfair run with model.server.protocol: openai', () => {
  let server: MockServer;
  before(async () => {
    server = await serveModel();
  });
  after(() => server.close());

  const read = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as AuditResults;

  it('sampling: the share of no-label answers per group is a label of its own, with its gap, gated and reported', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'llm.yaml');
    const sampling = '    prompt: "Review: {text}\\nSentiment:"\n    scoring: sample\n    samples: 4\n    temperature: 1';
    const gates = '  - { metric: gap, max: 0.6, min_n: 1 }\n  - { metric: gap, label: NO_LABEL, max: 0.2, min_n: 1 }';
    writeFileSync(file, spec(server.url, sampling, gates));
    const out = path.join(dir, 'out');
    const run = await cli('run', file, '--out', out, '--no-cache');
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`openai: 6 inputs → 6 requests to ${server.url}/chat/completions, about \\d+ prompt tokens`));
    assert.match(run.stdout, /FAILED: LLM sentiment/);

    const results = read(out);
    assert.equal(results.verdict, 'failed');
    assert.equal(results.model.backend, 'openai');
    assert.deepEqual(results.model.labels, ['positive', 'negative', 'NO_LABEL']);
    assert.equal(results.model.llm?.server_model, server.id);
    const llm = results.model.llm;
    assert.deepEqual([llm?.scoring, llm?.samples, llm?.temperature, llm?.seed], ['sample', 4, 1, 0]);
    assert.equal(results.model.source, `${server.url} (openai)`);
    const country = results.axes[0];
    const means = (label: string) => country?.labels.find((l) => l.label === label)?.groups.map((g) => [g.name, g.metrics.mean?.value]);
    assert.deepEqual(means('positive'), [['India', 0.5], ['Iraq', 0.25]]);
    assert.deepEqual(means('NO_LABEL'), [['India', 0.25], ['Iraq', 0.5]], 'the refusal rate per group');
    assert.equal(country?.labels.find((l) => l.label === 'NO_LABEL')?.metrics.gap?.value, 0.25);
    assert.deepEqual(results.gates.map((g) => [g.label, g.status]), [[undefined, 'pass'], ['NO_LABEL', 'fail']]);

    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.ok(html.includes('P(NO_LABEL)'));
    const csv = readFileSync(path.join(out, 'sentences.csv'), 'utf8');
    assert.match(csv.split('\n')[0] as string, /,predicted,p:positive,p:negative,p:NO_LABEL$/);
    assert.ok(existsSync(path.join(out, 'junit.xml')));
  });

  it('log-probabilities: the mass outside the labels per sentence; two prompts compared with counterfair compare', async () => {
    const dir = tempDir();
    const runs: string[] = [];
    for (const prompt of ['Review: {text}\\nSentiment:', 'Text: {text}\\nSentiment:']) {
      const file = path.join(dir, `llm-${runs.length}.yaml`);
      writeFileSync(file, spec(server.url, `    prompt: "${prompt}"`, '  - { metric: gap, max: 0.9, min_n: 1 }'));
      const out = path.join(dir, `out-${runs.length}`);
      const run = await cli('run', file, '--out', out, '--quiet', '--cache', path.join(dir, 'cache.sqlite'));
      assert.equal(run.code, 0, run.stderr);
      runs.push(out);
    }
    const [a, b] = runs.map(read);
    assert.deepEqual(a?.model.labels, ['positive', 'negative']);
    assert.notEqual(a?.model.fingerprint, b?.model.fingerprint);
    const india = (r: AuditResults | undefined) => r?.axes[0]?.labels[0]?.groups[0]?.metrics.mean?.value;
    // India's mean over its three sets, each P(positive) renormalised over the two labels.
    const mean3 = (p: number) => (p + p + p) / 3;
    assert.equal(india(a), mean3(1 / (1 + Math.exp(-2.5 - -0.1))));
    assert.equal(india(b), mean3(1 / (1 + Math.exp(-1.2 - -0.4))));
    const header = readFileSync(path.join(runs[0] as string, 'sentences.csv'), 'utf8').split('\n')[0];
    assert.match(header as string, /,p:positive,p:negative,x:outside_mass$/);

    const compare = await cli('compare', runs[0] as string, runs[1] as string, '--out', path.join(dir, 'compare'));
    assert.ok(compare.code === 0 || compare.code === 1, compare.stderr);
    assert.ok(existsSync(path.join(dir, 'compare', 'compare.json')));
  });

  it('a spec with the protocol’s keys validates; a wrong one points at its line', async () => {
    assert.equal((await cli('validate', 'audits/llm-sentiment.yaml')).code, 0);
    const dir = tempDir();
    const file = path.join(dir, 'bad.yaml');
    const keys = '    prompt: "Classify."\n    scoring: sample\n    samples: 3';
    writeFileSync(file, spec('http://127.0.0.1:1/v1', keys, '  - { metric: gap, max: 0.2 }'));
    const bad = await cli('validate', file);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.yaml:9:13: "prompt": has no \{text\} slot/);
    assert.match(bad.stderr, /bad\.yaml:11:14: "samples": 3 samples at temperature 0/);
  });
});
