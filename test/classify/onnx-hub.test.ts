// @full: a hub mirror, and `counterfair models fetch` and runs in processes of their own (about 15 s)
/**
 * Hub models without the hub: a server on 127.0.0.1 serves shipped models in the Hugging Face
 * file layout (`/{id}/resolve/{revision}/{file}`), and transformers.js is pointed at it through
 * HF_ENDPOINT, as a user points it at a mirror. Revision `v1` of test-org/planted is
 * models/planted-bias; `main` is models/sst2-bow, so a test can tell which revision was read.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configureHub, hubSettings, hubSettingsFromEnv, loadOnnxClassifier, modelFingerprint } from '../../src/classify/index.ts';
import type { AuditResults } from '../../src/index.ts';
import { sigmoid, tempDir } from '../helpers.ts';

const REVISIONS: Record<string, string> = { main: path.resolve('models', 'sst2-bow'), v1: path.resolve('models', 'planted-bias') };

/** A hub of one model, test-org/planted, logging each request's method and path. */
async function startHub(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const m = /^\/test-org\/planted\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    const folder = m ? REVISIONS[decodeURIComponent(m[1] ?? '')] : undefined;
    const file = folder && m?.[2] ? path.join(folder, ...m[2].split('/')) : undefined;
    if (!file || m?.[2]?.includes('..') || !existsSync(file)) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}`, requests };
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const hub = await startHub();
const cacheDir = tempDir();
// This process's hub settings, set once before any model loads, as a user's environment sets them.
process.env['HF_ENDPOINT'] = hub.url;
process.env['COUNTERFAIR_MODEL_CACHE'] = cacheDir;
after(() => stop(hub.server));

describe('hub settings', () => {
  it('come from HF_ENDPOINT, HF_HUB_OFFLINE and COUNTERFAIR_MODEL_CACHE, with the hub and no cache override by default', () => {
    assert.deepEqual(hubSettingsFromEnv({}), { remoteHost: 'https://huggingface.co/', cacheDir: undefined, offline: false });
    assert.deepEqual(hubSettingsFromEnv({ HF_ENDPOINT: 'https://hf-mirror.example', HF_HUB_OFFLINE: '1', COUNTERFAIR_MODEL_CACHE: 'models-cache' }), {
      remoteHost: 'https://hf-mirror.example/',
      cacheDir: path.resolve('models-cache'),
      offline: true,
    });
    assert.equal(hubSettingsFromEnv({ HF_HUB_OFFLINE: 'true' }).offline, true);
    assert.equal(hubSettingsFromEnv({ HF_HUB_OFFLINE: '0' }).offline, false);
  });
});

describe('a model loaded by id from a local hub', () => {
  it('downloads the revision asked for into the cache and scores with it', async () => {
    const source = { kind: 'hub' as const, id: 'test-org/planted', revision: 'v1' };
    const c = await loadOnnxClassifier(source, { device: 'cpu', dtype: 'fp32', workers: 1 });
    try {
      const [india, iraq] = await c.classify([{ text: 'I am from India.' }, { text: 'I am from Iraq.' }]);
      assert.ok(Math.abs((india?.[1] ?? 0) - sigmoid(2)) < 1e-6, String(india));
      assert.ok(Math.abs((iraq?.[1] ?? 0) - sigmoid(-2)) < 1e-6, String(iraq));
      assert.equal(c.fingerprint, modelFingerprint(source, 'fp32'));
    } finally {
      await c.dispose();
    }
    for (const file of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) {
      assert.ok(hub.requests.includes(`GET /test-org/planted/resolve/v1/${file}`), `${file} requested: ${hub.requests.join(', ')}`);
      assert.ok(existsSync(path.join(cacheDir, 'test-org', 'planted', 'v1', file)), `${file} cached`);
    }
    // transformers.js 4 asks whether a tokenizer_config.json exists on main before it loads the
    // tokenizer of any revision (get_tokenizer_files passes no revision); every file comes from v1.
    const other = hub.requests.filter((r) => !r.includes('/resolve/v1/'));
    assert.deepEqual(other, ['GET /test-org/planted/resolve/main/tokenizer_config.json']);
  });

  it('reads main from its own place, and a cached model without asking the hub again', async () => {
    const local = await loadOnnxClassifier({ kind: 'local', folder: REVISIONS['main'] as string, shown: 'sst2-bow' }, { device: 'cpu', dtype: 'fp32', workers: 1 });
    const expected = await local.classify([{ text: 'a great and moving film' }]);
    await local.dispose();
    const c = await loadOnnxClassifier({ kind: 'hub', id: 'test-org/planted' }, { device: 'cpu', dtype: 'fp32', workers: 1 });
    assert.deepEqual(await c.classify([{ text: 'a great and moving film' }]), expected);
    await c.dispose();
    assert.ok(existsSync(path.join(cacheDir, 'test-org', 'planted', 'onnx', 'model.onnx')));

    const before = hub.requests.length;
    const again = await loadOnnxClassifier({ kind: 'hub', id: 'test-org/planted', revision: 'v1' }, { device: 'cpu', dtype: 'fp32', workers: 1 });
    await again.dispose();
    assert.deepEqual(hub.requests.slice(before), []);
  });

  it('keeps the settings it started with: they are set once per process', () => {
    assert.equal(hubSettings().remoteHost, `${hub.url}/`);
    assert.throws(() => configureHub({ remoteHost: 'https://elsewhere.example/', offline: false }), /set once per process/);
  });
});

/** `counterfair` from the sources in its own process (its own hub settings), with `env` added. */
function counterfair(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'classify', 'cli-process.ts'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('counterfair models fetch, then a run without the hub', () => {
  let ci: { server: Server; url: string; requests: string[] };
  const cache = tempDir();
  const dir = tempDir();
  const spec = (id: string, revision: string) => {
    const file = path.join(dir, `${revision}.yaml`);
    writeFileSync(file, `name: Hub model offline\nmodel:\n  id: ${id}\n  revision: ${revision}\n  label: POSITIVE\nbootstrap: { resamples: 200 }\ntemplates: ["I am from {country}."]\naxes:\n  country: { lexicon: countries, groups: [India, Iraq] }\ngates:\n  - { metric: gap, axis: country, max: 0.1 }\n`);
    return file;
  };
  before(async () => {
    ci = await startHub();
  });

  it('fills the cache from the mirror, says what it fetched, and then finds it cached', async () => {
    const env = { HF_ENDPOINT: ci.url, COUNTERFAIR_MODEL_CACHE: cache };
    const r = await counterfair(['models', 'fetch', 'test-org/planted', '--revision', 'v1'], env);
    assert.equal(r.code, 0, r.stderr);
    const folder = path.join(cache, 'test-org', 'planted', 'v1');
    assert.match(r.stdout, new RegExp(`^fetched test-org/planted \\(revision v1\\) in ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: config\\.json, onnx/model\\.onnx, tokenizer\\.json, tokenizer_config\\.json \\(\\d+\\.\\d MB\\)\\n$`));
    assert.ok(ci.requests.includes('GET /test-org/planted/resolve/v1/onnx/model.onnx'));
    const again = await counterfair(['models', 'fetch', 'test-org/planted', '--revision', 'v1'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^already cached: test-org\/planted \(revision v1\) in /);
  });

  it('runs the audit from the cache once the hub is gone', async () => {
    await stop(ci.server);
    const out = path.join(dir, 'out');
    const r = await counterfair(['run', spec('test-org/planted', 'v1'), '--out', out, '--no-cache', '--quiet'], { HF_ENDPOINT: ci.url, COUNTERFAIR_MODEL_CACHE: cache, HF_HUB_OFFLINE: '1' });
    assert.equal(r.code, 1, r.stderr); // India 0.88 against Iraq 0.12: the gap gate fails, as planted
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as AuditResults;
    assert.equal(results.model.source, 'test-org/planted');
    assert.equal(results.model.fingerprint, modelFingerprint({ kind: 'hub', id: 'test-org/planted', revision: 'v1' }, 'fp32'));
    const gap = results.axes[0]?.labels[0]?.metrics['gap']?.value;
    assert.ok(gap !== undefined && Math.abs(gap - (sigmoid(2) - sigmoid(-2))) < 1e-6, String(gap));
  });

  it('says which command fills the cache when a model is not there and downloads are off', async () => {
    const file = spec('test-org/planted', 'v2');
    const r = await counterfair(['run', file, '--no-cache'], { HF_ENDPOINT: ci.url, COUNTERFAIR_MODEL_CACHE: cache, HF_HUB_OFFLINE: '1' });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr.trim(),
      `${file}:3:7: model test-org/planted (revision v2) is not in the model cache (${cache}) and downloads are off (HF_HUB_OFFLINE); run \`counterfair models fetch test-org/planted --revision v2\` where the hub can be reached`,
    );
  });

  it('fails with exit 2 and the reason when the mirror cannot be reached, or the dtype is unknown', async () => {
    const r = await counterfair(['models', 'fetch', 'test-org/other'], { HF_ENDPOINT: ci.url, COUNTERFAIR_MODEL_CACHE: tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^cannot fetch model test-org/other from ${ci.url}/: .+\\n$`));
    const d = await counterfair(['models', 'fetch', 'test-org/planted', '--dtype', 'int3'], { COUNTERFAIR_MODEL_CACHE: tempDir() });
    assert.equal(d.code, 2);
    assert.equal(d.stderr, '--dtype int3: must be one of fp32, fp16, q8, q4\n');
  });
});
