import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng, quantileSorted } from '../../src/metrics/index.ts';
import { quantilePairInPlace, selectInPlace } from '../../src/metrics/stats/select.ts';

/** Random values with many ties (a few distinct levels) or none, by seed. */
function sample(n: number, seed: number, levels: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => (levels > 0 ? rng.int(levels) / levels : rng.next() - 0.5));
}

describe('selection (Floyd–Rivest)', () => {
  it('puts the value a sort would put at k, nothing larger before it and nothing smaller after', () => {
    for (const [n, levels] of [[1, 0], [2, 0], [7, 2], [100, 0], [2000, 3], [2001, 0]] as const) {
      for (const k of [0, Math.floor(n / 3), n - 1]) {
        const a = sample(n, n + k, levels);
        const sorted = Float64Array.from(a).sort();
        selectInPlace(a, 0, n - 1, k);
        assert.equal(a[k], sorted[k], `n=${n} k=${k}`);
        for (let i = 0; i < k; i++) assert.ok((a[i] as number) <= (a[k] as number));
        for (let i = k + 1; i < n; i++) assert.ok((a[i] as number) >= (a[k] as number));
        assert.deepEqual(Float64Array.from(a).sort(), sorted, 'a permutation of the input');
      }
    }
  });

  it('gives exactly the type 7 quantiles of the sorted values', () => {
    const pairs: [number, number][] = [[0.025, 0.975], [0.05, 0.95], [0, 1], [0.5, 0.5], [0.3, 0.31]];
    for (const [n, levels] of [[1, 0], [2, 0], [3, 0], [40, 2], [1999, 0], [2000, 0], [2000, 5]] as const) {
      for (const [lo, hi] of pairs) {
        const a = sample(n, 17 * n, levels);
        const sorted = Float64Array.from(a).sort();
        assert.deepEqual(quantilePairInPlace(a, n, lo, hi), [quantileSorted(sorted, lo), quantileSorted(sorted, hi)], `n=${n} p=${lo},${hi}`);
      }
    }
  });

  it('reads only the first n values and refuses an empty sample', () => {
    const a = Float64Array.from([3, 1, 2, -100, 100]);
    assert.deepEqual(quantilePairInPlace(a, 3, 0, 1), [1, 3]);
    assert.throws(() => quantilePairInPlace(new Float64Array(0), 0, 0.025, 0.975), RangeError);
  });
});
