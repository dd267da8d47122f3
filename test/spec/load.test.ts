import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CounterfairError } from '../../src/shared/errors.ts';
import { METRIC_NAMES } from '../../src/metrics/index.ts';
import { parseSpec } from '../../src/spec/index.ts';

const VALID = `name: t
model:
  path: ../models/planted-bias
  label: POSITIVE
templates:
  - "I am from {country}."
axes:
  country: { lexicon: countries }
gates:
  - { metric: gap, axis: country, max: 0.1 }
`;

/** The lines a spec's CounterfairError prints. */
function problems(text: string): string[] {
  try {
    parseSpec(text, 'audits/x.yaml');
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    return err.message.split('\n');
  }
  assert.fail('expected the spec to be rejected');
}

describe('parseSpec', () => {
  it('applies defaults', () => {
    const { spec } = parseSpec(VALID, 'audits/x.yaml');
    assert.equal(spec.seed, 1);
    assert.deepEqual(spec.bootstrap, { resamples: 2000, confidence: 0.95 });
    assert.equal(spec.model.device, 'cpu');
    assert.equal(spec.model.dtype, 'fp32');
    assert.equal(spec.model.batch_size, 32);
  });

  it('names a misspelled key with its line, column and a suggestion', () => {
    assert.deepEqual(problems(VALID.replace('templates:', 'temlates:')), [
      'audits/x.yaml:5:1: unknown key "temlates" (did you mean "templates"?); expected one of "name", "description", "seed", "language", "model", "templates", "fillers", "max_sets", "max_sentences", "corpus", "perturb", "axes", "bootstrap", "gates", "breakdown"',
    ]);
  });

  it('points at a nested misspelled key', () => {
    assert.deepEqual(problems(VALID.replace('  label:', '  lable:')), [
      'audits/x.yaml:4:3: unknown key "lable" (did you mean "label" or "labels"?); expected one of "id", "path", "revision", "label", "device", "dtype", "batch_size", "module", "server", "labels", "token_budget", "workers", "threads"',
    ]);
  });

  it('reports a wrong type at the value', () => {
    assert.deepEqual(problems(VALID.replace('max: 0.1', 'max: lots')), ['audits/x.yaml:10:40: "max" must be a number, not the string "lots"']);
  });

  it('reports an unknown enum value with a suggestion', () => {
    const names = METRIC_NAMES.map((m) => `"${m}"`).join(', ');
    assert.deepEqual(problems(VALID.replace('metric: gap', 'metric: gapp')), [`audits/x.yaml:10:15: "metric" must be one of ${names}, not "gapp" (did you mean "gap"?)`]);
  });

  it('reports every problem at once', () => {
    const lines = problems(VALID.replace('metric: gap', 'metric: gapp').replace('max: 0.1', 'max: lots'));
    assert.equal(lines.length, 2);
  });

  it('rejects a gate on an undeclared axis', () => {
    assert.deepEqual(problems(VALID.replace('axis: country', 'axis: contry')), ['audits/x.yaml:10:26: gate names axis "contry", which is not declared under "axes" (did you mean "country"?)']);
  });

  it('rejects both and neither of model id and path', () => {
    assert.deepEqual(problems(VALID.replace('  path: ../models/planted-bias\n', '')), ['audits/x.yaml:3:3: "model": give exactly one of "id" (a Hugging Face model), "path" (a local folder), "module" (a JavaScript module) or "server" (an inference server)']);
  });

  it('reports YAML syntax errors with their position', () => {
    const lines = problems('name: [unclosed\nmodel: {}\n');
    assert.equal(lines.length >= 1, true);
    assert.match(lines[0] as string, /^audits\/x\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('rejects duplicate keys', () => {
    assert.match(problems(`${VALID}name: again\n`)[0] as string, /^audits\/x\.yaml:11:1: invalid YAML: Map keys must be unique/);
  });

  it('still reports a missing key that no unknown key explains', () => {
    assert.deepEqual(problems(VALID.replace('  label: POSITIVE\n', '')), ['audits/x.yaml:3:3: missing key "label"']);
  });

  it('rejects a document that is not a mapping', () => {
    assert.deepEqual(problems('- a\n- b\n'), ['audits/x.yaml:1:1: an audit must be a YAML mapping (name:, model:, templates:, axes:)']);
  });
});
