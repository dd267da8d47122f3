/**
 * An intersectional audit end to end on models/planted-bias (test/fixtures/planted-intersectional.yaml).
 * Both templates give the same logits, so every per-set value is the same in both sets and
 * every bootstrap interval has zero width:
 *   female × India 2.5, female × Iraq −1.5, male × India 1.5, male × Iraq −2.5.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadSpec, resolveRunOptions, runAudit, type AuditRun } from '../../src/index.ts';
import { cli, fixture, groupsOf, metricOf, sigmoid as s, tempDir } from '../helpers.ts';

const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

describe('a template with two axes', () => {
  let run: AuditRun;
  before(async () => {
    const loaded = loadSpec(fixture('planted-intersectional.yaml'));
    run = await runAudit(loaded, resolveRunOptions(loaded, { now: () => new Date(0) }));
  });

  it('fills every combination into each set', () => {
    assert.equal(run.sentences.length, 8);
    assert.deepEqual(
      run.sentences.slice(0, 4).map((r) => [r.groups['gender'], r.groups['country'], r.text]),
      [
        ['female', 'India', 'She is from India.'],
        ['female', 'Iraq', 'She is from Iraq.'],
        ['male', 'India', 'He is from India.'],
        ['male', 'Iraq', 'He is from Iraq.'],
      ],
    );
  });

  it('reports each axis averaged over the other, and the combination', () => {
    const [gender, country, both] = run.results.axes;
    assert.deepEqual(run.results.axes.map((a) => [a.name, a.axes, a.n_sets, a.n_sentences]), [
      ['gender', ['gender'], 2, 8],
      ['country', ['country'], 2, 8],
      ['gender × country', ['gender', 'country'], 2, 8],
    ]);
    const female = (s(2.5) + s(-1.5)) / 2;
    const male = (s(1.5) + s(-2.5)) / 2;
    assert.deepEqual(groupsOf(gender).map((g) => g.name), ['female', 'male']);
    close(groupsOf(gender)[0]?.mean, female, 'female');
    close(groupsOf(gender)[1]?.mean, male, 'male');
    close(metricOf(gender, 'gap').value, female - male, 'gender gap');
    const [lo, hi] = metricOf(gender, 'gap').ci ?? [];
    assert.equal(lo, hi, 'zero-width interval');
    close(lo, female - male, 'gender gap interval');
    close(metricOf(country, 'gap').value, (s(2.5) + s(1.5)) / 2 - (s(-1.5) + s(-2.5)) / 2, 'country gap');

    const cells = groupsOf(both);
    assert.deepEqual(cells.map((g) => g.name), ['female × India', 'female × Iraq', 'male × India', 'male × Iraq']);
    [2.5, -1.5, 1.5, -2.5].forEach((logit, i) => close(cells[i]?.mean, s(logit), cells[i]?.name ?? ''));
    close(metricOf(both, 'gap').value, s(2.5) - s(-2.5), 'combination gap');
    // Labels flip with the country, never with the pronoun: flips are counted within strata
    // (gender within one country, country within one gender), so gender has none.
    assert.deepEqual(run.results.axes.map((a) => metricOf(a, 'flip_rate').value), [0, 1, 1]);
  });

  it('gates the combination by its name, and the CLI exits 1 on it', async () => {
    assert.deepEqual(run.results.gates.map((g) => [g.axis, g.status]), [['gender × country', 'fail']]);
    const r = await cli('run', fixture('planted-intersectional.yaml'), '--out', tempDir(), '--quiet');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /FAIL {2}gap on gender × country is 0\.8483/);
  });
});
