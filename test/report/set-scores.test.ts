import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extremePairs, type SetScores } from '../../src/report/set-scores.ts';

describe('extremePairs', () => {
  /** The double loop over sentences that the linear search replaces. */
  function bruteForce(set: SetScores): { high: number; low: number; difference: number } | undefined {
    let best: { high: number; low: number; difference: number } | undefined;
    set.sentences.forEach((high, i) => {
      set.sentences.forEach((low, j) => {
        if (high.group !== low.group && (!best || high.p - low.p > best.difference)) best = { high: i, low: j, difference: high.p - low.p };
      });
    });
    return best;
  }

  it('finds the same pair as comparing every two sentences, ties included', () => {
    let seed = 3;
    const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sets: SetScores[] = Array.from({ length: 400 }, (_, k) => {
      const n = 1 + Math.floor(next() * 8);
      // Few distinct values and few groups: ties and same-group extremes are common.
      const ss = Array.from({ length: n }, () => ({ group: `g${Math.floor(next() * 3)}`, row: {} as never, p: [0, 0.25, 0.5, 0.75, 1, 0.1 + 0.2][Math.floor(next() * 6)] as number }));
      return { set_id: `s${k}`, origin: { kind: 'template', id: 't' }, means: new Map(), sentences: ss };
    });
    const pairs = extremePairs(sets, sets.length);
    const expected = sets.flatMap((s) => {
      const b = bruteForce(s);
      return b && b.difference > 0 ? [{ set_id: s.set_id, high: s.sentences[b.high], low: s.sentences[b.low], difference: b.difference }] : [];
    });
    expected.sort((a, b) => b.difference - a.difference);
    assert.ok(expected.length > 100);
    assert.deepEqual(pairs, expected);
  });
});
