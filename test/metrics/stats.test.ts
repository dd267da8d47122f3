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
