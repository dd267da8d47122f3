/** The outputs of a fixed run, byte for byte: any change to them is a change someone meant. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { GOLDEN_DIR, goldenOutputs } from './outputs.ts';

describe('golden outputs', () => {
  it('results.json, summary.md and a chart spec are what test/golden/files holds (npm run golden:update after a meant change)', async () => {
    const outputs = await goldenOutputs();
    assert.deepEqual(Object.keys(outputs).sort(), ['country-means.vl.json', 'results.json', 'summary.md']);
    for (const [name, content] of Object.entries(outputs)) {
      assert.equal(content, readFileSync(path.join(GOLDEN_DIR, name), 'utf8'), `${name} differs from its golden file`);
    }
  });
});
