/**
 * The statistics module against scipy and statsmodels: test/fixtures/stats-reference.json,
 * written by scripts/stats-reference.py. Every value must agree to 1e-6 (relative, or absolute
 * below 1e-12), and null (scipy's NaN) must be null.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  averageRanks,
  benjaminiHochbergAdjust,
  createRng,
  holmAdjust,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  pairedTTest,
  percentileBootstrap,
  regularizedBeta,
  regularizedGammaQ,
  signFlipTest,
  studentTSf,
  studentTTwoSided,
  variance,
  wilcoxonSignedRank,
  wilsonInterval,
  xoshiro128ss,
} from '../../src/metrics/index.ts';
import { fixture } from '../helpers.ts';

type Num = number | null | 'inf' | '-inf';
interface Outcome { statistic: Num; p: Num }
interface PairedCase {
  name: string;
  x: number[];
  y: number[];
  ttest_rel: Outcome;
  wilcoxon: Outcome & { scipy: string; method?: 'exact' | 'approx' };
  sign_flip: Outcome & { method: 'exact' | 'monte_carlo'; seed?: number; resamples?: number };
}
const ref = JSON.parse(readFileSync(fixture('stats-reference.json'), 'utf8')) as {
  rng: { xoshiro128ss_1_2_3_4: number[]; seed_1_next: number[]; seed_1_int_10: number[] };
  normal: { z: number; sf: number; cdf: number }[];
  normal_quantile: { p: number; ppf: number }[];
  student_t: { t: number; df: number; sf: number; two_sided: number }[];
  betainc: { a: number; b: number; x: number; value: number }[];
  gammaincc: { a: number; x: number; value: number }[];
  lgamma: { x: number; value: number }[];
  wilson: { successes: number; n: number; confidence: number; ci: [number, number] }[];
  variance: { x: number[]; ddof0: number; ddof1: number | null }[];
  ranks: { x: number[]; ranks: number[] }[];
  paired: PairedCase[];
  bootstrap: { name: string; rows: number[][]; seed: number; resamples: number; confidence: number; intervals: [number, number][] }[];
  adjust: { name: string; p: number[]; holm: number[]; bh: number[] }[];
};

function expected(v: Num): number | null {
  return v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
}

/** Agreement to 1e-6: relative, or absolute for values within 1e-12 of zero. */
function close(actual: number | null, want: Num, what: string): void {
  const e = expected(want);
  if (e === null || actual === null || !Number.isFinite(e)) {
    assert.equal(actual, e, what);
    return;
  }
  const err = Math.abs(actual - e);
  assert.ok(err <= 1e-12 || err <= 1e-6 * Math.abs(e), `${what}: ${actual} vs ${e} (error ${err})`);
}

const differences = (c: PairedCase): number[] => c.x.map((x, i) => x - (c.y[i] as number));

describe('statistics against scipy / statsmodels', () => {
  it('has reference cases in every fixture array, so that no loop below checks nothing', () => {
    const arrays: [string, unknown[]][] = [
      ['rng.xoshiro128ss_1_2_3_4', ref.rng.xoshiro128ss_1_2_3_4],
      ['rng.seed_1_next', ref.rng.seed_1_next],
      ['rng.seed_1_int_10', ref.rng.seed_1_int_10],
      ['normal', ref.normal],
      ['normal_quantile', ref.normal_quantile],
      ['student_t', ref.student_t],
      ['betainc', ref.betainc],
      ['gammaincc', ref.gammaincc],
      ['lgamma', ref.lgamma],
      ['wilson', ref.wilson],
      ['variance', ref.variance],
      ['ranks', ref.ranks],
      ['paired', ref.paired],
      ['bootstrap', ref.bootstrap],
      ['adjust', ref.adjust],
    ];
    for (const [name, values] of arrays) assert.ok(Array.isArray(values) && values.length > 0, `${name} is empty`);
    assert.ok(ref.paired.some((c) => c.sign_flip.method === 'monte_carlo') && ref.paired.some((c) => c.wilcoxon.method === 'exact'), 'both branches are covered');
  });

  it('xoshiro128** gives the reference outputs, and createRng replays the same stream', () => {
    const next = xoshiro128ss([1, 2, 3, 4]);
    assert.deepEqual(ref.rng.xoshiro128ss_1_2_3_4.map(() => next()), ref.rng.xoshiro128ss_1_2_3_4);
    const rng = createRng(1);
    assert.deepEqual(ref.rng.seed_1_next.map(() => rng.next()), ref.rng.seed_1_next);
    assert.deepEqual(ref.rng.seed_1_int_10.map(() => rng.int(10)), ref.rng.seed_1_int_10);
  });

  it('normal sf, cdf and quantile (scipy.stats.norm)', () => {
    for (const c of ref.normal) {
      close(normalSf(c.z), c.sf, `sf(${c.z})`);
      close(normalCdf(c.z), c.cdf, `cdf(${c.z})`);
    }
    for (const c of ref.normal_quantile) close(normalQuantile(c.p), c.ppf, `ppf(${c.p})`);
  });

  it('Student t tails (scipy.stats.t.sf)', () => {
    for (const c of ref.student_t) {
      close(studentTSf(c.t, c.df), c.sf, `sf(${c.t}, ${c.df})`);
      close(studentTTwoSided(c.t, c.df), c.two_sided, `two-sided(${c.t}, ${c.df})`);
    }
  });

  it('special functions (scipy.special betainc, gammaincc, gammaln)', () => {
    for (const c of ref.betainc) close(regularizedBeta(c.x, c.a, c.b), c.value, `I_${c.x}(${c.a}, ${c.b})`);
    for (const c of ref.gammaincc) close(regularizedGammaQ(c.a, c.x), c.value, `Q(${c.a}, ${c.x})`);
    for (const c of ref.lgamma) close(logGamma(c.x), c.value, `lgamma(${c.x})`);
  });

  it('Wilson interval (statsmodels proportion_confint, method="wilson")', () => {
    for (const c of ref.wilson) {
      const [lo, hi] = wilsonInterval(c.successes, c.n, c.confidence);
      close(lo, c.ci[0], `lo ${c.successes}/${c.n}`);
      close(hi, c.ci[1], `hi ${c.successes}/${c.n}`);
    }
  });

  it('variance (numpy.var) and average ranks (scipy.stats.rankdata)', () => {
    for (const c of ref.variance) {
      close(variance(c.x, 0), c.ddof0, `var0 ${c.x.length}`);
      if (c.ddof1 !== null) close(variance(c.x, 1), c.ddof1, `var1 ${c.x.length}`);
      else assert.throws(() => variance(c.x, 1), RangeError);
    }
    for (const c of ref.ranks) assert.deepEqual(Array.from(averageRanks(c.x).ranks), c.ranks);
  });

  for (const c of ref.paired) {
    describe(`paired data "${c.name}" (n=${c.x.length})`, () => {
      const d = differences(c);
      it('paired t-test (scipy.stats.ttest_rel)', () => {
        const r = pairedTTest(d);
        close(r.statistic, c.ttest_rel.statistic, 't');
        close(r.p, c.ttest_rel.p, 'p');
        assert.equal(r.p === null, r.reason !== undefined, 'a reason exactly when p is null');
      });
      it(`Wilcoxon signed-rank (scipy.stats.${c.wilcoxon.scipy})`, () => {
        const r = wilcoxonSignedRank(d);
        close(r.statistic, c.wilcoxon.statistic, 'T');
        close(r.p, c.wilcoxon.p, 'p');
        if (c.wilcoxon.method) assert.match(r.method, c.wilcoxon.method === 'exact' ? /exact distribution/ : /normal approximation/);
        else assert.equal(r.reason, 'every difference is zero');
      });
      it(`sign-flip permutation test (${c.sign_flip.method})`, () => {
        const r = signFlipTest(d, { rng: createRng(c.sign_flip.seed ?? 0), resamples: c.sign_flip.resamples ?? 999 });
        close(r.statistic, c.sign_flip.statistic, 'mean difference');
        // scipy refuses n = 1; its two sign patterns give each tail ≥ 1/2, so p = 1.
        close(r.p, c.sign_flip.p ?? 1, 'p');
        assert.match(r.method, c.sign_flip.method === 'exact' ? /exact/ : /Monte Carlo/);
      });
    });
  }

  it('percentile bootstrap over sets (numpy.percentile of the same resamples)', () => {
    for (const c of ref.bootstrap) {
      const statistics = (w: Float64Array): number[] => {
        const total = w.reduce((a, b) => a + b, 0);
        const means = (c.rows[0] as number[]).map((_, g) => c.rows.reduce((s, row, i) => s + (w[i] as number) * (row[g] as number), 0) / total);
        return [...means, Math.max(...means) - Math.min(...means)];
      };
      const got = percentileBootstrap(c.rows.length, statistics, { resamples: c.resamples, confidence: c.confidence, rng: createRng(c.seed) });
      got.forEach((interval, k) => {
        const ci = interval as [number, number];
        close(ci[0], (c.intervals[k] as [number, number])[0], `${c.name} lo ${k}`);
        close(ci[1], (c.intervals[k] as [number, number])[1], `${c.name} hi ${k}`);
      });
    }
  });

  it('Holm and Benjamini–Hochberg (statsmodels multipletests)', () => {
    for (const c of ref.adjust) {
      holmAdjust(c.p).forEach((v, i) => close(v, c.holm[i] as number, `${c.name} holm[${i}]`));
      benjaminiHochbergAdjust(c.p).forEach((v, i) => close(v, c.bh[i] as number, `${c.name} bh[${i}]`));
    }
  });
});
