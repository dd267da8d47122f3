import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, percentileBootstrap, signFlipTest, type Rng } from '../../src/metrics/index.ts';
import { percentileBootstrapBlocks, type BlockStatistics } from '../../src/metrics/stats/bootstrap.ts';
import { fillInts } from '../../src/shared/rng.ts';
import { BLOCK } from '../../src/metrics/stats/weighted-sums.ts';

// The fast paths draw the same random numbers in the same order as one draw at a time, so they
// give the same numbers: these tests hold them to that, bit for bit.

describe('batched draws', () => {
  it('fillInts gives what successive int(n) calls give, with or without the fast path', () => {
    for (const n of [1, 7, 51, 5077, 4294967296]) {
      const fast = createRng(n);
      const slow = createRng(n);
      const plain: Rng = { next: () => slow.next(), int: (m) => slow.int(m) }; // no fill: the fallback
      const reference = createRng(n);
      for (const length of [1, 3, 100, 1000]) {
        const a = new Float64Array(length);
        const b = new Float64Array(length);
        fillInts(fast, a, n);
        fillInts(plain, b, n);
        const c = Float64Array.from({ length }, () => reference.int(n));
        assert.deepEqual(a, c, `n=${n}`);
        assert.deepEqual(b, c, `n=${n}, fallback`);
        for (const v of a) assert.ok(Number.isInteger(v) && v >= 0 && v < n);
      }
      assert.equal(fast.next(), reference.next(), 'the stream goes on where the batch ended');
    }
  });
});

describe('bootstrap a block of resamples at a time', () => {
  // Per set: a value and a flag; statistics: the weighted mean, and the mean over flagged sets (NaN without any).
  const rng = createRng(3);
  const rows = Array.from({ length: 13 }, (_, i) => ({ x: rng.next(), flagged: i % 6 === 0 }));
  const statistics = (w: ArrayLike<number>, q: number, stride: number): [number, number] => {
    let total = 0;
    let sum = 0;
    let flagged = 0;
    let flaggedSum = 0;
    rows.forEach((r, i) => {
      const wi = w[i * stride + q] as number;
      if (wi === 0) return;
      total += wi;
      sum += wi * r.x;
      if (r.flagged) {
        flagged += wi;
        flaggedSum += wi * r.x;
      }
    });
    return [sum / total, flagged === 0 ? NaN : flaggedSum / flagged];
  };
  const blocks: BlockStatistics = {
    count: 2,
    compute(w, resamples, out) {
      for (let q = 0; q < resamples; q++) out.set(statistics(w, q, BLOCK), q * 2);
    },
  };

  it('gives the intervals of the one-at-a-time bootstrap, partial last block included', () => {
    for (const resamples of [BLOCK * 50, 201, 3]) {
      const options = (seed: number) => ({ resamples, confidence: 0.9, rng: createRng(seed) });
      const one = percentileBootstrap(rows.length, (w) => statistics(w, 0, 1), options(resamples));
      const block = percentileBootstrapBlocks(rows.length, blocks, options(resamples));
      assert.deepEqual(block, one, `${resamples} resamples`);
      const mean = one[0] as [number, number];
      assert.ok(mean[0] < mean[1]);
    }
  });
});

/** The Monte Carlo sign-flip test as first written: one difference and one sign at a time. */
function signFlipOneAtATime(d: number[], rng: Rng, resamples: number): number {
  const n = d.length;
  const observed = d.reduce((a, b) => a + b, 0) / n;
  const gamma = Math.max(1e-14, Math.abs(1e-14 * observed));
  let below = 0;
  let above = 0;
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if (i % 32 === 0) bits = rng.int(4294967296);
      s += (bits >>> i % 32) & 1 ? -(d[i] as number) : (d[i] as number);
    }
    if (s / n <= observed + gamma) below++;
    if (s / n >= observed - gamma) above++;
  }
  return Math.min(1, (2 * Math.min(below + 1, above + 1)) / (resamples + 1));
}

describe('Monte Carlo sign-flip test by byte tables', () => {
  it('gives the p of the one-sign-at-a-time loop on the same draws', () => {
    for (const n of [21, 32, 33, 51, 100, 508]) {
      const rng = createRng(n);
      const shift = n % 2 === 0 ? 0.05 : 0; // some with an effect, some without
      const d = Array.from({ length: n }, () => rng.next() - 0.5 + shift);
      const got = signFlipTest(d, { rng: createRng(7), resamples: 999 });
      assert.equal(got.p, signFlipOneAtATime(d, createRng(7), 999), `n=${n}`);
    }
  });

  it('estimates the exact p within Monte Carlo error when patterns take several draws', async () => {
    const { SIGN_FLIP_EXACT_MAX_N } = await import('../../src/metrics/index.ts');
    // Zeros scale the observed mean and every sign-flipped mean alike: the exact p of the first
    // 20 is what the Monte Carlo p of the 20 plus 30 zeros (two draws a pattern) estimates.
    const d = Array.from({ length: SIGN_FLIP_EXACT_MAX_N }, (_, i) => ((i * 7) % 11) / 10 - 0.35);
    const exact = signFlipTest(d, { rng: createRng(1), resamples: 9999 });
    const mc = signFlipTest([...d, ...new Array(30).fill(0)], { rng: createRng(2), resamples: 9999 });
    assert.match(mc.method, /Monte Carlo/);
    // 4 standard errors of a proportion near p over 9,999 patterns.
    const p = exact.p as number;
    assert.ok(Math.abs((mc.p as number) - p) < 4 * Math.sqrt((p * (1 - p)) / 9999) + 1e-3, `${mc.p} vs ${p}`);
  });
});
