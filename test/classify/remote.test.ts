import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  loadKServeClassifier,
  loadOnnxClassifier,
  loadTeiClassifier,
  predictInputs,
  type KServeSpec,
  type LoadedClassifier,
  type TeiSpec,
  type TextInput,
} from '../../src/classify/index.ts';
import type { AuditResults } from '../../src/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';
import { startInferenceServer, type Failure, type InferenceServer, type Tampering } from './inference-server.ts';
import { messageOf, problem } from './problems.ts';

const INPUTS: TextInput[] = [
  'I am from India.',
  'I am from Iraq.',
  'The food was great and fine.',
  'She said the food was fine.',
  'He said the food was terrible.',
  'I met a stranger from Atlantis.',
  'The woman is a nurse.',
  'The man is a nurse.',
  'good good',
  'I saw her.',
].map((text) => ({ text }));
const PAIRS: TextInput[] = [
  { text: 'I am from India.', text_pair: 'The food was great.' },
  { text: 'I am from Iraq.', text_pair: 'She said so.' },
];

const fast = { baseDelayMs: 1 };
const client = { concurrency: 3, timeout_ms: 2000, retries: 4 };
const kserve = (url: string, extra: Partial<KServeSpec> = {}): KServeSpec => ({
  url,
  protocol: 'kserve',
  name: 'planted',
  input: 'text',
  pair_input: 'text_pair',
  scores: 'probabilities',
  ...client,
  ...extra,
});
const tei = (url: string, extra: Partial<TeiSpec> = {}): TeiSpec => ({ url, protocol: 'tei', ...client, ...extra });
const plantedFolder = { kind: 'local' as const, folder: path.resolve('models', 'planted-bias'), shown: 'planted-bias' };

describe('remote backends against an in-process server over models/planted-bias', () => {
  let local: LoadedClassifier;
  let expected: number[][];
  const servers: InferenceServer[] = [];
  const serve = async (fail?: (n: number) => Failure, tamper?: Tampering) => {
    const s = await startInferenceServer({ classifier: local, modelName: 'planted', fail, tamper });
    servers.push(s);
    return s;
  };

  before(async () => {
    local = await loadOnnxClassifier({ kind: 'local', folder: path.resolve('models', 'planted-bias'), shown: 'planted-bias' }, { device: 'cpu', dtype: 'fp32', workers: 1 });
    expected = await local.classify([...INPUTS, ...PAIRS]);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await local.dispose();
  });

  it('KServe v2: the remote probabilities equal the local ones, texts and pairs, in concurrent batches', async () => {
    const server = await serve();
    const remote = await loadKServeClassifier(kserve(server.url), ['NEGATIVE', 'POSITIVE'], fast);
    const p = await predictInputs(remote, [...INPUTS, ...PAIRS], { batchSize: 3 });
    assert.deepEqual(p.probs, expected);
    assert.deepEqual(server.batchSizes, [3, 3, 3, 3]);
    assert.equal(remote.backend, 'kserve');
    assert.match(remote.fingerprint ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  it('KServe v2: retries 503, 429, 500, a dropped connection and a request past its time limit, and still gives the local results', async () => {
    const script: Failure[] = [503, 'ok', 429, 'reset', 'ok', 500, 'hang'];
    const server = await serve((n) => script[n] ?? 'ok');
    const remote = await loadKServeClassifier(kserve(server.url, { timeout_ms: 1000, concurrency: 2 }), ['NEGATIVE', 'POSITIVE'], fast);
    const p = await predictInputs(remote, INPUTS, { batchSize: 2 });
    assert.deepEqual(p.probs, expected.slice(0, INPUTS.length));
    assert.equal(server.requests, 5 + 5, 'five batches, five failed tries');
  });

  it('TEI: the remote probabilities equal the local ones, sent as [text] and [text, pair] lists, within the server’s batch limit', async () => {
    const server = await serve((n) => (n === 1 ? 503 : 'ok'));
    const remote = await loadTeiClassifier(tei(server.url), fast);
    assert.deepEqual(remote.labels, ['NEGATIVE', 'POSITIVE']);
    const p = await predictInputs(remote, [...INPUTS, ...PAIRS], { batchSize: 32 });
    assert.deepEqual(p.probs, expected);
    assert.ok(Math.max(...server.batchSizes) <= 4, 'batch size capped by max_client_batch_size');
    assert.equal(remote.backend, 'tei');
  });

  it('gives up after the last retry with one line naming the request and the last failure', async () => {
    const server = await serve(() => 503);
    const remote = await loadKServeClassifier(kserve(server.url, { retries: 2 }), ['NEGATIVE', 'POSITIVE'], fast);
    await assert.rejects(remote.classify(INPUTS.slice(0, 1)), { message: `POST ${server.url}/v2/models/planted/infer failed 3 times; last: 503 Service Unavailable: injected 503` });
    assert.equal(server.requests, 3);
  });

  it('does not retry a request the server rejects, and quotes its error', async () => {
    const server = await serve(() => 400);
    const remote = await loadKServeClassifier(kserve(server.url), ['NEGATIVE', 'POSITIVE'], fast);
    await assert.rejects(remote.classify(INPUTS.slice(0, 1)), { message: `POST ${server.url}/v2/models/planted/infer answered 400 Bad Request: injected 400` });
    assert.equal(server.requests, 1);
  });

  it('says which model the server lacks, which labels are missing, and when nobody listens', async () => {
    const server = await serve();
    await assert.rejects(loadKServeClassifier(kserve(server.url, { name: 'nope' }), ['NEGATIVE', 'POSITIVE'], fast), (err: Error) => err.message.startsWith(`the server at ${server.url} has no model "nope"`));
    await assert.rejects(loadKServeClassifier(kserve(server.url), undefined, fast), /list them in model.labels/);
    await assert.rejects(loadKServeClassifier(kserve(server.url), ['A', 'B', 'C'], fast), problem('classify.labels-width'));
    const nobody = await freePort();
    await assert.rejects(loadTeiClassifier(tei(`http://127.0.0.1:${nobody}`, { retries: 1 }), fast), { message: `GET http://127.0.0.1:${nobody}/info failed 2 times; last: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:${nobody})` });
  });
});

describe('remote backends that misbehave fail cleanly', () => {
  let local: LoadedClassifier;
  const servers: InferenceServer[] = [];
  const serve = async (tamper: Tampering) => {
    const s = await startInferenceServer({ classifier: local, modelName: 'planted', tamper });
    servers.push(s);
    return s;
  };
  before(async () => {
    local = await loadOnnxClassifier(plantedFolder, { device: 'cpu', dtype: 'fp32', workers: 1 });
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await local.dispose();
  });

  it('KServe: probabilities of −0.84 and 1.84 are an error naming the backend, the input and the value', async () => {
    const server = await serve({ probs: (rows) => rows.map(() => [-0.84, 1.84]) });
    const remote = await loadKServeClassifier(kserve(server.url), ['NEGATIVE', 'POSITIVE'], fast);
    const named = /kserve.*"I am from India\.".*NEGATIVE is -0\.84, outside \[0, 1\]/;
    await assert.rejects(predictInputs(remote, INPUTS.slice(0, 1), { batchSize: 2 }), problem('classify.bad-probability', named));
  });

  it('TEI: a score of 3.5 is an error', async () => {
    const server = await serve({ probs: (rows) => rows.map(() => [3.5, 0]) });
    const remote = await loadTeiClassifier(tei(server.url), fast);
    const named = /NEGATIVE is 3\.5/;
    await assert.rejects(predictInputs(remote, INPUTS.slice(0, 2), { batchSize: 2 }), problem('classify.bad-probability', named));
  });

  for (const size of [0, -1, 0.5]) {
    it(`TEI: a max_client_batch_size of ${size} is a clean error, not an endless loop`, async () => {
      const server = await serve({ info: { max_client_batch_size: size } });
      const loading = loadTeiClassifier(tei(server.url), fast).then((c) => predictInputs(c, INPUTS, { batchSize: 4 }));
      await assert.rejects(loading, problem('classify.server-batch-size', new RegExp(`max_client_batch_size ${size}`)));
    });
  }

  it('TEI: a row naming the same label twice, and /info naming a label twice, are errors', async () => {
    const twice = await serve({ teiRow: (row) => [row[0], row[0]] });
    const remote = await loadTeiClassifier(tei(twice.url), fast);
    const twiceInRow = /names label "\w+" twice/;
    await assert.rejects(predictInputs(remote, INPUTS.slice(0, 1), { batchSize: 2 }), problem('classify.bad-output', twiceInRow));
    const info = await serve({ info: { model_type: { classifier: { id2label: { 0: 'POSITIVE', 1: 'POSITIVE' } } } } });
    await assert.rejects(loadTeiClassifier(tei(info.url), fast), problem('classify.labels-invalid', /names label "POSITIVE" twice/));
  });

  it('never prints a header value, even when the server quotes it back', async () => {
    const server = await serve({ echoHeaders: true });
    const secret = 'Bearer s3cret-t0ken-value';
    const spec = kserve(server.url, { headers: { Authorization: secret } });
    await assert.rejects(loadKServeClassifier(spec, ['NEGATIVE', 'POSITIVE'], fast), (err: unknown) => {
      assert.ok(!messageOf(err).includes('s3cret'), messageOf(err));
      assert.match(messageOf(err), /\*\*\*/);
      return true;
    });
  });

  it('refuses a ${VAR} whose value holds a line break before any request, without quoting it', async () => {
    const server = await serve({});
    process.env['COUNTERFAIR_TEST_TOKEN'] = 'abc\r\nX-Injected: 1';
    try {
      const spec = kserve(server.url, { headers: { Authorization: 'Bearer ${COUNTERFAIR_TEST_TOKEN}' } });
      await assert.rejects(loadKServeClassifier(spec, ['NEGATIVE', 'POSITIVE'], fast), (err: unknown) => {
        problem('classify.header-control-character')(err);
        assert.ok(!messageOf(err).includes('Injected'), messageOf(err));
        return true;
      });
      assert.equal(server.requests, 0);
    } finally {
      delete process.env['COUNTERFAIR_TEST_TOKEN'];
    }
  });

  it('counterfair run: impossible probabilities from a server exit 2 with one located line, and write nothing', async () => {
    const server = await serve({ probs: (rows) => rows.map(() => [-0.84, 1.84]) });
    const dir = tempDir();
    const spec = path.join(dir, 'remote.yaml');
    const model = `server: { url: "${server.url}", name: planted, retries: 0 }\n  labels: [NEGATIVE, POSITIVE]`;
    const text = readFileSync(fixture('planted.yaml'), 'utf8').replace(/path: \.\.\/\.\.\/models\/planted-bias/, model);
    writeFileSync(spec, text);
    const r = await cli('run', spec, '--out', path.join(dir, 'out'), '--quiet', '--no-cache');
    assert.equal(r.code, 2);
    const [where = '', message = ''] = r.stderr.split(': the ');
    assert.match(where, /:\d+:\d+$/);
    assert.ok(where.startsWith(spec), where);
    const backend = `kserve backend for ${server.url} \\(kserve planted\\)`;
    assert.match(message, new RegExp(`^${backend} gave an impossible result for ".*": NEGATIVE is -0\\.84, outside \\[0, 1\\]\\n$`));
    assert.equal(existsSync(path.join(dir, 'out')), false);
  });
});

/** A port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('counterfair run with model.server', () => {
  let server: InferenceServer;
  let local: LoadedClassifier;
  before(async () => {
    local = await loadOnnxClassifier({ kind: 'local', folder: path.resolve('models', 'planted-bias'), shown: 'planted-bias' }, { device: 'cpu', dtype: 'fp32', workers: 1 });
    server = await startInferenceServer({ classifier: local, modelName: 'planted', fail: (n) => (n % 3 === 1 ? 503 : 'ok') });
  });
  after(async () => {
    await server.close();
    await local.dispose();
  });

  it('reports the same numbers as the local model, though a third of the requests fail once', async () => {
    const spec = readFileSync(fixture('planted.yaml'), 'utf8');
    const dir = tempDir();
    const remoteSpec = path.join(dir, 'remote.yaml');
    writeFileSync(remoteSpec, spec.replace(/path: \.\.\/\.\.\/models\/planted-bias/, `server: { url: "${server.url}", protocol: kserve, name: planted, retries: 3 }\n  labels: [NEGATIVE, POSITIVE]`));
    const [a, b] = [path.join(dir, 'local'), path.join(dir, 'remote')];
    const localRun = await cli('run', fixture('planted.yaml'), '--out', a, '--quiet', '--no-cache');
    const remoteRun = await cli('run', remoteSpec, '--out', b, '--quiet', '--no-cache');
    assert.equal(remoteRun.code, localRun.code, remoteRun.stderr);
    const read = (d: string) => JSON.parse(readFileSync(path.join(d, 'results.json'), 'utf8')) as AuditResults;
    const [l, r] = [read(a), read(b)];
    assert.deepEqual(r.axes, l.axes);
    assert.deepEqual(r.gates.map((g) => g.message), l.gates.map((g) => g.message));
    assert.equal(r.model.backend, 'kserve');
    assert.equal(r.model.device, 'remote');
    assert.equal(r.model.source, `${server.url} (kserve planted)`);
    assert.ok(server.requests > 0);
  });
});
