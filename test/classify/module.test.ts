import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadModuleClassifier } from '../../src/classify/index.ts';
import { loadSpec, prepareAudit, type AuditResults } from '../../src/index.ts';
import { cli, tempDir } from '../helpers.ts';
import { problem } from './problems.ts';

const modules = path.resolve('test', 'fixtures', 'modules');
const source = (name: string) => ({ kind: 'module' as const, file: path.join(modules, name), shown: `modules/${name}` });
const spec = (labels?: string[]) => ({ labels, timeout_ms: 5000 });

describe('module backend', () => {
  it('turns { label: probability } records into rows in label order, texts and pairs', async () => {
    const c = await loadModuleClassifier(source('rules.js'), spec());
    assert.deepEqual(c.labels, ['NEGATIVE', 'POSITIVE']);
    assert.equal(c.backend, 'module');
    const rows = await c.classify([{ text: 'I am from India.' }, { text: 'I am from Iraq.' }, { text: 'Hello.' }]);
    assert.deepEqual(rows, [
      [1 - 0.9, 0.9],
      [1 - 0.2, 0.2],
      [1 - 0.6, 0.6],
    ]);
    const pairs = await c.classify([{ text: 'Hello.', text_pair: 'The food.' }, { text: 'Hello.', text_pair: 'The end.' }]);
    assert.deepEqual(pairs, [
      [1 - 0.65, 0.65],
      [1 - 0.6, 0.6],
    ]);
  });

  it('takes the labels from the spec when the module exports none, and says when neither gives them', async () => {
    const c = await loadModuleClassifier(source('no-labels.js'), spec(['A', 'B']));
    assert.deepEqual(await c.classify([{ text: 'x' }]), [[0.5, 0.5]]);
    await assert.rejects(loadModuleClassifier(source('no-labels.js'), spec()), problem('classify.labels-missing'));
  });

  it('names the result that is not a probability', async () => {
    const c = await loadModuleClassifier(source('bad-output.js'), spec());
    const named = /result 1 \(for "Iraq"\) gives POSITIVE "high"/;
    await assert.rejects(c.classify([{ text: 'a' }, { text: 'Iraq' }]), problem('classify.bad-output', named));
  });

  it('fingerprints the module file: editing it invalidates cached predictions', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'm.js');
    copyFileSync(path.join(modules, 'rules.js'), file);
    const before = (await loadModuleClassifier({ kind: 'module', file, shown: 'm.js' }, spec())).fingerprint;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited\n`);
    const after = (await loadModuleClassifier({ kind: 'module', file, shown: 'm.js' }, spec())).fingerprint;
    assert.match(before ?? '', /^sha256:/);
    assert.notEqual(before, after);
  });

  it('runs an audit end to end through the CLI', async () => {
    const dir = tempDir();
    const spec = path.join(dir, 'audit.yaml');
    copyFileSync(path.join(modules, 'rules.js'), path.join(dir, 'rules.js'));
    writeFileSync(
      spec,
      ['name: Rules', 'model: { module: ./rules.js, label: POSITIVE }', 'templates: ["I am from {country}.", "We flew to {country}."]', 'axes: { country: { lexicon: countries, groups: [India, Iraq, France] } }', 'gates: [{ metric: gap, axis: country, max: 0.5 }]', ''].join('\n'),
    );
    const r = await cli('run', spec, '--out', path.join(dir, 'out'), '--quiet', '--cache', path.join(dir, 'cache.sqlite'));
    assert.equal(r.code, 1, r.stderr);
    const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as AuditResults;
    assert.equal(results.model.backend, 'module');
    assert.equal(results.model.source, './rules.js');
    assert.match(r.stdout, /FAIL {2}gap on country is 0\.7, above max 0\.5/);
  });

  it('reports a missing module file at its line in the spec', async () => {
    const dir = tempDir();
    const spec = path.join(dir, 'audit.yaml');
    writeFileSync(spec, ['name: Rules', 'model:', '  module: ./nowhere.js', '  label: POSITIVE', 'templates: ["I am from {country}."]', 'axes: { country: { lexicon: countries } }', ''].join('\n'));
    const r = await cli('run', spec, '--out', path.join(dir, 'out'), '--no-cache');
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${spec}:3:11: module ./nowhere.js not found\n`);
  });
});

/** Writes a module and an audit over it into a fresh folder; returns the spec file. */
function moduleAudit(source: string, model = ''): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'm.mjs'), source);
  const spec = path.join(dir, 'audit.yaml');
  const lines = [
    'name: M',
    `model: { module: ./m.mjs, label: POSITIVE${model} }`,
    'templates: ["I am from {country}."]',
    'axes: { country: { lexicon: countries, groups: [India, Iraq] } }',
  ];
  writeFileSync(spec, `${lines.join('\n')}\n`);
  return spec;
}
const LABELS = "export const labels = ['NEGATIVE', 'POSITIVE'];\n";
const EVEN = { NEGATIVE: 0.5, POSITIVE: 0.5 };
const HALF = `export function classify(t) { return t.map(() => (${JSON.stringify(EVEN)})); }\n`;
const out = (spec: string) => path.join(path.dirname(spec), 'out');

describe('a module that misbehaves', () => {
  it('whose classify() never settles is a located error once model.timeout_ms passes', { timeout: 30_000 }, async () => {
    const spec = moduleAudit(`${LABELS}export function classify() { return new Promise(() => {}); }\n`, ', timeout_ms: 200');
    const r = await cli('run', spec, '--out', out(spec), '--quiet', '--no-cache');
    assert.equal(r.code, 2);
    const message = 'module ./m.mjs: classify() of 2 inputs did not settle within 200 ms (raise model.timeout_ms if it is only slow)';
    assert.equal(r.stderr, `${spec}:2:18: ${message}\n`);
  });

  it('whose import never settles (top-level await) is a located error too, in validate', { timeout: 30_000 }, async () => {
    const spec = moduleAudit(`await new Promise(() => {});\n${LABELS}${HALF}`, ', timeout_ms: 200');
    const r = await cli('validate', spec);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\S+:2:18: module \.\/m\.mjs: importing it did not settle within 200 ms/);
  });

  it('that returns a sparse array is told which result is missing', async () => {
    const sparse = `export function classify(t) { const out = new Array(t.length); out[0] = ${JSON.stringify(EVEN)}; return out; }\n`;
    const spec = moduleAudit(`${LABELS}${sparse}`);
    const r = await cli('run', spec, '--out', out(spec), '--quiet', '--no-cache');
    assert.equal(r.code, 2);
    const message = 'module ./m.mjs: classify() result 1 (for "I am from Iraq.") is missing (the array has a hole there)';
    assert.equal(r.stderr, `${spec}:2:18: ${message}\n`);
  });

  it('that names a label twice is refused before anything runs', async () => {
    const spec = moduleAudit("export const labels = ['NEGATIVE', 'POSITIVE', 'NEGATIVE'];\nexport function classify() {}\n");
    const twice = /module \.\/m\.mjs names label "NEGATIVE" twice/;
    await assert.rejects(prepareAudit(loadSpec(spec)), problem('classify.labels-invalid', twice));
  });

  it('that keeps a timer alive does not keep the CLI from exiting', { timeout: 60_000 }, async () => {
    const spec = moduleAudit(`${LABELS}setInterval(() => {}, 60_000);\n${HALF}`);
    const cliProcess = path.join('test', 'classify', 'cli-process.ts');
    const args = ['--import', 'tsx', cliProcess, 'run', spec, '--out', out(spec), '--quiet', '--no-cache'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(stdout, /PASSED: M\n$/, 'the verdict is flushed before the exit');
  });
});
