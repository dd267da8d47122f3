/**
 * Gates calibrated by simulation (scripts/gates/simulate.ts): with no systematic group effect
 * (template-level noise only) a `gap ≤ 0.05` gate on the estimate, or even on its interval's low
 * end, fails most audits, because the bootstrap interval of a max-minus-min is biased upward;
 * with `alpha: 0.05` it fails about 5% of them, and still catches a real effect. A smaller run
 * than docs/metrics.md's (test/gate/calibration-documented.test.ts checks that one), with a fixed
 * seed and exact counts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCUMENTED, simulateGates } from '../../scripts/gates/simulate.ts';

describe('gap gates, calibrated by simulation', () => {
  it('fail about alpha of null audits with alpha, most of them without, and catch a real effect', () => {
    const r = simulateGates({ ...DOCUMENTED, audits: 40, resamples: 200 });
    assert.deepEqual(r.null, { audits: 40, estimate: 31, ci_low: 29, alpha: 1 });
    assert.deepEqual(r.effect, { audits: 40, estimate: 40, ci_low: 40, alpha: 32 });
  });
});
