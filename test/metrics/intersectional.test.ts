/**
 * Intersectional counterfactual units, end to end with module classifiers written for the test
 * (test/fixtures/modules): in a gender × country audit, gender is compared within one country
 * and country within one gender, so a classifier blind to an axis gives exactly 0 on it, and a
 * planted effect is recovered within each stratum.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSpec, resolveRunOptions, runAudit, type AuditResults } from '../../src/index.ts';
import { METRICS, type AxisResult, type MetricRow, type MetricValue } from '../../src/metrics/index.ts';
import { fixture } from '../helpers.ts';

const SPEC = fixture('gender-country-module.yaml');

/** Runs the gender × country audit with one of the test's module classifiers. */
async function audit(module: string): Promise<AuditResults> {
  const text = readFileSync(SPEC, 'utf8').replace('./modules/country-only.js', `./modules/${module}`);
  const loaded = parseSpec(text, SPEC);
  return (await runAudit(loaded, resolveRunOptions(loaded, { now: () => new Date(0) }))).results;
}

const axis = (r: AuditResults, name: string) => r.axes.find((a) => a.name === name) as AxisResult;
const ROWS: readonly MetricRow[] = METRICS;

/** Every metric of an axis that measures disparity, with where it sits. */
function disparityValues(a: AxisResult): [string, MetricValue][] {
  const ideal = (name: string) => ROWS.find((m) => m.name === name)?.ideal;
  const pick = (where: string, metrics: Record<string, MetricValue>) => Object.entries(metrics).filter(([name]) => ideal(name) !== null && ideal(name) !== undefined).map(([name, m]): [string, MetricValue] => [`${where} ${name}`, m]);
  return [...pick('axis', a.metrics), ...a.labels.flatMap((l) => [...pick(l.label, l.metrics), ...l.groups.flatMap((g) => pick(`${l.label} ${g.name}`, g.metrics))])];
}

/** Asserts that every disparity metric of an axis is exactly at its no-disparity value, bootstrap interval included. */
function assertNoDisparity(a: AxisResult): void {
  const values = disparityValues(a);
  assert.ok(values.length >= 15, `${a.name} has its metrics (${values.length})`);
  for (const [where, m] of values) {
    const row = ROWS.find((r) => where.endsWith(` ${r.name}`));
    assert.equal(m.value, row?.ideal, `${a.name} ${where}`);
    // A Wilson interval of 0 successes still has width; a bootstrap interval of constant values has none.
    if (row?.interval === 'bootstrap') assert.deepEqual(m.ci, [row.ideal, row.ideal], `${a.name} ${where} interval`);
  }
}

describe('intersectional counterfactual units', () => {
  it('gives exactly 0 for every gender metric when the classifier depends only on the country', async () => {
    const r = await audit('country-only.js');
    const gender = axis(r, 'gender');
    assertNoDisparity(gender);
    // Before strata, flips were counted across countries: every set flipped (India 0.9 vs Iraq 0.2).
    assert.equal(gender.metrics.flip_rate?.value, 0);
    const delta = gender.labels[0]?.groups[1]?.metrics.delta;
    assert.deepEqual(delta?.tests?.map((t) => [t.name, t.p, t.reason]), [
      ['paired_t', null, 'every difference is zero: t is 0/0'],
      ['wilcoxon', null, 'every difference is zero'],
      ['sign_flip', 1, undefined],
    ]);
    assert.equal(gender.labels[0]?.metrics.gap?.tests?.[0]?.p, 1, 'no relabelling can give a smaller gap than 0');
    // The country axis sees the whole effect, within each gender.
    const country = axis(r, 'country');
    assert.equal(country.metrics.flip_rate?.value, 1);
    assert.ok(Math.abs((country.labels[0]?.metrics.gap?.value ?? 0) - 0.7) < 1e-12);
  });

  it('and exactly 0 for every country metric when it depends only on gender', async () => {
    const r = await audit('gender-only.js');
    assertNoDisparity(axis(r, 'country'));
    const gender = axis(r, 'gender');
    assert.equal(gender.metrics.flip_rate?.value, 1);
    assert.ok(Math.abs((gender.labels[0]?.metrics.gap?.value ?? 0) - 0.5) < 1e-12);
  });

  it('recovers a planted gender effect within each country', async () => {
    const r = await audit('gender-in-country.js');
    const gender = axis(r, 'gender');
    const pos = gender.labels[0]?.metrics ?? {};
    // +0.125 for female in every country: every within-country difference is 0.125.
    for (const name of ['gap', 'ctf_gap', 'psa_range']) assert.equal(pos[name]?.value, 0.125, name);
    assert.equal(pos.psa_dev?.value, 0.0625);
    assert.equal(pos.mean_difference?.value, -0.125); // male − female
    assert.deepEqual(pos.mean_difference?.ci, [-0.125, -0.125]);
    assert.equal(gender.metrics.total_variation?.value, 0.125);
    // Germany 0.4375 → 0.5625 crosses 0.5: one stratum of three flips in every set.
    assert.equal(gender.metrics.flip_rate?.value, 1 / 3);
    assert.equal(gender.metrics.pairwise_flip_rate?.value, 1 / 3);
    // Six sets whose every stratum moves the same way. The sign-flip test of the six per-set
    // differences reaches its floor, 2/2^6; the permutation test relabels each of the 18 strata
    // on its own, and none of 2,000 random relabellings of 2^18 reaches the observed gap: 1/2001.
    assert.equal(gender.labels[0]?.groups[1]?.metrics.delta?.tests?.find((t) => t.name === 'sign_flip')?.p, 2 / 64);
    assert.equal(pos.mean_difference?.tests?.find((t) => t.name === 'permutation')?.p, 1 / 2001);
    assert.equal(pos.gap?.tests?.[0]?.p, 1 / 2001);
    // The combination holds the six cells, the country effect and the gender effect added.
    const cells = axis(r, 'gender × country').labels[0]?.groups.map((g) => [g.name, g.metrics.mean?.value]);
    assert.deepEqual(cells, [
      ['female × India', 0.75],
      ['female × Iraq', 0.375],
      ['female × Germany', 0.5625],
      ['male × India', 0.625],
      ['male × Iraq', 0.25],
      ['male × Germany', 0.4375],
    ]);
  });
});
