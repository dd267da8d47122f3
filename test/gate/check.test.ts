import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGates } from '../../src/gate/index.ts';
import { GateSpecSchema } from '../../src/spec/schema.ts';
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
/** The issues of one gate, as "path: message". */
function issues(g: Record<string, unknown>): string[] {
  const spec = { model: { label: 'POS' } as never, gates: [GateSpecSchema.parse({ max: 0.1, ...g })] };
  return checkGates(spec, generated).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('checkGates (before inference)', () => {
  it('accepts gates that can be checked', () => {
    assert.deepEqual(issues({ metric: 'gap' }), []);
    assert.deepEqual(issues({ metric: 'delta', axis: 'country', group: 'Iraq' }), []);
    assert.deepEqual(issues({ metric: 'mean_difference' }), []); // computed on gender, the two-group axis
    assert.deepEqual(issues({ metric: 'tpr', axis: 'country' }), []);
  });

  it('rejects a group that is not one of the axis’s, with a suggestion', () => {
    assert.deepEqual(issues({ metric: 'delta', axis: 'country', group: 'Irak' }), ['gates.0.group: "Irak" is not a group of country (did you mean "Iraq"?)']);
    assert.deepEqual(issues({ metric: 'mean', group: 'Atlantis' }), ['gates.0.group: "Atlantis" is not a group of any axis']);
  });

  it('rejects "group" on a metric that is not per group, and "label" on one that is per axis', () => {
    assert.match(issues({ metric: 'gap', group: 'Iraq' })[0] ?? '', /^gates\.0\.group: gap is not a per-group metric; "group" applies to mean, positive_rate, delta/);
    assert.deepEqual(issues({ metric: 'flip_rate', label: 'NEG' }), ['gates.0.label: flip_rate does not depend on the label: leave "label" out']);
  });

  it('rejects the delta of the reference group', () => {
    assert.deepEqual(issues({ metric: 'delta', axis: 'country', group: 'India' }), ['gates.0.group: "India" is the reference group of country: its delta is 0 by definition']);
  });

  it('rejects a metric that is not computed where the gate points', () => {
    assert.deepEqual(issues({ metric: 'mean_difference', axis: 'country' }), ['gates.0.metric: mean_difference is not computed on country: it needs an axis of exactly two groups, and country has 3']);
    assert.deepEqual(issues({ metric: 'accuracy', axis: 'gender' }), ['gates.0.metric: accuracy is not computed on gender: it needs sets with a gold label (a labelled corpus)']);
    assert.deepEqual(issues({ metric: 'fpr', axis: 'country' }), ['gates.0.metric: fpr is not computed on country: every labelled set has the gold label "POS"']);
    assert.deepEqual(issues({ metric: 'tpr', axis: 'country', label: 'NEG' }), ['gates.0.metric: tpr is not computed on country: no labelled set has the gold label "NEG"']);
  });

  it('rejects a combination no template varies', () => {
    assert.deepEqual(issues({ metric: 'gap', axis: 'gender × country' }), ['gates.0.axis: no template varies gender × country together']);
  });
});
