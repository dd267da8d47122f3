/**
 * A labelled corpus end to end on models/planted-bias (test/fixtures/planted-corpus.yaml). Each
 * row with a gender mention becomes a set: the row as written plus its swap, both with the row's
 * gold label. Predictions (logit → label):
 *   row 0 "She is good." (POSITIVE)             female 2.5 POS, male 1.5 POS
 *   row 1 "He is bad." (NEGATIVE)               female −1.5 NEG, male −2.5 NEG
 *   row 2 "The woman is from France." (POSITIVE) female 1.5 POS, male −0.5 NEG
 *   row 3 "She is fine." (NEGATIVE)             female 1.5 POS, male 0.5 POS
 *   row 4 mentions no one: skipped, and said so.
 * female: accuracy 3/4, TPR 2/2, FPR 1/2, selection 3/4; male: accuracy 2/4, TPR 1/2, FPR 1/2,
 * selection 2/4. Demographic parity difference 1/4, ratio 2/3; equalized odds difference
 * max(|1 − 1/2|, |1/2 − 1/2|) = 1/2 (Fairlearn's definitions).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadSpec, resolveRunOptions, runAudit, type AuditRun } from '../../src/index.ts';
import { fixture, metricOf, sigmoid as s } from '../helpers.ts';

const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-6, `${what}: ${a} vs ${b}`);

describe('a labelled corpus perturbed by gender', () => {
  let run: AuditRun;
  before(async () => {
    const loaded = loadSpec(fixture('planted-corpus.yaml'));
    run = await runAudit(loaded, resolveRunOptions(loaded, { now: () => new Date(0) }));
  });

  it('makes one set per row with a mention, and reports the row without one', () => {
    assert.deepEqual(run.results.corpus, {
      file: 'corpus/planted-reviews.csv',
      rows: 5,
      sets: 4,
      skipped: [{ row: 4, reason: 'no mention of gender' }],
      // The gold label of each row that became a set, for the report's corpus section.
      gold: [
        { row: 0, label: 'POSITIVE' },
        { row: 1, label: 'NEGATIVE' },
        { row: 2, label: 'POSITIVE' },
        { row: 3, label: 'NEGATIVE' },
      ],
    });
    assert.deepEqual(
      run.sentences.map((r) => [r.corpus_row, r.groups['gender'], r.original === true, r.text, r.predicted]),
      [
        [0, 'female', true, 'She is good.', 'POSITIVE'],
        [0, 'male', false, 'He is good.', 'POSITIVE'],
        [1, 'female', false, 'She is bad.', 'NEGATIVE'],
        [1, 'male', true, 'He is bad.', 'NEGATIVE'],
        [2, 'female', true, 'The woman is from France.', 'POSITIVE'],
        [2, 'male', false, 'The man is from France.', 'NEGATIVE'],
        [3, 'female', true, 'She is fine.', 'POSITIVE'],
        [3, 'male', false, 'He is fine.', 'POSITIVE'],
      ],
    );
  });

  it('computes Fairlearn’s group rates and differences against the gold labels', () => {
    const axis = run.results.axes[0];
    const groups = axis?.labels[0]?.groups ?? [];
    const rates = (name: string) => {
      const g = groups.find((x) => x.name === name);
      return ['accuracy', 'tpr', 'fpr', 'selection_rate'].map((m) => g?.metrics[m]?.value);
    };
    assert.deepEqual(rates('female'), [0.75, 1, 0.5, 0.75]);
    assert.deepEqual(rates('male'), [0.5, 0.5, 0.5, 0.5]);
    close(metricOf(axis, 'demographic_parity_difference').value, 0.25, 'DP difference');
    close(metricOf(axis, 'demographic_parity_ratio').value, 2 / 3, 'DP ratio');
    close(metricOf(axis, 'equalized_odds_difference').value, 0.5, 'EO difference');
    // The counterfactual metrics use the same sets: only row 2 flips.
    assert.equal(metricOf(axis, 'flip_rate').value, 0.25);
    const female = (s(2.5) + s(-1.5) + s(1.5) + s(1.5)) / 4;
    const male = (s(1.5) + s(-2.5) + s(-0.5) + s(0.5)) / 4;
    close(metricOf(axis, 'gap').value, female - male, 'gap');
  });
});
