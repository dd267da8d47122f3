import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, tempDir } from '../helpers.ts';

const GOOD = readFileSync(path.join('test', 'fixtures', 'planted.yaml'), 'utf8');

/** Writes a spec variant next to the fixtures' model path and runs it; returns the output folder too. */
async function runVariant(text: string) {
  const dir = tempDir();
  const spec = path.join('test', 'fixtures', `.variant-${path.basename(dir)}.yaml`);
  writeFileSync(spec, text);
  const out = path.join(dir, 'out');
  try {
    return { ...(await cli('run', spec, '--out', out)), spec, out };
  } finally {
    (await import('node:fs')).rmSync(spec, { force: true });
  }
}

describe('an audit that cannot run', () => {
  it('names a misspelled key on one line and exits 2 without writing anything', async () => {
    const r = await runVariant(GOOD.replace('templates:', 'temlates:'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `${r.spec}:8:1: unknown key "temlates" (did you mean "templates"?); expected one of "name", "description", "seed", "language", "model", "templates", "fillers", "max_sets", "max_sentences", "corpus", "perturb", "axes", "bootstrap", "gates", "breakdown"\n`);
    assert.equal(existsSync(r.out), false);
  });

  it('names a wrong type', async () => {
    const r = await runVariant(GOOD.replace('resamples: 500', 'resamples: many'));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${r.spec}:7:25: "resamples" must be a number, not the string "many"\n`);
    assert.equal(existsSync(r.out), false);
  });

  it('names a template slot with no axis', async () => {
    const r = await runVariant(GOOD.replace('"I saw {gender.object}."', '"I saw {gendr.object}."'));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${r.spec}:12:5: slot {gendr.object} names "gendr", which is not declared under "axes" or "fillers" (did you mean "gender"?)\n`);
    assert.equal(existsSync(r.out), false);
  });

  it('names a missing model folder', async () => {
    const r = await runVariant(GOOD.replace('../../models/planted-bias', '../../models/no-such-model'));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${r.spec}:5:9: model folder ../../models/no-such-model not found (run \`npm run build:models\` for the shipped models)\n`);
    assert.equal(existsSync(r.out), false);
  });

  it('names a model folder whose files transformers.js cannot load', async () => {
    const broken = path.join(tempDir(), 'broken-model');
    cpSync(path.join('models', 'planted-bias'), broken, { recursive: true });
    writeFileSync(path.join(broken, 'onnx', 'model.onnx'), 'not an onnx file');
    const r = await runVariant(GOOD.replace('../../models/planted-bias', broken));
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^${r.spec.replace(/[.]/g, '\\.')}:5:9: cannot load model ${broken.replace(/[.]/g, '\\.')}: .+\n$`));
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
    assert.equal(existsSync(r.out), false);
  });

  it('names a label the model does not have', async () => {
    const r = await runVariant(GOOD.replace('label: POSITIVE', 'label: positive'));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${r.spec}:6:10: the model has no label "positive"; its labels are NEGATIVE, POSITIVE\n`);
    assert.equal(existsSync(r.out), false);
  });

  it('names a spec file that does not exist', async () => {
    const r = await cli('run', 'audits/nope.yaml');
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'audits/nope.yaml: cannot read spec: ENOENT\n');
  });

  it('rejects an unknown option with exit code 2', async () => {
    const r = await cli('run', 'audits/demo.yaml', '--sed', '3');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--sed'/);
  });

  it('rejects a bad --seed', async () => {
    const r = await cli('run', 'audits/demo.yaml', '--seed', '-1');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--seed <n>' argument '-1' is invalid. must be an integer from 0 to 4294967295/);
  });
});
