import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AxisInfo, CounterfactualSet } from '../../src/generate/index.ts';
import { computeAxis, type SentenceScore } from '../../src/metrics/index.ts';
import { groupsOf, metricOf } from '../helpers.ts';

const axis: AxisInfo = { name: 'g', lexicon: 'test', groups: ['a', 'b', 'c'] };
const options = { resamples: 500, confidence: 0.95, seed: 1 };
const labels = { labels: ['NEG', 'POS'], audited: 'POS' };

/** Sets from a table: one row per set, one probability per group (list = several sentences). */
function fixture(rows: (number | number[])[][]): { sets: CounterfactualSet[]; scores: Map<string, SentenceScore> } {
  const scores = new Map<string, SentenceScore>();
  const sets = rows.map((row, i) => ({
    id: `s${i}`,
    template_id: `t${i}`,
    axes: ['g'],
    sentences: row.flatMap((cell, g) =>
      (Array.isArray(cell) ? cell : [cell]).map((p, k) => {
        const id = `s${i}-${g}-${k}`;
        scores.set(id, { probs: [1 - p, p], predicted: p >= 0.5 ? 'POS' : 'NEG' });
        return { id, set_id: `s${i}`, template_id: `t${i}`, groups: { g: axis.groups[g] as string }, text: id, values: {} };
      }),
    ),
  }));
  return { sets, scores };
}

describe('computeAxis', () => {
  it('computes group means, gap and flip rate', () => {
    const { sets, scores } = fixture([
      [0.9, 0.2, 0.6],
      [0.7, 0.4, 0.6],
      [0.8, 0.6, 0.6],
    ]);
    const r = computeAxis(axis, sets, scores, labels, options);
    assert.deepEqual(groupsOf(r).map((g) => [g.name, g.n]), [['a', 3], ['b', 3], ['c', 3]]);
    assert.ok(Math.abs((groupsOf(r)[0]?.mean as number) - 0.8) < 1e-12);
    assert.ok(Math.abs((groupsOf(r)[1]?.mean as number) - 0.4) < 1e-12);
    assert.ok(Math.abs(metricOf(r, 'gap').value - 0.4) < 1e-12);
    assert.equal(metricOf(r, 'flip_rate').value, 2 / 3);
    assert.equal(r.n_sets, 3);
    assert.equal(r.n_sentences, 9);
  });

  it('gives zero-width intervals when every set agrees', () => {
    const { sets, scores } = fixture([
      [0.9, 0.2, 0.6],
      [0.9, 0.2, 0.6],
    ]);
    const r = computeAxis(axis, sets, scores, labels, options);
    assert.deepEqual(groupsOf(r).map((g) => g.ci), [[0.9, 0.9], [0.2, 0.2], [0.6, 0.6]]);
    assert.deepEqual(metricOf(r, 'gap').ci, [0.7, 0.7]);
  });

  it('keeps bootstrap intervals within the range of the set values, around the mean', () => {
    const { sets, scores } = fixture(Array.from({ length: 20 }, (_, i) => [0.5 + (i % 5) / 10, 0.3, 0.4]));
    const r = computeAxis(axis, sets, scores, labels, options);
    const [lo, hi] = groupsOf(r)[0]?.ci as [number, number];
    assert.ok(lo >= 0.5 && lo < 0.7 && hi > 0.7 && hi <= 0.9, `${lo} ${hi}`);
  });

  it('averages a group’s several sentences within a set before anything else', () => {
    const { sets, scores } = fixture([[[0.2, 0.6], 0.5, 0.5]]);
    const r = computeAxis(axis, sets, scores, labels, options);
    assert.ok(Math.abs((groupsOf(r)[0]?.mean as number) - 0.4) < 1e-12);
    // Its two sentences disagree with each other: the set flips.
    assert.equal(metricOf(r, 'flip_rate').value, 1);
  });

  it('uses the Wilson interval for the flip rate', () => {
    const { sets, scores } = fixture([
      [0.9, 0.2, 0.6],
      [0.7, 0.4, 0.6],
      [0.8, 0.6, 0.6],
    ]);
    const [lo, hi] = metricOf(computeAxis(axis, sets, scores, labels, options), 'flip_rate').ci as [number, number];
    assert.ok(Math.abs(lo - 0.20765960080204782) < 1e-12 && Math.abs(hi - 0.9385080552796038) < 1e-12);
  });

  it('is deterministic for a seed and changes with it', () => {
    const { sets, scores } = fixture(Array.from({ length: 12 }, (_, i) => [(i * 7) % 10 / 10, 0.3, (i * 3) % 10 / 10]));
    const a = computeAxis(axis, sets, scores, labels, options);
    assert.deepEqual(a, computeAxis(axis, sets, scores, labels, options));
    assert.notDeepEqual(groupsOf(a)[0]?.ci, groupsOf(computeAxis(axis, sets, scores, labels, { ...options, seed: 2 }))[0]?.ci);
  });
});
