/**
 * The permutation test of "no disparity" against brute-force enumeration: every relabelling of
 * the groups within every set (and stratum) written out by hand, the statistic recomputed from
 * scratch, p counted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAxes, computeAxis, createRng, permutationTest, signFlipTest, type AxisResult } from '../../src/metrics/index.ts';
import { makeSets, pos } from './sets.ts';

const LABELS = { labels: ['NEG', 'POS'], audited: 'POS' };
const options = { resamples: 500, confidence: 0.95, seed: 4 };
const permutationP = (r: AxisResult | undefined, metric: string) => r?.labels[0]?.metrics[metric]?.tests?.find((t) => t.name === 'permutation');

/** Every permutation of 0 … n − 1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

/** Every way of choosing one permutation per block: the cartesian product. */
function product<T>(choices: T[], blocks: number): T[][] {
  return Array.from({ length: blocks }).reduce<T[][]>((acc) => acc.flatMap((prefix) => choices.map((c) => [...prefix, c])), [[]]);
}

const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const means = (rows: number[][]) => rows[0]!.map((_, g) => rows.reduce((s, r) => s + r[g]!, 0) / rows.length);

/** p = share of relabellings whose statistic is at least the observed one (within 1e-12). */
function bruteForceP(rows: number[][], statistic: (relabelled: number[][]) => number): number {
  const G = rows[0]!.length;
  const observed = statistic(rows);
  const all = product(permutations(G), rows.length);
  const atLeast = all.filter((perms) => statistic(rows.map((row, i) => perms[i]!.map((from) => row[from]!))) >= observed - 1e-12).length;
  return atLeast / all.length;
}

describe('the permutation test of no disparity', () => {
  // Three sets of three groups: P(POS) per group, the predicted label POS above 0.5.
  const rows = [
    [0.9, 0.2, 0.6],
    [0.7, 0.45, 0.55],
    [0.8, 0.6, 0.3],
  ];
  const { sets, scores } = makeSets(LABELS.labels, rows.map((row) => ({ axes: ['g'], sentences: row.map((p, g) => pos('g', ['a', 'b', 'c'][g]!, p)) })));
  const r = computeAxis({ name: 'g', lexicon: 'test', groups: ['a', 'b', 'c'] }, sets, scores, LABELS, options);

  it('matches brute-force enumeration of the 6^3 relabellings for gap and the positive-rate difference and ratio', () => {
    const gap = permutationP(r, 'gap');
    assert.match(gap?.method ?? '', /exact over all 216 relabellings/);
    assert.equal(gap?.p, bruteForceP(rows, (x) => range(means(x))));
    const rates = rows.map((row) => row.map((p) => (p > 0.5 ? 1 : 0)));
    assert.equal(permutationP(r, 'positive_rate_difference')?.p, bruteForceP(rates, (x) => range(means(x))));
    const ratio = (x: number[][]) => 1 - Math.min(...means(x)) / Math.max(...means(x));
    assert.equal(permutationP(r, 'positive_rate_ratio')?.p, bruteForceP(rates, ratio));
    assert.ok((gap?.p ?? 0) > 0 && (gap?.p ?? 1) < 1, `a p strictly inside (0, 1): ${gap?.p}`);
  });

  it('reports the metric value as its statistic, and gives p for every label', () => {
    assert.equal(permutationP(r, 'gap')?.statistic, r.labels[0]?.metrics.gap?.value);
    const neg = r.labels[1]?.metrics.gap?.tests?.[0];
    assert.equal(neg?.p, permutationP(r, 'gap')?.p, 'a binary model’s NEG gap is its POS gap: same relabellings, same p');
  });

  it('is the sign-flip test on |mean| for two groups', () => {
    const two = [
      [0.9, 0.6],
      [0.7, 0.75],
      [0.8, 0.5],
      [0.6, 0.35],
      [0.55, 0.4],
    ];
    const built = makeSets(LABELS.labels, two.map((row) => ({ axes: ['g'], sentences: row.map((p, g) => pos('g', ['a', 'b'][g]!, p)) })));
    const r2 = computeAxis({ name: 'g', lexicon: 'test', groups: ['a', 'b'] }, built.sets, built.scores, LABELS, options);
    const d = two.map(([a, b]) => b! - a!);
    const signFlip = signFlipTest(d, { rng: createRng(1), resamples: 10, scale: 1 });
    assert.equal(permutationP(r2, 'mean_difference')?.p, signFlip.p);
    assert.equal(permutationP(r2, 'mean_difference')?.p, bruteForceP(two, (x) => Math.abs(means(x)[1]! - means(x)[0]!)));
  });

  it('relabels within strata: gender within one country, in a gender × country audit', () => {
    // Two sets of gender × country; the gender strata are the countries (4 blocks, 2^4 relabellings).
    const cell = (gender: string, country: string, p: number) => ({ groups: { gender, country }, probs: [1 - p, p] });
    const values = [
      [0.9, 0.5, 0.7, 0.1], // f×A, f×B, m×A, m×B
      [0.8, 0.45, 0.6, 0.2],
    ];
    const built = makeSets(LABELS.labels, values.map(([fa, fb, ma, mb]) => ({ axes: ['gender', 'country'], sentences: [cell('f', 'A', fa!), cell('f', 'B', fb!), cell('m', 'A', ma!), cell('m', 'B', mb!)] })));
    const generated = { axes: [{ name: 'gender', lexicon: 'gender', groups: ['f', 'm'] }, { name: 'country', lexicon: 'c', groups: ['A', 'B'] }], sets: built.sets };
    const [gender] = computeAxes(generated, built.scores, LABELS, options);
    // Blocks (set, country): [f, m] pairs; the gender gap is |mean f − mean m| over the four pairs.
    const blocks = values.flatMap(([fa, fb, ma, mb]) => [[fa!, ma!], [fb!, mb!]]);
    const genderGap = (x: number[][]) => Math.abs(x.reduce((s, [f, m]) => s + f! - m!, 0)) / 2;
    assert.match(permutationP(gender, 'gap')?.method ?? '', /exact over all 16 relabellings/);
    assert.equal(permutationP(gender, 'gap')?.p, bruteForceP(blocks, genderGap));
  });

  it('estimates the exact p by Monte Carlo beyond the exact range, and never gives 0', () => {
    const stat = (perms: readonly Int32Array[]) => [range(means(rows.map((row, i) => Array.from(perms[i]!, (from) => row[from]!))))];
    const exact = permutationTest(3, 3, stat, { rng: createRng(1), resamples: 9999 });
    const mc = permutationTest(3, 3, stat, { rng: createRng(1), resamples: 9999, exactMax: 0 });
    assert.equal(exact.exact, true);
    assert.equal(mc.exact, false);
    const p = exact.p[0]!;
    assert.ok(Math.abs(mc.p[0]! - p) < 4 * Math.sqrt((p * (1 - p)) / 9999) + 1e-3, `${mc.p[0]} vs ${p}`);
    const extreme = permutationTest(2, 2, () => [0], { rng: createRng(1), resamples: 99, exactMax: 0 });
    assert.equal(extreme.p[0], 1, 'a statistic every relabelling reaches');
    const never = permutationTest(20, 3, (perms) => [perms.every((q) => q[0] === 0) ? 1 : 0], { rng: createRng(2), resamples: 99 });
    assert.equal(never.p[0], 1 / 100, 'the observed labelling is counted: (0 + 1)/(99 + 1)');
  });

  it('is not offered for per-set statistics, which a relabelling within a set cannot change', () => {
    for (const name of ['ctf_gap', 'psa_range', 'psa_dev']) assert.equal(r.labels[0]?.metrics[name]?.tests, undefined, name);
    for (const name of ['flip_rate', 'pairwise_flip_rate', 'total_variation']) assert.equal(r.metrics[name]?.tests, undefined, name);
  });

  it('tests the labelled metrics on the labelled sets', () => {
    const gold = ['POS', 'POS', 'NEG', 'NEG'];
    const pairs = [
      [0.8, 0.3],
      [0.7, 0.6],
      [0.6, 0.2],
      [0.4, 0.3],
    ];
    const built = makeSets(LABELS.labels, pairs.map((row, i) => ({ axes: ['g'], label: gold[i], sentences: row.map((p, g) => pos('g', ['a', 'b'][g]!, p)) })));
    const r3 = computeAxis({ name: 'g', lexicon: 'test', groups: ['a', 'b'] }, built.sets, built.scores, LABELS, options);
    const selected = pairs.map((row) => row.map((p) => (p > 0.5 ? 1 : 0)));
    assert.equal(permutationP(r3, 'demographic_parity_difference')?.p, bruteForceP(selected, (x) => range(means(x))));
    const eo = (x: number[][]) => Math.max(range(means(x.slice(0, 2))), range(means(x.slice(2))));
    assert.equal(permutationP(r3, 'equalized_odds_difference')?.p, bruteForceP(selected, eo));
  });
});
