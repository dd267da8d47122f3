import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGates, GateSpecSchema, type GateContext } from '../../src/gate/index.ts';
import { makeSets, pos } from '../metrics/sets.ts';

const { sets } = makeSets(['NEG', 'POS'], [
  { axes: ['country'], label: 'POS', sentences: [pos('country', 'India', 0.9), pos('country', 'Iraq', 0.2), pos('country', 'Germany', 0.7)] },
  { axes: ['gender'], sentences: [pos('gender', 'female', 0.6), pos('gender', 'male', 0.4)] },
]);
const generated = {
  axes: [
    { name: 'country', lexicon: 'countries', groups: ['India', 'Iraq', 'Germany'] },
    { name: 'gender', lexicon: 'gender', groups: ['female', 'male'] },
  ],
  sets,
};
const context: GateContext = { axes: ['country', 'gender'], audited: 'POS', generated };

/** The issues of gates, as "path id". */
function issues(gates: Record<string, unknown>[], ctx: GateContext = context): string[] {
  return checkGates(gates.map((g) => GateSpecSchema.parse({ max: 0.1, ...g })), ctx).map((i) => `${i.path.join('.')} ${i.id}`);
}
const one = (g: Record<string, unknown>, ctx?: GateContext) => issues([g], ctx);

describe('checkGates', () => {
  it('accepts gates that can be checked', () => {
    assert.deepEqual(one({ metric: 'gap' }), []);
    assert.deepEqual(one({ metric: 'delta', axis: 'country', group: 'Iraq' }), []);
    assert.deepEqual(one({ metric: 'mean_difference' }), []); // computed on gender, the two-group axis
    assert.deepEqual(one({ metric: 'tpr', axis: 'country' }), []);
    assert.deepEqual(one({ metric: 'gap', max: 1, alpha: 0.05 }), [], 'a bound on the edge of the range is inside it');
  });

  it('rejects a group that is not one of the axis’s, with a suggestion', () => {
    assert.deepEqual(one({ metric: 'delta', axis: 'country', group: 'Irak' }), ['gates.0.group gate.unknown-group']);
    const [issue] = checkGates([GateSpecSchema.parse({ metric: 'delta', axis: 'country', group: 'Irak', max: 0.1 })], context);
    assert.match(issue?.message ?? '', /did you mean "Iraq"/);
    assert.deepEqual(one({ metric: 'mean', group: 'Atlantis' }), ['gates.0.group gate.unknown-group']);
  });

  it('rejects "group" on a metric that is not per group, and "label" on one that is per axis', () => {
    assert.deepEqual(one({ metric: 'gap', group: 'Iraq' }), ['gates.0.group gate.group-on-other-metric']);
    assert.deepEqual(one({ metric: 'flip_rate', label: 'NEG' }), ['gates.0.label gate.label-on-axis-metric']);
  });

  it('rejects the delta of the reference group', () => {
    assert.deepEqual(one({ metric: 'delta', axis: 'country', group: 'India' }), ['gates.0.group gate.reference-delta']);
  });

  it('rejects a metric that is not computed where the gate points, saying why', () => {
    const why = (g: Record<string, unknown>) => checkGates([GateSpecSchema.parse({ max: 0.1, ...g })], context).map((i) => `${i.id}: ${i.message}`);
    assert.deepEqual(why({ metric: 'mean_difference', axis: 'country' }), ['gate.not-computed: mean_difference is not computed on country: it needs an axis of exactly two groups, and country has 3']);
    assert.deepEqual(why({ metric: 'accuracy', axis: 'gender' }), ['gate.not-computed: accuracy is not computed on gender: it needs sets with a gold label (a labelled corpus)']);
    assert.deepEqual(why({ metric: 'fpr', axis: 'country' }), ['gate.not-computed: fpr is not computed on country: every labelled set has the gold label "POS"']);
    assert.deepEqual(why({ metric: 'tpr', axis: 'country', label: 'NEG' }), ['gate.not-computed: tpr is not computed on country: no labelled set has the gold label "NEG"']);
  });

  it('rejects a combination no template varies', () => {
    assert.deepEqual(one({ metric: 'gap', axis: 'gender × country' }), ['gates.0.axis gate.not-varied']);
  });

  it('flags a threshold outside the metric’s range at the bound', () => {
    assert.deepEqual(one({ metric: 'flip_rate', max: 1.5 }), ['gates.0.max gate.out-of-range']);
    assert.deepEqual(one({ metric: 'psa_dev', max: 0.6 }), ['gates.0.max gate.out-of-range']);
    assert.deepEqual(one({ metric: 'delta', min: -2, max: 0.1 }), ['gates.0.min gate.out-of-range']);
    assert.deepEqual(one({ metric: 'delta', min: -1, max: 1 }), []);
    const [issue] = checkGates([GateSpecSchema.parse({ metric: 'positive_rate', max: 1.5 })], context);
    assert.match(issue?.message ?? '', /can never fail/);
  });

  it('flags alpha on a metric without a permutation test', () => {
    assert.deepEqual(one({ metric: 'psa_range', alpha: 0.05 }), ['gates.0.alpha gate.alpha-without-test']);
    assert.deepEqual(one({ metric: 'flip_rate', alpha: 0.05 }), ['gates.0.alpha gate.alpha-without-test']);
    for (const metric of ['gap', 'positive_rate_difference', 'positive_rate_ratio', 'mean_difference']) assert.deepEqual(one({ metric, min: 0, max: 1, alpha: 0.05 }), [], metric);
  });

  it('flags an unknown label with a did-you-mean once the model’s labels are known', () => {
    const withLabels = { ...context, labels: ['NEG', 'POS'] };
    assert.deepEqual(one({ metric: 'gap', label: 'POSS' }, withLabels), ['gates.0.label gate.unknown-label']);
    const [issue] = checkGates([GateSpecSchema.parse({ metric: 'gap', label: 'POSS', max: 0.1 })], withLabels);
    assert.match(issue?.message ?? '', /did you mean "POS"/);
    assert.deepEqual(one({ metric: 'gap', label: 'POSS' }), [], 'unknown until the labels are read');
  });

  it('reports every problem of every gate at once, with or without the sets', () => {
    const gates = [
      { metric: 'gap', axis: 'contry', max: 2 },
      { metric: 'ctf_gap', min: 0.5, max: 0.1, alpha: 0.01 },
      { metric: 'delta', axis: 'country', group: 'India' },
    ];
    const before = { axes: ['country', 'gender'], audited: 'POS' };
    assert.deepEqual(issues(gates, before), ['gates.0.axis gate.undeclared-axis', 'gates.0.max gate.out-of-range', 'gates.1 gate.min-above-max', 'gates.1.alpha gate.alpha-without-test']);
    assert.deepEqual(issues(gates), [...issues(gates, before), 'gates.2.group gate.reference-delta']);
  });
});

describe('gate problems in the spec, located', () => {
  it('reports a threshold outside the metric’s range at its line and column, with the other spec problems', async () => {
    const { parseSpec, CounterfairError } = await import('../../src/index.ts');
    const text = [
      'name: x',
      'model: { module: ./m.js, label: POSITIVE }',
      'templates: ["{gender} is here."]',
      'axes:',
      '  gender: { lexicon: gender }',
      'gates:',
      '  - { metric: flip_rate, max: 1.5 }',
      '  - { metric: psa_range, max: 0.1, alpha: 0.05 }',
      '',
    ].join('\n');
    try {
      parseSpec(text, 'audits/x.yaml');
      assert.fail('expected spec problems');
    } catch (err) {
      assert.ok(err instanceof CounterfairError, String(err));
      assert.deepEqual(err.problems.map((p) => `${p.location?.line}:${p.location?.col} ${p.id}`), ['7:31 gate.out-of-range', '8:43 gate.alpha-without-test']);
    }
  });
});
