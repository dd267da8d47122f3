import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpecIssueError } from '../../src/shared/errors.ts';
import { evaluateGates, type GateResult } from '../../src/gate/index.ts';
import type { AxisResult, MetricValue } from '../../src/metrics/index.ts';
import { GateSpecSchema, type GateSpec } from '../../src/gate/index.ts';

const m = (value: number, ci: [number, number] | null = [value, value], n = 8): MetricValue => ({ value, ci, ...(ci === null ? { ci_reason: 'a single set: the bootstrap has nothing to resample' } : {}), n, method: 'test' });

function axis(name: string, gap: MetricValue, flip: MetricValue, axes = [name]): AxisResult {
  const group = (g: string, delta?: MetricValue) => ({ name: g, n: gap.n, metrics: { mean: m(0.5), ...(delta ? { delta } : {}) } });
  return {
    name,
    axes,
    lexicons: axes.map(() => 'x'),
    reference: 'A',
    n_sets: gap.n,
    n_sentences: 2 * gap.n,
    metrics: { flip_rate: flip },
    labels: [
      { label: 'POS', groups: [group('A'), group('B', m(0.12, [0.02, 0.2])), group('C', m(-0.03, [-0.05, 0]))], metrics: { gap } },
      { label: 'NEG', groups: [group('A'), group('B', m(-0.12, [-0.2, -0.02]))], metrics: { gap: m(0.2) } },
    ],
  };
}
/** A gate as the spec gives it, defaults applied. */
const gate = (g: Record<string, unknown>): GateSpec => GateSpecSchema.parse(g);
const pick = (r: GateResult) => [r.axis, r.group, r.status, r.compared];

describe('evaluateGates', () => {
  const axes = [axis('country', m(0.31, [0.05, 0.5]), m(0)), axis('gender', m(0.05), m(0.25))];

  it('checks a gate with an axis on that axis only', () => {
    const v = evaluateGates([gate({ metric: 'gap', axis: 'country', max: 0.1 })], axes);
    assert.equal(v.verdict, 'failed');
    assert.deepEqual(v.gates, [
      { index: 0, metric: 'gap', axis: 'country', on: 'estimate', severity: 'error', max: 0.1, value: 0.31, ci: [0.05, 0.5], compared: 0.31, n: 8, status: 'fail', message: 'gap on country is 0.31, above max 0.1' },
    ]);
  });

  it('checks a gate without an axis on every axis', () => {
    const v = evaluateGates([gate({ metric: 'flip_rate', max: 0.05 })], axes);
    assert.deepEqual(v.gates.map((g) => [g.axis, g.status]), [['country', 'pass'], ['gender', 'fail']]);
    assert.equal(v.gates[1]?.message, 'flip_rate on gender is 0.25, above max 0.05');
  });

  it('supports min and both bounds; a value equal to the threshold passes', () => {
    assert.equal(evaluateGates([gate({ metric: 'gap', axis: 'gender', min: 0.1 })], axes).gates[0]?.message, 'gap on gender is 0.05, below min 0.1');
    assert.equal(evaluateGates([gate({ metric: 'gap', axis: 'gender', min: 0, max: 0.1 })], axes).gates[0]?.message, 'gap on gender is 0.05, within [0, 0.1]');
    assert.equal(evaluateGates([gate({ metric: 'gap', axis: 'country', max: 0.31 })], axes).verdict, 'passed');
    assert.deepEqual(evaluateGates([], axes), { verdict: 'passed', gates: [] });
  });

  it('compares the low end of the interval with on: ci_low, the high end with on: ci_high', () => {
    // gap 0.31 [0.05, 0.5] against max 0.1: the estimate fails; the favourable (low) end holds;
    // the unfavourable (high) end does not.
    const [estimate, low, high] = evaluateGates(
      [gate({ metric: 'gap', axis: 'country', max: 0.1 }), gate({ metric: 'gap', axis: 'country', max: 0.1, on: 'ci_low' }), gate({ metric: 'gap', axis: 'country', max: 0.1, on: 'ci_high' })],
      axes,
    ).gates;
    assert.deepEqual([estimate, low, high].map((g) => [g?.on, g?.compared, g?.status]), [['estimate', 0.31, 'fail'], ['ci_low', 0.05, 'pass'], ['ci_high', 0.5, 'fail']]);
    assert.equal(low?.message, "gap on country is 0.31 [0.05, 0.5]; its interval's low end 0.05 is within max 0.1");
    assert.equal(high?.message, "gap on country is 0.31 [0.05, 0.5]; its interval's high end 0.5 is above max 0.1");
    // With a min, ci_high is the lenient end: fail only when even it is below.
    assert.equal(evaluateGates([gate({ metric: 'gap', axis: 'country', min: 0.4, on: 'ci_high' })], axes).gates[0]?.status, 'pass');
    assert.equal(evaluateGates([gate({ metric: 'gap', axis: 'country', min: 0.4, on: 'ci_low' })], axes).gates[0]?.status, 'fail');
  });

  it('warns instead of failing with severity: warn, and the audit still passes', () => {
    const v = evaluateGates([gate({ metric: 'gap', axis: 'country', max: 0.1, severity: 'warn' })], axes);
    assert.deepEqual(v.gates.map((g) => [g.severity, g.status]), [['warn', 'warn']]);
    assert.equal(v.verdict, 'passed');
  });

  it('reports insufficient_evidence for a pass resting on fewer than min_n sets: the audit is inconclusive, not passed', () => {
    const few = [axis('country', m(0.05, [0.01, 0.08], 3), m(0, [0, 0.56], 3))];
    const v = evaluateGates([gate({ metric: 'gap', max: 0.1 })], few);
    assert.equal(v.gates[0]?.status, 'insufficient_evidence');
    assert.equal(v.gates[0]?.message, 'gap on country is 0.05, within max 0.1, but rests on 3 sets, fewer than min_n 5: insufficient evidence');
    assert.equal(v.verdict, 'inconclusive');
    // A warn-severity gate never makes the audit inconclusive; a failed gate outranks an undecided one.
    assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.1, severity: 'warn' })], few).verdict, 'passed');
    assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.1 }), gate({ metric: 'gap', max: 0.01, min_n: 1 })], few).verdict, 'failed');
    // A breach on few sets is still a breach; min_n can be lowered.
    assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.01 })], few).gates[0]?.status, 'fail');
    assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.1, min_n: 3 })], few).gates[0]?.status, 'pass');
  });

  it('reports insufficient_evidence for an interval end the metric does not have', () => {
    const one = [axis('country', m(0.05, null, 1), m(0, [0, 0.79], 1))];
    const [g] = evaluateGates([gate({ metric: 'gap', max: 0.1, on: 'ci_high', min_n: 1 })], one).gates;
    assert.deepEqual([g?.status, g?.compared, g?.ci], ['insufficient_evidence', null, null]);
    assert.equal(g?.message, 'gap on country is 0.05 but has no interval to compare (a single set: the bootstrap has nothing to resample): insufficient evidence');
  });

  it('checks a per-group metric on every group that has it, or on the one named', () => {
    const all = evaluateGates([gate({ metric: 'delta', axis: 'country', max: 0.1 })], axes).gates;
    // The reference group A has no delta.
    assert.deepEqual(all.map(pick), [['country', 'B', 'fail', 0.12], ['country', 'C', 'pass', -0.03]]);
    assert.equal(all[0]?.message, 'delta on country / B is 0.12, above max 0.1');
    const one = evaluateGates([gate({ metric: 'delta', axis: 'country', group: 'B', max: 0.1, on: 'ci_low' })], axes).gates;
    assert.deepEqual(one.map(pick), [['country', 'B', 'pass', 0.02]]);
  });

  it('checks another label when the gate names one, and rejects a label the model lacks', () => {
    const neg = evaluateGates([gate({ metric: 'delta', axis: 'country', label: 'NEG', min: -0.1 })], axes).gates;
    assert.deepEqual(neg.map((g) => [g.label, g.group, g.status]), [['NEG', 'B', 'fail']]);
    assert.equal(neg[0]?.message, 'delta on country / B (label NEG) is -0.12, below min -0.1');
    assert.throws(
      () => evaluateGates([gate({ metric: 'gap', label: 'NEUTRAL', max: 1 })], axes),
      (err: unknown) => err instanceof SpecIssueError && err.issues[0]?.message === 'the model has no label "NEUTRAL"; its labels are POS, NEG' && err.issues[0].path.join('.') === 'gates.0.label',
    );
  });

  it('names a combination of axes in any order, with × or x', () => {
    const withCombo = [...axes, axis('gender × country', m(0.4), m(0.5), ['gender', 'country'])];
    for (const name of ['gender × country', 'country × gender', 'country x gender']) {
      assert.deepEqual(evaluateGates([gate({ metric: 'gap', axis: name, max: 0.1 })], withCombo).gates.map((g) => g.axis), ['gender × country']);
    }
    // Without an axis, a gate covers combinations too.
    assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.1 })], withCombo).gates.length, 3);
  });

  describe('with alpha: fail only when the breach is also significant', () => {
    const tested = (value: number, p: number | null): MetricValue => ({ ...m(value, [value - 0.02, value + 0.02]), tests: [{ name: 'permutation', statistic: value, p, method: 'test' }] });
    const withP = (p: number | null, value = 0.08) => [axis('country', tested(value, p), m(0))];

    it('fails a significant breach, and records alpha and p', () => {
      const [g] = evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05 })], withP(0.01)).gates;
      assert.deepEqual([g?.status, g?.alpha, g?.p], ['fail', 0.05, 0.01]);
      assert.equal(g?.message, 'gap on country is 0.08, above max 0.05, and significant (permutation p 0.01 < alpha 0.05)');
    });

    it('passes a breach that is not significant: it is consistent with noise', () => {
      const v = evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05 })], withP(0.3));
      assert.deepEqual([v.gates[0]?.status, v.verdict], ['pass', 'passed']);
      assert.equal(v.gates[0]?.message, 'gap on country is 0.08, above max 0.05, but not significant (permutation p 0.3 ≥ alpha 0.05)');
      assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05 })], withP(0.05)).gates[0]?.status, 'pass', 'p = alpha is not below it');
    });

    it('does not need a test when there is no breach, and still applies min_n', () => {
      assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05 })], withP(0.01, 0.03)).gates[0]?.status, 'pass');
      assert.equal(evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05, min_n: 20 })], withP(0.3)).gates[0]?.status, 'insufficient_evidence');
    });

    it('cannot judge a breach without a p-value: insufficient evidence', () => {
      const [g] = evaluateGates([gate({ metric: 'gap', max: 0.05, alpha: 0.05 })], withP(null)).gates;
      assert.deepEqual([g?.status, g?.p], ['insufficient_evidence', null]);
      assert.match(g?.message ?? '', /no permutation p-value/);
    });

    it('leaves alpha and p out of gates without alpha', () => {
      const [g] = evaluateGates([gate({ metric: 'gap', max: 0.05 })], withP(0.3)).gates;
      assert.deepEqual([g?.status, 'alpha' in (g ?? {}), 'p' in (g ?? {})], ['fail', false, false]);
    });
  });
});
