import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadModuleClassifier } from '../../src/classify/index.ts';
import type { AuditResults } from '../../src/index.ts';
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
    await assert.rejects(c.classify([{ text: 'a' }, { text: 'Iraq' }]), problem('classify.bad-output', /result 1 \(for "Iraq"\) gives POSITIVE "high"/));
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
