// @full — runs bin/counterfair.js, which runs the built CLI (npm run build).
/** The bin ends the process itself once the verdict is out, whatever the audited code left running. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../helpers.ts';

const TIMER_MODULE = [
  "export const labels = ['NEGATIVE', 'POSITIVE'];",
  'setInterval(() => {}, 60_000);',
  'export function classify(t) { return t.map(() => ({ NEGATIVE: 0.5, POSITIVE: 0.5 })); }',
  '',
].join('\n');

describe('bin/counterfair.js', () => {
  it('exits with the verdict though a module keeps a timer alive, after flushing stdout', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'm.mjs'), TIMER_MODULE);
    const spec = path.join(dir, 'audit.yaml');
    const axes = 'axes: { country: { lexicon: countries, groups: [India, Iraq] } }';
    writeFileSync(spec, `name: Timer\nmodel: { module: ./m.mjs, label: POSITIVE }\ntemplates: ["I am from {country}."]\n${axes}\n`);
    const args = [path.join('bin', 'counterfair.js'), 'run', spec, '--out', path.join(dir, 'out'), '--quiet', '--no-cache'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(stdout, /PASSED: Timer\n$/);
  });
});
