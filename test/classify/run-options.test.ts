import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AuditResults } from '../../src/index.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';

const read = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as AuditResults;

describe('counterfair run: workers, threads and cache flags', () => {
  it('gives the same results.json whatever the workers, threads and cache state', async () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache.sqlite');
    const runs = [
      ['--workers', '1', '--threads', '1', '--no-cache'],
      ['--workers', '2', '--threads', '1', '--cache', cache],
      ['--workers', '2', '--cache', cache], // every prediction from the cache now
    ];
    const out: AuditResults[] = [];
    for (const [i, flags] of runs.entries()) {
      const r = await cli('run', fixture('planted.yaml'), '--out', path.join(dir, String(i)), ...flags);
      assert.equal(r.code, 1, r.stderr);
      out.push({ ...read(path.join(dir, String(i))), created_at: '' });
    }
    assert.deepEqual(out[1], out[0]);
    assert.deepEqual(out[2], out[0]);
    assert.equal(out[0]?.model.backend, 'onnxruntime');
    assert.equal(out[0]?.model.device, 'cpu');
    assert.equal(out[0]?.model.device_requested, 'cpu');
  });

  it('rejects a worker count that is not a positive integer', async () => {
    const r = await cli('run', fixture('planted.yaml'), '--workers', '0');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workers <n>' argument '0' is invalid. must be an integer from 1 to 256/);
  });
});

describe('model.server in the spec', () => {
  const parse = (model: string) => parseSpec(`name: t\nmodel: ${model}\ntemplates: ["{c}"]\naxes: { c: { lexicon: countries } }\n`, 'x.yaml');

  it('fills the defaults of a server', () => {
    const { spec } = parse('{ server: { url: "http://localhost:8000", name: m }, label: POSITIVE, labels: [NEGATIVE, POSITIVE] }');
    assert.deepEqual(spec.model.server, { url: 'http://localhost:8000', protocol: 'kserve', name: 'm', input: 'text', pair_input: 'text_pair', scores: 'probabilities', concurrency: 4, timeout_ms: 60000, retries: 4 });
  });

  it('asks a KServe server for its model name, and an http(s) URL', () => {
    assert.throws(() => parse('{ server: { url: "http://localhost:8000" }, label: POSITIVE }'), { message: 'x.yaml:2:18: "server": a KServe server needs "name", the model name on the server' });
    assert.throws(() => parse('{ server: { url: "ftp://host", protocol: tei }, label: POSITIVE }'), { message: 'x.yaml:2:25: "url": must be an http:// or https:// URL' });
  });
});
