import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, normalQuantile, quantileSorted, streamSeed, wilsonInterval } from '../../src/metrics/index.ts';

// Reference values from Python's statistics.NormalDist and the Wilson formula in plain floats.
describe('normalQuantile (AS 241)', () => {
  it('matches the standard normal quantiles', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.9599639845400536) < 1e-15);
    assert.ok(Math.abs(normalQuantile(0.5)) < 1e-16);
    assert.ok(Math.abs(normalQuantile(1e-10) + 6.361340902404056) < 1e-12);
    assert.throws(() => normalQuantile(1), RangeError);
  });
});

describe('wilsonInterval', () => {
  const close = (a: [number, number], b: [number, number]) => assert.ok(Math.abs(a[0] - b[0]) < 1e-12 && Math.abs(a[1] - b[1]) < 1e-12, `${a} vs ${b}`);
  it('matches the Wilson score interval', () => {
    close(wilsonInterval(2, 3, 0.95), [0.20765960080204782, 0.9385080552796038]);
    close(wilsonInterval(3, 10, 0.95), [0.10779126740630104, 0.6032218525388545]);
    close(wilsonInterval(2, 2, 0.95), [0.34238022750665315, 1]);
    close(wilsonInterval(0, 5, 0.95), [0, 0.43448246478317465]);
  });
});

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics like numpy.percentile', () => {
    assert.equal(quantileSorted([1, 2, 3, 4], 0.3), 1.9);
    assert.equal(quantileSorted([5], 0.975), 5);
    assert.equal(quantileSorted([1, 2, 3, 4, 5], 0.025), 1.1);
  });
});

describe('createRng (xoshiro128**)', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = createRng(1);
    const b = createRng(1);
    const c = createRng(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
    assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.next()));
    for (const x of xs) assert.ok(x >= 0 && x < 1);
  });

  it('draws integers uniformly enough', () => {
    const rng = createRng(7);
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 40000; i++) counts[rng.int(4)] += 1;
    for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, String(counts));
  });

  it('derives independent streams per name', () => {
    assert.notEqual(streamSeed(1, 'axis:country'), streamSeed(1, 'axis:gender'));
    assert.equal(streamSeed(1, 'axis:country'), streamSeed(1, 'axis:country'));
  });
});

describe('tests on edge cases the reference cannot show', () => {
  it('gives the Monte Carlo sign-flip p close to the exact one, and never 0', async () => {
    const { signFlipTest, SIGN_FLIP_EXACT_MAX_N } = await import('../../src/metrics/index.ts');
    // 20 differences take the exact path; the same 20 plus a zero (n = 21) the Monte Carlo one.
    // A zero scales the observed mean and every sign-flipped mean alike, so the exact p of the
    // 20 is what the Monte Carlo p estimates.
    const d = Array.from({ length: SIGN_FLIP_EXACT_MAX_N }, (_, i) => ((i * 7) % 11) / 10 - 0.3);
    const exact = signFlipTest(d, { rng: createRng(1), resamples: 9999 });
    const mc = signFlipTest([...d, 0], { rng: createRng(1), resamples: 9999 });
    assert.match(exact.method, /exact over 2\^20/);
    assert.match(mc.method, /Monte Carlo over 9999/);
    assert.ok(Math.abs((mc.p as number) - (exact.p as number)) < 0.02, `${mc.p} vs ${exact.p}`);
    const extreme = signFlipTest(Array.from({ length: 30 }, () => 1), { rng: createRng(1), resamples: 99 });
    assert.equal(extreme.p, 2 / 100); // (0 + 1)/(99 + 1) per tail, doubled
  });

  it('skips null p-values when adjusting, and counts only the others', async () => {
    const { holmAdjust, benjaminiHochbergAdjust } = await import('../../src/metrics/index.ts');
    assert.deepEqual(holmAdjust([0.01, null, 0.04]), [0.02, null, 0.04]);
    assert.deepEqual(benjaminiHochbergAdjust([null, 0.01, 0.04]), [null, 0.02, 0.04]);
    assert.throws(() => holmAdjust([1.5]), RangeError);
  });

  it('says why a test is undefined rather than returning NaN', async () => {
    const { pairedTTest, wilcoxonSignedRank } = await import('../../src/metrics/index.ts');
    assert.deepEqual(pairedTTest([0.2]), { statistic: null, p: null, reason: 'a t-test needs at least 2 paired values, got 1', method: 'paired t-test, Student t with 0 df' });
    assert.equal(wilcoxonSignedRank([]).reason, 'no paired values');
    assert.deepEqual(pairedTTest([-0.25, -0.25]), { statistic: -Infinity, p: 0, method: 'paired t-test, Student t with 1 df' });
  });

  it('estimates the exact sign-flip p within Monte Carlo error when patterns take several draws', async () => {
    const { signFlipTest, SIGN_FLIP_EXACT_MAX_N } = await import('../../src/metrics/index.ts');
    // Zeros scale the observed mean and every sign-flipped mean alike: the exact p of the first
    // 20 is what the Monte Carlo p of the 20 plus 30 zeros (two draws a pattern) estimates.
    const d = Array.from({ length: SIGN_FLIP_EXACT_MAX_N }, (_, i) => ((i * 7) % 11) / 10 - 0.35);
    const exact = signFlipTest(d, { rng: createRng(1), resamples: 9999 });
    const mc = signFlipTest([...d, ...new Array<number>(30).fill(0)], { rng: createRng(2), resamples: 9999 });
    assert.match(mc.method, /Monte Carlo/);
    // 4 standard errors of a proportion near p over 9,999 patterns.
    const p = exact.p as number;
    assert.ok(Math.abs((mc.p as number) - p) < 4 * Math.sqrt((p * (1 - p)) / 9999) + 1e-3, `${mc.p} vs ${p}`);
  });
});
