import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDev } from '../../scripts/models/sst2-bow-cda.ts';
import { loadSpec } from '../../src/spec/index.ts';

describe('the loop from audit to fix to re-audit', () => {
  it('audits/demo-cda.yaml is audits/demo.yaml but for the model', () => {
    const before = loadSpec('audits/demo.yaml').spec;
    const after = loadSpec('audits/demo-cda.yaml').spec;
    assert.equal(before.model.path, '../models/sst2-bow');
    assert.equal(after.model.path, '../models/sst2-bow-cda');
    assert.deepEqual({ ...after, model: { ...after.model, path: before.model.path } }, before);
  });

  it('compares two models on dev sentence by sentence: accuracy difference, its interval, exact McNemar', () => {
    // Labels 1; the baseline gets rows 0-5 right, the candidate rows 0-3 and 6-7: 2 only-baseline, 2 only-candidate.
    const labels: (0 | 1)[] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const baseline = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1];
    const candidate = [0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.1, 0.1];
    const c = compareDev(labels, baseline, candidate, 0.6);
    assert.deepEqual([c.both_right, c.only_baseline_right, c.only_this_right, c.both_wrong, c.difference], [4, 2, 2, 2, 0]);
    // se = sqrt(2 + 2 − 0) / 10 = 0.2; interval ±1.96 · 0.2.
    assert.ok(Math.abs(c.difference_ci95[1] - 0.391992796908) < 1e-9);
    assert.equal(c.mcnemar_exact_p, 1);
    // 0 of 6 discordant pairs favour the candidate: p = 2 · (1/2)^6.
    const worse = compareDev([1, 1, 1, 1, 1, 1], [0.9, 0.9, 0.9, 0.9, 0.9, 0.9], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 1);
    assert.ok(Math.abs(worse.mcnemar_exact_p - 2 / 64) < 1e-12);
    assert.equal(worse.difference, -1);
  });
});
