/** Same spec, model and seed → byte-identical results.json, apart from the created_at timestamp. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, fixture, tempDir } from '../helpers.ts';

async function resultsText(spec: string, ...flags: string[]): Promise<string> {
  const out = tempDir();
  const r = await cli('run', fixture(spec), '--out', out, '--quiet', ...flags);
  assert.notEqual(r.code, 2, r.stderr);
  return readFileSync(path.join(out, 'results.json'), 'utf8');
}

const CREATED_AT = /"created_at": "[^"]+"/g;

describe('determinism', () => {
  it('writes the same results.json bytes twice, apart from created_at, and other bytes for another seed', async () => {
    const first = await resultsText('noisy-gates.yaml');
    const second = await resultsText('noisy-gates.yaml');
    assert.equal(first.match(CREATED_AT)?.length, 1, 'one timestamp field');
    assert.ok(first.includes('"p_holm"') && first.includes('"delta"'), 'tests and deltas are part of what is compared');
    assert.equal(second.replace(CREATED_AT, ''), first.replace(CREATED_AT, ''));
    const other = await resultsText('noisy-gates.yaml', '--seed', '2');
    assert.notEqual(other.replace(CREATED_AT, '').replace('"seed": 2', '"seed": 1'), first.replace(CREATED_AT, ''), 'the seed drives the bootstrap');
  });
});
