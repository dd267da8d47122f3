// @full: the documented simulation runs 400 audits (about half a minute); npm test runs it, npm run test:unit does not.
/** The calibration numbers docs/metrics.md reports are what scripts/gates/simulate.ts gives. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCUMENTED_COUNTS } from '../../scripts/docs/metrics-doc.ts';
import { DOCUMENTED, simulateGates } from '../../scripts/gates/simulate.ts';

describe('the documented gate calibration', () => {
  it('gives the counts docs/metrics.md shows', () => {
    assert.deepEqual(simulateGates(DOCUMENTED), DOCUMENTED_COUNTS);
  });
});
