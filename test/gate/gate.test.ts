import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateGates } from '../../src/gate/index.ts';
import type { AxisResult } from '../../src/metrics/index.ts';

function axis(name: string, gap: number, flip: number): AxisResult {
  const m = (value: number) => ({ value, ci: [value, value] as [number, number], n: 4, method: 'test' });
  return { name, axes: [name], lexicons: ['x'], reference: 'a', n_sets: 4, n_sentences: 8, metrics: { flip_rate: m(flip) }, labels: [{ label: 'POS', groups: [], metrics: { gap: m(gap) } }] };
}

describe('evaluateGates', () => {
  const axes = [axis('country', 0.31, 0), axis('gender', 0.05, 0.25)];

  it('checks a gate with an axis on that axis only', () => {
    const v = evaluateGates([{ metric: 'gap', axis: 'country', max: 0.1 }], axes);
    assert.equal(v.passed, false);
    assert.deepEqual(v.gates, [{ index: 0, metric: 'gap', axis: 'country', on: 'estimate', severity: 'error', max: 0.1, value: 0.31, ci: [0.31, 0.31], compared: 0.31, status: 'fail', message: 'gap on country is 0.31, above max 0.1' }]);
  });

  it('checks a gate without an axis on every axis', () => {
    const v = evaluateGates([{ metric: 'flip_rate', max: 0.05 }], axes);
    assert.deepEqual(v.gates.map((g) => [g.axis, g.status]), [['country', 'pass'], ['gender', 'fail']]);
    assert.equal(v.gates[1]?.message, 'flip_rate on gender is 0.25, above max 0.05');
  });

  it('supports min and both bounds', () => {
    assert.equal(evaluateGates([{ metric: 'gap', axis: 'gender', min: 0.1 }], axes).gates[0]?.message, 'gap on gender is 0.05, below min 0.1');
    assert.equal(evaluateGates([{ metric: 'gap', axis: 'gender', min: 0, max: 0.1 }], axes).gates[0]?.message, 'gap on gender is 0.05, within [0, 0.1]');
  });

  it('passes when every gate passes, and with no gates', () => {
    assert.equal(evaluateGates([{ metric: 'gap', max: 0.5 }], axes).passed, true);
    assert.deepEqual(evaluateGates([], axes), { passed: true, gates: [] });
  });

  it('treats a value equal to the threshold as passing', () => {
    assert.equal(evaluateGates([{ metric: 'gap', axis: 'country', max: 0.31 }], axes).passed, true);
  });
});
