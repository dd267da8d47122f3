import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AuditResults } from '../../src/index.ts';
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
