/**
 * Ties: differences within a relative 1e-12 count as equal in the paired tests, so a binary
 * model's POSITIVE and NEGATIVE tests agree exactly and the order group means were summed in
 * cannot move W.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAxis, createRng, pairedTTest, signFlipTest, wilcoxonSignedRank } from '../../src/metrics/index.ts';
import { makeSets, pos } from './sets.ts';

const LABELS = { labels: ['NEGATIVE', 'POSITIVE'], audited: 'POSITIVE' };

describe('ties in the paired tests', () => {
  // Pairs (ref, other) whose differences are equal on paper, −0.2 or 0.1, but not in floats:
  // 0.1 − 0.3 and 0.5 − 0.7 differ in their last bit, and so do 1 − … of the NEGATIVE label.
  const pairs = [
    [0.3, 0.1],
    [0.7, 0.5],
    [0.9, 0.7],
    [0.4, 0.5],
    [0.6, 0.7],
    [0.35, 0.45],
    [0.8, 0.3],
    [0.25, 0.15],
  ];
  const { sets, scores } = makeSets(LABELS.labels, pairs.map((row) => ({ axes: ['g'], sentences: row.map((p, g) => pos('g', ['ref', 'other'][g]!, p)) })));
  const r = computeAxis({ name: 'g', lexicon: 'test', groups: ['ref', 'other'] }, sets, scores, LABELS, { resamples: 200, confidence: 0.95, seed: 1 });
  const test = (label: number, name: string) => r.labels[label]?.groups[1]?.metrics.delta?.tests?.find((t) => t.name === name);

  it('gives the POSITIVE and NEGATIVE tests of a binary model the same W and p', () => {
    const raw = pairs.map(([a, b]) => b! - a!);
    const mirrored = pairs.map(([a, b]) => 1 - b! - (1 - a!));
    assert.notDeepEqual(mirrored, raw.map((d) => -d), 'the NEGATIVE differences are not the POSITIVE ones negated, bit for bit');
    const [w, wNeg] = [test(0, 'wilcoxon'), test(1, 'wilcoxon')];
    assert.match(w?.method ?? '', /tie correction/, 'the differences equal on paper are tied');
    assert.equal(w?.statistic, wNeg?.statistic);
    assert.equal(w?.p, wNeg?.p);
    assert.equal(w?.method, wNeg?.method);
    assert.equal(test(0, 'sign_flip')?.p, test(1, 'sign_flip')?.p);
    // The t-test has no ties to decide: its p agrees to rounding.
    assert.ok(Math.abs((test(0, 'paired_t')?.p ?? 0) - (test(1, 'paired_t')?.p ?? 1)) < 1e-12);
    // W by hand: d = −.2 ×3, +.1 ×3, −.1, −.5; |d| ranks: the four .1s 2.5 each, the .2s 6, .5 8;
    // W+ (the three +.1) = 7.5, W− = 2.5 + 18 + 8 = 28.5: T = 7.5.
    assert.equal(w?.statistic, 7.5);
  });

  it('gives the same W and p whatever order the group means were summed in', () => {
    // Three sentences per group and set, summed forwards and backwards: means a rounding step apart.
    const rng = createRng(5);
    const sentences = Array.from({ length: 12 }, () => [rng.next(), rng.next(), rng.next()].map((x) => Math.round(x * 1000) / 1000));
    const other = sentences.map((s, i) => s.map((x) => x + [0.1, -0.05, 0.2, 0.1][i % 4]! / 3));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const forwards = sentences.map((s, i) => sum(other[i]!) / 3 - sum(s) / 3);
    const backwards = sentences.map((s, i) => sum([...other[i]!].reverse()) / 3 - sum([...s].reverse()) / 3);
    assert.notDeepEqual(forwards, backwards, 'the orders differ in some last bit');
    const [a, b] = [wilcoxonSignedRank(forwards, { scale: 1 }), wilcoxonSignedRank(backwards, { scale: 1 })];
    assert.deepEqual(a, b);
    assert.match(a.method, /tie correction/);
    const [f, g] = [signFlipTest(forwards, { rng: createRng(1), resamples: 99, scale: 1 }), signFlipTest(backwards, { rng: createRng(1), resamples: 99, scale: 1 })];
    assert.equal(f.p, g.p);
    assert.ok((f.p ?? 1) < 0.05, `a real shift: ${f.p}`);
  });

  it('counts differences of rounding dust as zero, and a constant difference as constant', () => {
    const dust = [0.1 + 0.2 - 0.3, 0, -(0.1 + 0.2 - 0.3)];
    assert.equal(wilcoxonSignedRank(dust, { scale: 1 }).reason, 'every difference is zero');
    assert.equal(pairedTTest(dust, { scale: 1 }).reason, 'every difference is zero: t is 0/0');
    const constant = [0.5 - 0.3, 0.7 - 0.5, 0.9 - 0.7];
    assert.deepEqual(pairedTTest(constant, { scale: 1 }), { statistic: Infinity, p: 0, method: 'paired t-test, Student t with 2 df' });
  });
});
