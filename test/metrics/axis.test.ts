import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AxisInfo, CounterfactualSet } from '../../src/generate/index.ts';
import { computeAxes, computeAxis, METRICS, type SentenceScore } from '../../src/metrics/index.ts';
import { groupsOf, metricOf } from '../helpers.ts';
import { makeSets, pos } from './sets.ts';

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

describe('computeAxes: intersectional combinations', () => {
  // gender × country sets (four sentences each) and one set varying country only.
  const { sets, scores } = makeSets(['NEG', 'POS'], [
    { axes: ['country', 'gender'], sentences: [cell('f', 'A', 0.9), cell('f', 'B', 0.5), cell('m', 'A', 0.7), cell('m', 'B', 0.1)] },
    { axes: ['gender', 'country'], sentences: [cell('f', 'A', 0.8), cell('f', 'B', 0.4), cell('m', 'A', 0.6), cell('m', 'B', 0.2)] },
    { axes: ['country'], sentences: [pos('country', 'A', 0.6), pos('country', 'B', 0.6)] },
  ]);
  const generated = {
    axes: [
      { name: 'gender', lexicon: 'gender', groups: ['f', 'm'] },
      { name: 'country', lexicon: 'countries', groups: ['A', 'B'], reference: 'B' },
    ],
    sets,
  };
  const results = computeAxes(generated, scores, labels, options);
  const near = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

  it('gives one result per axis, then one per combination, in declaration order', () => {
    assert.deepEqual(results.map((r) => [r.name, r.axes, r.lexicons, r.n_sets, r.reference]), [
      ['gender', ['gender'], ['gender'], 2, 'f'],
      ['country', ['country'], ['countries'], 3, 'B'],
      ['gender × country', ['gender', 'country'], ['gender', 'countries'], 2, 'f × B'],
    ]);
  });

  it('averages over the other axis within a set for a single axis', () => {
    const [gender, country] = results;
    // f: sets (0.9 + 0.5)/2 = 0.7 and 0.6; m: 0.4 and 0.4.
    assert.deepEqual(groupsOf(gender).map((g) => g.name), ['f', 'm']);
    near(groupsOf(gender)[0]?.mean, 0.65, 'f');
    near(groupsOf(gender)[1]?.mean, 0.4, 'm');
    // A: 0.8, 0.7, 0.6; B: 0.3, 0.3, 0.6.
    near(groupsOf(country)[0]?.mean, 0.7, 'A');
    near(groupsOf(country)[1]?.mean, 0.4, 'B');
  });

  it('gives every metric per combination of groups', () => {
    const combo = results[2];
    assert.deepEqual(groupsOf(combo).map((g) => g.name), ['f × A', 'f × B', 'm × A', 'm × B']);
    [0.85, 0.45, 0.65, 0.15].forEach((m, i) => near(groupsOf(combo)[i]?.mean, m, `combo ${i}`));
    near(metricOf(combo, 'gap').value, 0.7, 'combo gap');
    near(combo?.labels[0]?.groups[0]?.metrics.delta?.value, 0.4, 'f × A vs f × B');
    assert.equal(combo?.labels[0]?.groups[1]?.metrics.delta, undefined);
    // Pairs per set: 6; |differences| set 1: .4 .2 .8 .2 .4 .6 (mean 13/30), set 2: .4 .2 .6 .2 .2 .4 (mean 1/3).
    near(metricOf(combo, 'ctf_gap').value, (13 / 30 + 1 / 3) / 2, 'combo ctf_gap');
  });
});

describe('computeAxis: multiclass models', () => {
  const three = ['neg', 'neu', 'pos'];
  const sentence = (g: string, probs: number[]) => ({ groups: { g }, probs });
  // set 1: a predicts pos, b ties neg/neu at 0.4 and takes the first, neg; set 2: both neu.
  const { sets, scores } = makeSets(three, [
    { axes: ['g'], sentences: [sentence('a', [0.2, 0.3, 0.5]), sentence('b', [0.4, 0.4, 0.2])] },
    { axes: ['g'], sentences: [sentence('a', [0.1, 0.6, 0.3]), sentence('b', [0.3, 0.4, 0.3])] },
  ]);
  const r = computeAxis({ name: 'g', lexicon: 'test', groups: ['a', 'b'] }, sets, scores, { labels: three, audited: 'pos' }, options);
  const near = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
  const label = (name: string) => r.labels.find((l) => l.label === name);

  it('gives every metric per class, the audited class first', () => {
    assert.deepEqual(r.labels.map((l) => l.label), ['pos', 'neg', 'neu']);
    near(label('neu')?.groups[0]?.metrics.mean?.value, 0.45, 'neu a');
    near(label('neu')?.groups[1]?.metrics.mean?.value, 0.4, 'neu b');
    // ctf per class: pos |.5 − .2| and 0; neg .2 and .2; neu .1 and .2.
    near(label('pos')?.metrics.ctf_gap?.value, 0.15, 'pos ctf');
    near(label('neg')?.metrics.ctf_gap?.value, 0.2, 'neg ctf');
    near(label('neu')?.metrics.ctf_gap?.value, 0.15, 'neu ctf');
    // Positive rates: pos a 1/2, b 0 → ratio 0, flagged; neu a 1/2, b 1/2 → ratio 1, no flag.
    near(label('pos')?.metrics.positive_rate_ratio?.value, 0, 'pos ratio');
    near(label('neu')?.metrics.positive_rate_ratio?.value, 1, 'neu ratio');
    assert.equal(label('neu')?.metrics.positive_rate_ratio?.flag, undefined);
    near(label('neg')?.metrics.positive_rate_difference?.value, 0.5, 'neg rate difference');
  });

  it('gives the total variation between probability vectors, and flip rates', () => {
    // set 1: ½(.2 + .1 + .3) = .3; set 2: ½(.2 + .2 + 0) = .2.
    near(r.metrics.total_variation?.value, 0.25, 'total variation');
    near(r.metrics.flip_rate?.value, 0.5, 'flip rate');
    near(r.metrics.pairwise_flip_rate?.value, 0.5, 'pairwise flip rate');
  });
});

describe('computeAxis: edge cases', () => {
  it('leaves bootstrap intervals out for a single set, with the reason, and keeps Wilson ones', () => {
    const { sets, scores } = fixture([[0.9, 0.2, 0.6]]);
    const r = computeAxis(axis, sets, scores, labels, options);
    assert.equal(metricOf(r, 'gap').ci, null);
    assert.equal(metricOf(r, 'gap').ci_reason, 'a single set: the bootstrap has nothing to resample');
    assert.ok(metricOf(r, 'flip_rate').ci);
  });

  it('counts pairwise flips over the sentences of groups with several', () => {
    // a: one POS, one NEG sentence; b: POS; c: NEG. Pairs: a–b 1/2, a–c 1/2, b–c 1: mean 2/3.
    const { sets, scores } = fixture([[[0.8, 0.2], 0.9, 0.1]]);
    assert.ok(Math.abs(metricOf(computeAxis(axis, sets, scores, labels, options), 'pairwise_flip_rate').value - 2 / 3) < 1e-12);
  });

  it('gives positive_rate_ratio 1 when no group is ever predicted as the label', () => {
    const { sets, scores } = fixture([[0.1, 0.2, 0.3], [0.2, 0.1, 0.4]]);
    const m = metricOf(computeAxis(axis, sets, scores, labels, options), 'positive_rate_ratio');
    assert.equal(m.value, 1);
    assert.deepEqual(m.ci, [1, 1]);
  });
});

describe('the metric catalog', () => {
  it('lists every metric results hold, at the scope they are held', () => {
    const { sets, scores } = makeSets(['NEG', 'POS'], [
      { axes: ['g'], label: 'POS', sentences: [pos('g', 'a', 0.8), pos('g', 'b', 0.3)] },
      { axes: ['g'], label: 'NEG', sentences: [pos('g', 'a', 0.6), pos('g', 'b', 0.7)] },
    ]);
    const r = computeAxis({ name: 'g', lexicon: 'test', groups: ['a', 'b'] }, sets, scores, labels, options);
    const found = new Map<string, string>();
    for (const name of Object.keys(r.metrics)) found.set(name, 'axis');
    for (const l of r.labels) {
      for (const name of Object.keys(l.metrics)) found.set(name, 'label');
      for (const g of l.groups) for (const name of Object.keys(g.metrics)) found.set(name, 'group');
    }
    assert.deepEqual([...found.entries()].sort(), METRICS.map((m) => [m.name, m.scope]).sort());
    for (const m of METRICS) assert.ok(m.doc.length > 20 && m.method.length > 20, `${m.name} is documented`);
  });

});

function cell(gender: string, country: string, p: number) {
  return { groups: { gender, country }, probs: [1 - p, p] };
}
