/**
 * results.json read back: the contract's schema, version 1 upgraded, fields a later version adds
 * kept (and written back byte for byte), and every problem located with its id.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CounterfairError } from '../../src/shared/errors.ts';
import { readResults, resultsJson, RESULTS_SCHEMA, upgradeResults } from '../../src/results/index.ts';

/** A complete results.json: the golden run's. */
const GOLDEN = readFileSync(path.join('test', 'golden', 'files', 'results.json'), 'utf8');

const dir = mkdtempSync(path.join(os.tmpdir(), 'counterfair-results-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function fileWith(text: string): string {
  const file = path.join(dir, `results-${(files += 1)}.json`);
  writeFileSync(file, text);
  return file;
}

/** The problems readResults throws for `text`, as [id, line, message]. */
function problemsOf(text: string): [string | undefined, number | undefined, string][] {
  try {
    readResults(fileWith(text));
  } catch (err) {
    if (!(err instanceof CounterfairError)) throw err;
    return err.problems.map((p) => [p.id, p.location?.line, p.message]);
  }
  assert.fail('read without a problem');
}

describe('readResults', () => {
  it('reads a results.json of this version, and writes it back byte for byte', () => {
    const { results } = readResults(fileWith(GOLDEN));
    assert.equal(results.schema, RESULTS_SCHEMA);
    assert.equal(resultsJson(results), GOLDEN);
  });

  it('keeps fields a later version adds, where they were, at any depth, and writes them back', () => {
    const later = JSON.parse(GOLDEN) as { axes: { metrics: Record<string, Record<string, unknown>> }[] } & Record<string, unknown>;
    Object.values(later.axes[0]!.metrics)[0]!['effect_size'] = 0.4;
    const withFuture = { ...later, future: { kind: 'new' } };
    const { results } = readResults(fileWith(JSON.stringify(withFuture)));
    assert.deepEqual(Object.keys(results), Object.keys(withFuture));
    const text = resultsJson(results);
    assert.ok(text.includes('"effect_size": 0.4') && text.includes('"future": {"kind": "new"}'), text.slice(0, 2000));
    assert.equal(resultsJson(readResults(fileWith(text)).results), text);
  });

  it('reads version 1, its verdict taken from its gates (never from its passed)', () => {
    const { verdict: _verdict, ...v2 } = JSON.parse(GOLDEN) as Record<string, unknown>;
    const v1 = { ...v2, schema: 'counterfair/results@1', passed: true };
    const { results } = readResults(fileWith(JSON.stringify(v1)));
    assert.deepEqual([results.schema, results.verdict, 'passed' in results], [RESULTS_SCHEMA, 'failed', false]);
    // A file of this version passes through the upgrade untouched.
    const current = JSON.parse(GOLDEN) as unknown;
    assert.equal(upgradeResults(current), current);
  });

  it('says where a field breaks the contract, each problem with its id', () => {
    const lines = GOLDEN.split('\n');
    const at = lines.findIndex((l) => l.includes('"n_sets": 3')) + 1;
    assert.deepEqual(problemsOf(GOLDEN.replace('"n_sets": 3', '"n_sets": "3"')), [
      ['results.bad-field', at, 'axes.0.n_sets: Invalid input: expected number, received string'],
    ]);
    assert.deepEqual(problemsOf(GOLDEN.replace('"schema": "counterfair/results@2"', '"schema": "counterfair/results@9"')), [
      ['results.bad-field', 2, 'schema: must be "counterfair/results@2" (this counterfair reads that version)'],
    ]);
    const disagrees = 'verdict "passed" disagrees with its gates, which give "failed": the file was edited or is corrupt';
    assert.deepEqual(problemsOf(GOLDEN.replace('"verdict": "failed"', '"verdict": "passed"')), [['results.verdict-disagrees', undefined, disagrees]]);
    const [[id, line, message]] = problemsOf('{"schema": ') as [[string, number, string]];
    assert.deepEqual([id, line], ['results.bad-json', 1]);
    assert.match(message, /^not valid JSON: /);
  });
});
