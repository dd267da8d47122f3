/**
 * Every metric on models/planted-bias, against values derived by hand (test/fixtures/
 * planted-metrics.yaml). The model computes P(POSITIVE) = σ(sum of token weights) in float32,
 * so values agree with the float64 derivations to about 1e-7; the test allows 1e-5.
 *
 * country (reference France), two sets, logits per group:
 *   "I am from X."  India 2, Iraq −2, Germany 1, France 0.5
 *   "X is fine."    India 3, Iraq −1, Germany 2, France 1.5   (fine +1)
 * gender (reference female, the lexicon's first group), two sets, both with logits
 *   female (her) 0.5, male (him) −0.5.
 *
 * Intervals over two sets: each bootstrap resample draws set 1 twice, set 2 twice, or each once
 * (probabilities 1/4, 1/4, 1/2), so of 2,000 resamples about 500 are each extreme; the 2.5% and
 * 97.5% quantiles fall inside those blocks. For a statistic that is a weighted mean of per-set
 * values (every one here, gap included, since India is the top and Iraq the bottom group in
 * every set) the interval is therefore [min, max] of its two per-set values.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadSpec, resolveRunOptions, runAudit, type AuditResults } from '../../src/index.ts';
import type { AxisResult, LabelResult, MetricValue, TestResult } from '../../src/metrics/index.ts';
import { fixture, sigmoid as s } from '../helpers.ts';

const TOL = 1e-5;
function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= TOL, `${what}: ${actual} vs ${expected}`);
}
function closeCi(m: MetricValue | undefined, lo: number, hi: number, what: string): void {
  assert.ok(m?.ci, `${what} has an interval`);
  close(m.ci[0], lo, `${what} ci low`);
  close(m.ci[1], hi, `${what} ci high`);
}
/** A metric as [value, ci lo, ci hi] checked at once. */
function expectMetric(m: MetricValue | undefined, value: number, lo: number, hi: number, what: string): void {
  assert.ok(m, `${what} exists`);
  close(m.value, value, what);
  closeCi(m, lo, hi, what);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const popSd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const pairs = (xs: number[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => Math.abs(a - b)));
/** Two-sided p of Student t with 1 df (the Cauchy distribution): 1 − (2/π) atan|t|. */
const cauchyP = (t: number) => 1 - (2 / Math.PI) * Math.atan(Math.abs(t));
/** 95% Wilson interval of k successes in 2 trials, by the formula (z = 1.959963984540054). */
function wilson2(k: number): [number, number] {
  const z = 1.959963984540054;
  const n = 2;
  const p = k / n;
  const c = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const h = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
const test = (m: MetricValue | undefined, name: string): TestResult => {
  const t = m?.tests?.find((x) => x.name === name);
  assert.ok(t, `test ${name}`);
  return t;
};

// Per-set probabilities of POSITIVE, groups in order India, Iraq, Germany, France.
const SET1 = [s(2), s(-2), s(1), s(0.5)];
const SET2 = [s(3), s(-1), s(2), s(1.5)];
const GROUPS = ['India', 'Iraq', 'Germany', 'France'];
const REF = 3; // France (not Germany: σ(−2) − σ(1) = σ(−1) − σ(2), which would make Iraq's delta constant)

describe('every metric on planted-bias, derived by hand', () => {
  let results: AuditResults;
  let country: AxisResult;
  let gender: AxisResult;
  before(async () => {
    const loaded = loadSpec(fixture('planted-metrics.yaml'));
    results = (await runAudit(loaded, resolveRunOptions(loaded))).results;
    country = results.axes.find((a) => a.name === 'country') as AxisResult;
    gender = results.axes.find((a) => a.name === 'gender') as AxisResult;
  });

  it('lays results out per axis and per label, the audited label first', () => {
    assert.deepEqual(results.axes.map((a) => [a.name, a.axes, a.reference, a.n_sets, a.n_sentences]), [
      ['country', ['country'], 'France', 2, 8],
      ['gender', ['gender'], 'female', 2, 4],
    ]);
    assert.deepEqual(country.labels.map((l) => l.label), ['POSITIVE', 'NEGATIVE']);
    assert.deepEqual(country.labels[0]?.groups.map((g) => [g.name, g.n, Object.keys(g.metrics)]), [
      ['India', 2, ['mean', 'positive_rate', 'delta']],
      ['Iraq', 2, ['mean', 'positive_rate', 'delta']],
      ['Germany', 2, ['mean', 'positive_rate', 'delta']],
      ['France', 2, ['mean', 'positive_rate']], // the reference has no delta
    ]);
    // mean_difference needs two groups; the labelled-corpus metrics need gold labels.
    assert.deepEqual(Object.keys(country.labels[0]?.metrics ?? {}), ['gap', 'positive_rate_difference', 'positive_rate_ratio', 'ctf_gap', 'psa_range', 'psa_dev']);
    assert.deepEqual(Object.keys(gender.labels[0]?.metrics ?? {}), ['gap', 'positive_rate_difference', 'positive_rate_ratio', 'ctf_gap', 'psa_range', 'psa_dev', 'mean_difference']);
    assert.deepEqual(Object.keys(country.metrics), ['flip_rate', 'pairwise_flip_rate', 'total_variation']);
  });

  it('country, POSITIVE: group means, positive rates and deltas vs France with their tests', () => {
    const pos = country.labels[0] as LabelResult;
    GROUPS.forEach((name, g) => {
      const m = pos.groups[g]?.metrics;
      const [a, b] = [SET1[g] as number, SET2[g] as number];
      expectMetric(m?.mean, (a + b) / 2, Math.min(a, b), Math.max(a, b), `${name} mean`);
      assert.equal(m?.mean?.n, 2);
      // Iraq's logits are negative in both sets: NEGATIVE twice; everyone else POSITIVE twice.
      const k = name === 'Iraq' ? 0 : 2;
      close(m?.positive_rate?.value, k / 2, `${name} positive rate`);
      closeCi(m?.positive_rate, ...wilson2(k), `${name} positive rate`);
    });
    const tP: number[] = [];
    for (const g of [0, 1, 2]) {
      const name = GROUPS[g] as string;
      const delta = pos.groups[g]?.metrics.delta;
      const d1 = (SET1[g] as number) - (SET1[REF] as number);
      const d2 = (SET2[g] as number) - (SET2[REF] as number);
      expectMetric(delta, (d1 + d2) / 2, Math.min(d1, d2), Math.max(d1, d2), `${name} delta`);
      // n = 2: t = d̄ / (s_d/√2) = (d1 + d2)/|d1 − d2|, 1 df.
      const t = (d1 + d2) / Math.abs(d1 - d2);
      close(test(delta, 'paired_t').statistic, t, `${name} t`);
      close(test(delta, 'paired_t').p, cauchyP(t), `${name} t p`);
      tP.push(cauchyP(t));
      // d1 and d2 share a sign and differ in size: exact Wilcoxon, T = 0, p = 2 · P(W+ = 0) = 2/4.
      close(test(delta, 'wilcoxon').statistic, 0, `${name} W`);
      close(test(delta, 'wilcoxon').p, 0.5, `${name} W p`);
      assert.match(test(delta, 'wilcoxon').method, /exact/);
      // Sign flips of (d1, d2): the observed mean is the most extreme of 4, so each tail ≥ 1/4 and p = 2/4.
      close(test(delta, 'sign_flip').statistic, (d1 + d2) / 2, `${name} sign-flip mean`);
      close(test(delta, 'sign_flip').p, 0.5, `${name} sign-flip p`);
      // Three Wilcoxon (sign-flip) p-values of 0.5: Holm min(1, 3 · 0.5) = 1; BH 3 · 0.5 / 3 = 0.5.
      for (const name2 of ['wilcoxon', 'sign_flip']) {
        close(test(delta, name2).p_holm, 1, `${name} ${name2} holm`);
        close(test(delta, name2).p_bh, 0.5, `${name} ${name2} bh`);
      }
    }
    // The t p-values of India, Iraq, Germany, adjusted by hand: sorted ascending as p(1) ≤ p(2) ≤ p(3),
    // Holm: 3p(1), max(that, 2p(2)), max(that, p(3)) (capped at 1); BH: p(3), min(p(3), 3p(2)/2), min(that, 3p(1)).
    const order = [0, 1, 2].sort((i, j) => (tP[i] as number) - (tP[j] as number));
    const [p1, p2, p3] = order.map((i) => tP[i] as number) as [number, number, number];
    const holm = [Math.min(1, 3 * p1)];
    holm.push(Math.max(holm[0] as number, Math.min(1, 2 * p2)));
    holm.push(Math.max(holm[1] as number, p3));
    const bh3 = p3;
    const bh2 = Math.min(bh3, (3 * p2) / 2);
    const bh = [Math.min(bh2, 3 * p1), bh2, bh3];
    [0, 1, 2].forEach((g, i) => {
      const rank = order.indexOf(i);
      close(test(pos.groups[g]?.metrics.delta, 'paired_t').p_holm, holm[rank] as number, `${GROUPS[g]} t holm`);
      close(test(pos.groups[g]?.metrics.delta, 'paired_t').p_bh, bh[rank] as number, `${GROUPS[g]} t bh`);
    });
    // All-pairs deltas: matrix[i][j] = mean_i − mean_j.
    assert.deepEqual(pos.deltas?.groups, GROUPS);
    GROUPS.forEach((_, i) => GROUPS.forEach((__, j) => close(pos.deltas?.matrix[i]?.[j], ((SET1[i] as number) + (SET2[i] as number) - (SET1[j] as number) - (SET2[j] as number)) / 2, `delta[${i}][${j}]`)));
  });

  it('country, POSITIVE: gap, positive-rate difference and ratio, CTF gap, PSA range and deviation', () => {
    const m = country.labels[0]?.metrics as Record<string, MetricValue>;
    const gap1 = s(2) - s(-2);
    const gap2 = s(3) - s(-1);
    expectMetric(m.gap, (gap1 + gap2) / 2, Math.min(gap1, gap2), Math.max(gap1, gap2), 'gap');
    // Positive rates 1, 0, 1, 1 in every resample.
    expectMetric(m.positive_rate_difference, 1, 1, 1, 'positive_rate_difference');
    expectMetric(m.positive_rate_ratio, 0, 0, 0, 'positive_rate_ratio');
    assert.match(m.positive_rate_ratio?.flag ?? '', /below 0\.8/);
    const ctf1 = mean(pairs(SET1));
    const ctf2 = mean(pairs(SET2));
    expectMetric(m.ctf_gap, (ctf1 + ctf2) / 2, Math.min(ctf1, ctf2), Math.max(ctf1, ctf2), 'ctf_gap');
    // PSA range per set is India − Iraq, the gap's per-set value.
    expectMetric(m.psa_range, (gap1 + gap2) / 2, Math.min(gap1, gap2), Math.max(gap1, gap2), 'psa_range');
    const dev1 = popSd(SET1);
    const dev2 = popSd(SET2);
    expectMetric(m.psa_dev, (dev1 + dev2) / 2, Math.min(dev1, dev2), Math.max(dev1, dev2), 'psa_dev');
    for (const name of Object.keys(m)) assert.ok((m[name]?.method.length ?? 0) > 20, `${name} documents its method`);
  });

  it('country, NEGATIVE: the complement, with the same spreads', () => {
    const neg = country.labels[1] as LabelResult;
    GROUPS.forEach((name, g) => {
      const [a, b] = [1 - (SET1[g] as number), 1 - (SET2[g] as number)];
      expectMetric(neg.groups[g]?.metrics.mean, (a + b) / 2, Math.min(a, b), Math.max(a, b), `${name} NEGATIVE mean`);
      close(neg.groups[g]?.metrics.positive_rate?.value, name === 'Iraq' ? 1 : 0, `${name} NEGATIVE rate`);
    });
    const pos = country.labels[0]?.metrics as Record<string, MetricValue>;
    for (const name of ['gap', 'ctf_gap', 'psa_range', 'psa_dev', 'positive_rate_difference', 'positive_rate_ratio']) {
      close(neg.metrics[name]?.value, pos[name]?.value as number, `NEGATIVE ${name}`);
    }
    close(neg.groups[0]?.metrics.delta?.value, -(country.labels[0]?.groups[0]?.metrics.delta?.value as number), 'India NEGATIVE delta');
  });

  it('country: flip rates and total variation', () => {
    // Iraq is NEGATIVE and the rest POSITIVE in both sets: both sets flip; 3 of 6 pairs disagree.
    close(country.metrics.flip_rate?.value, 1, 'flip_rate');
    closeCi(country.metrics.flip_rate, ...wilson2(2), 'flip_rate');
    expectMetric(country.metrics.pairwise_flip_rate, 0.5, 0.5, 0.5, 'pairwise_flip_rate');
    // Two labels: the total variation distance of (1 − p, p) and (1 − q, q) is |p − q|, so it is the CTF gap.
    const ctf1 = mean(pairs(SET1));
    const ctf2 = mean(pairs(SET2));
    expectMetric(country.metrics.total_variation, (ctf1 + ctf2) / 2, Math.min(ctf1, ctf2), Math.max(ctf1, ctf2), 'total_variation');
  });

  it('gender: a delta equal in every set has a zero-width interval, t = ±∞ and p = 0', () => {
    const pos = gender.labels[0] as LabelResult;
    const d = s(-0.5) - s(0.5); // male − female, the same in both sets
    expectMetric(pos.groups[0]?.metrics.mean, s(0.5), s(0.5), s(0.5), 'female mean');
    expectMetric(pos.groups[1]?.metrics.mean, s(-0.5), s(-0.5), s(-0.5), 'male mean');
    const delta = pos.groups[1]?.metrics.delta;
    expectMetric(delta, d, d, d, 'male delta');
    assert.equal(delta?.ci?.[0], delta?.ci?.[1]);
    assert.equal(test(delta, 'paired_t').statistic, null);
    assert.equal(test(delta, 'paired_t').p, 0);
    assert.match(test(delta, 'paired_t').reason ?? '', /infinite/);
    // |d| tied twice: normal approximation with tie correction. T = 0, mean n(n+1)/4 = 1.5,
    // variance 2·3·5/24 − 2·(4 − 1)/48 = 1.125, z = −1.5/√1.125 = −√2, p = 2(1 − Φ(√2)).
    close(test(delta, 'wilcoxon').p, 0.15729920705028488, 'wilcoxon p');
    assert.match(test(delta, 'wilcoxon').method, /normal approximation with tie correction/);
    // Sign flips: means d, 0, 0, −d; the observed d is matched by 1 of 4 on its side: p = 2/4.
    close(test(delta, 'sign_flip').p, 0.5, 'sign-flip p');
    // A family of one: adjusted p-values equal p.
    close(test(delta, 'wilcoxon').p_holm, 0.15729920705028488, 'holm of one');
    close(test(delta, 'wilcoxon').p_bh, 0.15729920705028488, 'bh of one');

    const m = pos.metrics;
    expectMetric(m.mean_difference, d, d, d, 'mean_difference');
    assert.equal(test(m.mean_difference, 'paired_t').p, 0);
    expectMetric(m.gap, -d, -d, -d, 'gender gap');
    expectMetric(m.ctf_gap, -d, -d, -d, 'gender ctf_gap');
    expectMetric(m.psa_range, -d, -d, -d, 'gender psa_range');
    // The population SD of two values is half their distance.
    expectMetric(m.psa_dev, -d / 2, -d / 2, -d / 2, 'gender psa_dev');
    expectMetric(m.positive_rate_difference, 1, 1, 1, 'gender rate difference');
    expectMetric(m.positive_rate_ratio, 0, 0, 0, 'gender rate ratio');
    close(gender.metrics.flip_rate?.value, 1, 'gender flip_rate');
    expectMetric(gender.metrics.pairwise_flip_rate, 1, 1, 1, 'gender pairwise');
    expectMetric(gender.metrics.total_variation, -d, -d, -d, 'gender total variation');
  });
});
