/**
 * Labelled-corpus metrics as Fairlearn defines them (selection_rate, true/false positive rate,
 * accuracy by group; demographic parity difference and ratio; equalized odds difference), on
 * six labelled sets whose predictions are chosen by hand:
 *
 *   set  gold  a    b
 *   1    POS   POS  POS
 *   2    POS   POS  NEG
 *   3    POS   NEG  NEG
 *   4    NEG   POS  NEG
 *   5    NEG   NEG  NEG
 *   6    NEG   NEG  POS
 *
 * POSITIVE: a selects 3/6, TPR 2/3, FPR 1/3, accuracy 4/6; b selects 2/6, TPR 1/3, FPR 1/3,
 * accuracy 3/6. DP difference 1/2 − 1/3 = 1/6, ratio (1/3)/(1/2) = 2/3, EO difference
 * max(2/3 − 1/3, 0) = 1/3. NEGATIVE (one-vs-rest): a selects 3/6, TPR 2/3 (sets 5, 6), FPR 1/3
 * (set 3); b selects 4/6, TPR 2/3 (4, 5), FPR 2/3 (2, 3); DP difference 1/6, ratio 3/4,
 * EO difference 1/3.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CounterfairError } from '../../src/shared/errors.ts';
import { computeAxis, wilsonInterval, type MetricValue } from '../../src/metrics/index.ts';
import { makeSets, pos } from './sets.ts';

const LABELS = ['NEG', 'POS'];
const axis = { name: 'g', lexicon: 'test', groups: ['a', 'b'] };
const options = { resamples: 400, confidence: 0.95, seed: 3 };
const P = 0.8; // probability of POS when POS is predicted
const N = 0.3; // … when NEG is predicted
const rows: [string, number, number][] = [
  ['POS', P, P],
  ['POS', P, N],
  ['POS', N, N],
  ['NEG', P, N],
  ['NEG', N, N],
  ['NEG', N, P],
];
const { sets, scores } = makeSets(
  LABELS,
  rows.map(([label, a, b]) => ({ axes: ['g'], label, sentences: [pos('g', 'a', a), pos('g', 'b', b)] })),
);

function rate(m: MetricValue | undefined, k: number, n: number, what: string): void {
  assert.ok(m, what);
  assert.ok(Math.abs(m.value - k / n) < 1e-12, `${what}: ${m.value} vs ${k}/${n}`);
  assert.deepEqual(m.ci, wilsonInterval(k, n, 0.95), `${what} Wilson`);
  assert.equal(m.n, n, `${what} n`);
}
const near = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

describe('labelled-corpus metrics (Fairlearn definitions)', () => {
  const r = computeAxis(axis, sets, scores, { labels: LABELS, audited: 'POS' }, options);

  it('gives per-group selection rate, TPR, FPR and accuracy with Wilson intervals', () => {
    const [a, b] = r.labels[0]?.groups ?? [];
    rate(a?.metrics.selection_rate, 3, 6, 'a selection');
    rate(a?.metrics.tpr, 2, 3, 'a tpr');
    rate(a?.metrics.fpr, 1, 3, 'a fpr');
    rate(a?.metrics.accuracy, 4, 6, 'a accuracy');
    rate(b?.metrics.selection_rate, 2, 6, 'b selection');
    rate(b?.metrics.tpr, 1, 3, 'b tpr');
    rate(b?.metrics.fpr, 1, 3, 'b fpr');
    rate(b?.metrics.accuracy, 3, 6, 'b accuracy');
  });

  it('gives demographic parity difference and ratio and equalized odds difference', () => {
    const m = r.labels[0]?.metrics ?? {};
    near(m.demographic_parity_difference?.value, 1 / 6, 'dp difference');
    near(m.demographic_parity_ratio?.value, 2 / 3, 'dp ratio');
    assert.match(m.demographic_parity_ratio?.flag ?? '', /below 0\.8/);
    near(m.equalized_odds_difference?.value, 1 / 3, 'eo difference');
    for (const name of ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference']) {
      const ci = m[name]?.ci;
      assert.ok(ci && ci[0] <= (m[name]?.value as number) + 1e-12 && (m[name]?.value as number) <= ci[1] + 1e-12, `${name} interval ${ci} holds the estimate`);
      assert.equal(m[name]?.n, 6);
      assert.match(m[name]?.method ?? '', /Fairlearn/);
    }
  });

  it('takes every other label one-vs-rest', () => {
    const neg = r.labels[1];
    assert.equal(neg?.label, 'NEG');
    const [a, b] = neg?.groups ?? [];
    rate(a?.metrics.selection_rate, 3, 6, 'a NEG selection');
    rate(a?.metrics.tpr, 2, 3, 'a NEG tpr');
    rate(a?.metrics.fpr, 1, 3, 'a NEG fpr');
    rate(b?.metrics.selection_rate, 4, 6, 'b NEG selection');
    rate(b?.metrics.tpr, 2, 3, 'b NEG tpr');
    rate(b?.metrics.fpr, 2, 3, 'b NEG fpr');
    rate(a?.metrics.accuracy, 4, 6, 'a NEG accuracy');
    near(neg?.metrics.demographic_parity_difference?.value, 1 / 6, 'NEG dp difference');
    near(neg?.metrics.demographic_parity_ratio?.value, 3 / 4, 'NEG dp ratio');
    near(neg?.metrics.equalized_odds_difference?.value, 1 / 3, 'NEG eo difference');
  });

  it('counts only labelled sets, and leaves out rates without a denominator', () => {
    const onlyPositives = makeSets(LABELS, [
      { axes: ['g'], label: 'POS', sentences: [pos('g', 'a', P), pos('g', 'b', N)] },
      { axes: ['g'], sentences: [pos('g', 'a', N), pos('g', 'b', N)] },
    ]);
    const r2 = computeAxis(axis, onlyPositives.sets, onlyPositives.scores, { labels: LABELS, audited: 'POS' }, options);
    const a = r2.labels[0]?.groups[0]?.metrics ?? {};
    rate(a.tpr, 1, 1, 'tpr over the one labelled set');
    assert.equal(a.fpr, undefined); // no negative sets: no FPR, and so no equalized odds
    assert.equal(r2.labels[0]?.metrics.equalized_odds_difference, undefined);
    assert.equal(r2.labels[0]?.metrics.demographic_parity_ratio?.ci, null);
    assert.match(r2.labels[0]?.metrics.demographic_parity_ratio?.ci_reason ?? '', /single labelled set/);
  });

  it('has no labelled metrics without gold labels', () => {
    const plain = makeSets(LABELS, [{ axes: ['g'], sentences: [pos('g', 'a', P), pos('g', 'b', N)] }]);
    const r3 = computeAxis(axis, plain.sets, plain.scores, { labels: LABELS, audited: 'POS' }, options);
    assert.deepEqual(Object.keys(r3.labels[0]?.groups[0]?.metrics ?? {}), ['mean', 'positive_rate']); // a is the reference: no delta
    assert.equal(r3.labels[0]?.metrics.demographic_parity_difference, undefined);
  });

  it('rejects a gold label the model does not have, naming the corpus row', () => {
    const bad = makeSets(LABELS, [{ axes: ['g'], label: 'positive', sentences: [pos('g', 'a', P), pos('g', 'b', N)] }]);
    bad.sets[0]!.corpus_row = 7;
    assert.throws(
      () => computeAxis(axis, bad.sets, bad.scores, { labels: LABELS, audited: 'POS' }, options),
      (err: unknown) => err instanceof CounterfairError && err.message === 'corpus row 7 has gold label "positive", which is not a label of the model (NEG, POS)',
    );
  });
});
