// @own-process: hub settings are read once per process, and this file sets the model cache
/**
 * The model's labels are read before any inference (config.json, a module's export, a server's
 * metadata), so `validate` and `run` refuse a label the model lacks, with "did you mean", before
 * an inference worker starts.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOnnxClassifier, type LoadedClassifier } from '../../src/classify/index.ts';
import { CounterfairError, loadSpec, prepareAudit } from '../../src/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';
import { startInferenceServer, type InferenceServer } from './inference-server.ts';
import { problem } from './problems.ts';

const planted = path.resolve('models', 'planted-bias');
// The model cache of this test process (read once, on first use): hub models are found there.
const modelCache = tempDir();
process.env['COUNTERFAIR_MODEL_CACHE'] = modelCache;

/** An audit of the planted model (or `model`), with its `model:` lines and gates replaced. */
function audit(model: string, gates = ''): string {
  const dir = tempDir();
  const spec = path.join(dir, 'audit.yaml');
  writeFileSync(
    spec,
    [
      'name: Labels',
      'model:',
      model,
      'templates: ["I am from {country}.", "We flew to {country}."]',
      'axes: { country: { lexicon: countries, groups: [India, Iraq] } }',
      gates,
      '',
    ].join('\n'),
  );
  return spec;
}
const localModel = (label: string) => `  path: ${planted}\n  label: ${label}`;

/** The [id, file:line:col] of each problem `prepareAudit` rejects with. */
async function problemsOf(spec: string): Promise<[string | undefined, string][]> {
  try {
    await prepareAudit(loadSpec(spec));
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    return err.problems.map((p) => [p.id, `${path.basename(p.location?.file ?? '')}:${p.location?.line}:${p.location?.col}`]);
  }
  return [];
}

describe('labels before inference', () => {
  it('validate: an audited label a local model lacks, located, with "did you mean"', async () => {
    const spec = audit(localModel('POSITIV'));
    assert.deepEqual(await problemsOf(spec), [['classify.unknown-label', 'audit.yaml:4:10']]);
    const r = await cli('validate', spec);
    assert.equal(r.code, 2);
    const message = 'the model has no label "POSITIV" (did you mean "POSITIVE"?); its labels are NEGATIVE, POSITIVE';
    assert.equal(r.stderr, `${spec}:4:10: ${message}\n`);
  });

  it('validate: a gate naming a label the model lacks', async () => {
    const spec = audit(localModel('POSITIVE'), 'gates: [{ metric: gap, axis: country, label: NEGATIV, max: 0.5 }]');
    assert.deepEqual(await problemsOf(spec), [['classify.unknown-label', 'audit.yaml:7:46']]);
  });

  it('run: fails before any inference worker starts', async () => {
    const spec = audit(localModel('POSITIV'));
    const r = await cli('run', spec, '--out', path.join(path.dirname(spec), 'out'), '--no-cache');
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /inference:/, 'no worker was started');
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1);
  });

  it('reads a module’s exported labels', async () => {
    const spec = audit(`  module: ${path.resolve('test', 'fixtures', 'modules', 'rules.js')}\n  label: positive`);
    assert.deepEqual(await problemsOf(spec), [['classify.unknown-label', 'audit.yaml:4:10']]);
  });

  it('reads a hub model’s labels from the model cache once it is downloaded', async () => {
    cpSync(planted, path.join(modelCache, 'test-org', 'planted'), { recursive: true });
    const spec = audit('  id: test-org/planted\n  label: POSITIV');
    assert.deepEqual(await problemsOf(spec), [['classify.unknown-label', 'audit.yaml:4:10']]);
  });

  it('says plainly that a hub model’s labels are checked once it loads', async () => {
    const spec = audit('  id: some-org/not-downloaded\n  label: POSITIV');
    const r = await cli('validate', spec);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^note: the labels of some-org\/not-downloaded are checked after it loads/);
  });

  it('names a tokenizer.json or config.json that is not what it should be', async () => {
    const folder = path.join(tempDir(), 'model');
    cpSync(planted, folder, { recursive: true });
    writeFileSync(path.join(folder, 'tokenizer.json'), 'garbage\u0000\u0001{');
    const spec = audit(`  path: ${folder}\n  label: POSITIVE`);
    assert.deepEqual(await problemsOf(spec), [['classify.model-file-invalid', 'audit.yaml:3:9']]);
    const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match((await cli('validate', spec)).stderr, new RegExp(`${escaped}/tokenizer\\.json: is not valid JSON`));
    writeFileSync(path.join(folder, 'tokenizer.json'), '[1, 2, 3]');
    assert.match((await cli('validate', spec)).stderr, /tokenizer\.json: is not a JSON object/);
    cpSync(path.join(planted, 'tokenizer.json'), path.join(folder, 'tokenizer.json'));
    const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(folder, 'config.json'), JSON.stringify({ ...config, id2label: { 0: 'POSITIVE', 1: 'POSITIVE' } }));
    assert.match((await cli('validate', spec)).stderr, /config\.json: its "id2label" names label "POSITIVE" twice/);
  });
});

describe('labels from a server, before inference', () => {
  let local: LoadedClassifier;
  let server: InferenceServer;
  before(async () => {
    const options = { device: 'cpu', dtype: 'fp32', workers: 1 } as const;
    local = await loadOnnxClassifier({ kind: 'local', folder: planted, shown: 'planted-bias' }, options);
    server = await startInferenceServer({ classifier: local, modelName: 'planted' });
  });
  after(async () => {
    await server.close();
    await local.dispose();
  });

  it('TEI: from /info', async () => {
    const spec = audit(`  server: { url: "${server.url}", protocol: tei }\n  label: POSITIV`);
    assert.deepEqual(await problemsOf(spec), [['classify.unknown-label', 'audit.yaml:4:10']]);
    assert.equal(server.requests, 0, 'no inference request');
  });

  it('KServe: model.labels, checked against the output the model metadata declares', async () => {
    const spec = audit(`  server: { url: "${server.url}", name: planted }\n  labels: [NEGATIVE, NEUTRAL, POSITIVE]\n  label: POSITIVE`);
    assert.deepEqual(await problemsOf(spec), [['classify.labels-width', 'audit.yaml:3:11']]);
    const width = /declares output "probabilities" with 2 columns, but model.labels lists 3 labels/;
    await assert.rejects(prepareAudit(loadSpec(spec)), problem('classify.labels-width', width));
    const missing = audit(`  server: { url: "${server.url}", name: planted }\n  label: POSITIVE`);
    assert.deepEqual(await problemsOf(missing), [['classify.labels-missing', 'audit.yaml:3:11']]);
  });
});

describe('labels of a fixture', () => {
  it('the planted spec stays valid', async () => {
    assert.deepEqual(await problemsOf(fixture('planted.yaml')), []);
  });
});
