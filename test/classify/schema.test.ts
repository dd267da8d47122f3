/**
 * The model section of the spec: a union of the registry's rows, chosen by the key that names
 * the model (and `server.protocol`), with one located line per wrong combination.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BACKENDS, MODEL_ROWS, ModelSpecSchema, PROTOCOLS } from '../../src/classify/index.ts';
import { auditJsonSchema, parseSpec } from '../../src/spec/index.ts';
import { problemsOf } from './problems.ts';

const spec = (model: string) => `name: t\nmodel: ${model}\ntemplates: ["{c}"]\naxes: { c: { lexicon: countries } }\n`;
const parse = (model: string) => parseSpec(spec(model), 'x.yaml').spec.model;
/** [id, line, col] of each problem of a spec whose `model:` is `model` (on line 2, from column 8). */
const problems = (model: string) => problemsOf(() => parse(model));

describe('the model section', () => {
  it('keeps every model that counterfair 0.1 accepted valid, with the same meaning', () => {
    const local = { path: './m', label: 'POSITIVE', batch_size: 32, device: 'cpu', dtype: 'fp32' };
    assert.deepEqual(parse('{ path: ./m, label: POSITIVE }'), local);
    const hub = [
      '{ id: org/m, revision: v2, label: POSITIVE, device: auto, dtype: q8,',
      'batch_size: 8, token_budget: 64, workers: 2, threads: 1 }',
    ].join(' ');
    assert.deepEqual(parse(hub), {
      id: 'org/m',
      revision: 'v2',
      label: 'POSITIVE',
      batch_size: 8,
      device: 'auto',
      dtype: 'q8',
      token_budget: 64,
      workers: 2,
      threads: 1,
    });
    const module = { module: './m.js', label: 'B', batch_size: 32, labels: ['A', 'B'], timeout_ms: 300_000 };
    assert.deepEqual(parse('{ module: ./m.js, label: B, labels: [A, B] }'), module);
    assert.deepEqual(parse('{ server: { url: "http://localhost:8000", name: m }, label: POSITIVE, labels: [NEGATIVE, POSITIVE] }'), {
      server: {
        url: 'http://localhost:8000',
        protocol: 'kserve',
        name: 'm',
        input: 'text',
        pair_input: 'text_pair',
        scores: 'probabilities',
        concurrency: 4,
        timeout_ms: 60000,
        retries: 4,
      },
      label: 'POSITIVE',
      batch_size: 32,
      labels: ['NEGATIVE', 'POSITIVE'],
    });
    // Keys 0.1 accepted on any model stay accepted where a backend does not read them.
    for (const model of [
      '{ path: ./m, label: P, revision: main, labels: [N, P] }',
      '{ module: ./m.js, label: P, device: cuda, dtype: q8, revision: x, token_budget: 64, workers: 2, threads: 2 }',
      '{ server: { url: "http://h:1", protocol: tei, name: x, version: "1", input: t, pair_input: p, output: o, scores: logits }, ' +
        'label: P, device: auto }',
    ]) {
      assert.doesNotThrow(() => parse(model), model);
    }
    // Every model of the shipped audits and test fixtures.
    for (const dir of ['audits', path.join('test', 'fixtures')]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        if (/^model:/m.test(text)) assert.doesNotThrow(() => parseSpec(text, path.join(dir, file)), file);
      }
    }
  });

  it('says in one located line that a model needs a source, or only one', () => {
    assert.deepEqual(problems('{ label: POSITIVE }'), [['classify.model-source-missing', 2, 8]]);
    assert.deepEqual(problems('{ id: a/b, module: ./x.js, label: POSITIVE }'), [['classify.model-source-conflict', 2, 27]]);
    const both = '{ path: ./m, server: { url: "http://h:1", name: m }, label: P }';
    assert.deepEqual(problems(both), [['classify.model-source-conflict', 2, 29]]);
  });

  it('says where a key of another backend belongs', () => {
    assert.deepEqual(problems('{ path: ./m, timeout_ms: 5, label: POSITIVE }'), [['classify.model-key-misplaced', 2, 33]]);
    const misplaced = errorOf(() => parse('{ path: ./m, timeout_ms: 5, label: P }'));
    assert.match(misplaced, /"timeout_ms": applies to a JavaScript module \("module"\), not to a local model folder \("path"\)/);
  });

  it('checks a server by its protocol: a KServe server needs its model name, an unknown protocol is named', () => {
    assert.deepEqual(problems('{ server: { url: "http://localhost:8000" }, label: POSITIVE }'), [['classify.model-key-missing', 2, 18]]);
    const tie = '{ server: { url: "http://h:1", protocol: tie }, label: POSITIVE }';
    assert.deepEqual(problems(tie), [['classify.server-protocol-unknown', 2, 49]]);
    assert.deepEqual(problems('{ server: { url: "ftp://host", protocol: tei }, label: POSITIVE }'), [[undefined, 2, 25]]);
    // A misspelt key is one line (unknown, with its "did you mean"), not also "missing".
    const misspelt = errorOf(() => parse('{ server: { url: "http://h:1", nmae: m }, label: P }'));
    assert.match(misspelt, /^x\.yaml:2:39: unknown key "nmae" \(did you mean "name"\?\)[^\n]*$/);
  });

  it('rejects a label listed twice, and a header value with a line break without showing it', () => {
    assert.deepEqual(problems('{ module: ./m.js, label: A, labels: [A, B, A] }'), [['classify.duplicate-label', 2, 51]]);
    const header = '{ server: { url: "http://h:1", name: m, headers: { Authorization: "Bearer s3cret\\r\\nX-Evil: 1" } }, label: P }';
    assert.deepEqual(problems(header), [['classify.header-control-character', 2, 74]]);
    assert.ok(!errorOf(() => parse(header)).includes('s3cret'));
  });

  it('is built from the registry: one option per row, and one server option per protocol', () => {
    const schema = auditJsonSchema() as { properties: { model: { anyOf: { properties: Record<string, { anyOf?: unknown[] }> }[] } } };
    const options = schema.properties.model.anyOf;
    assert.deepEqual(
      options.map((o) => MODEL_ROWS.find((r) => r.key in o.properties)?.key),
      MODEL_ROWS.map((r) => r.key),
    );
    assert.equal(options.find((o) => 'server' in o.properties)?.properties['server']?.anyOf?.length, PROTOCOLS.length);
    assert.equal(ModelSpecSchema.options.length, MODEL_ROWS.length);
    assert.deepEqual(
      BACKENDS.map((b) => b.name),
      ['model.id', 'model.path', 'model.module', 'model.server', ...['kserve', 'tei', 'openai'].map((p) => `model.server.protocol: ${p}`)],
    );
  });
});

describe('the classify stage’s doors', () => {
  it('imports nothing from src/spec', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const at = path.join(dir, e.name);
        return e.isDirectory() ? files(at) : [at];
      });
    const offenders = files(path.join('src', 'classify')).filter((f) => /from '(\.\.\/)+spec\//.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return '';
}
