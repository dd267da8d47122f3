/**
 * Intersectional and labelled-corpus metrics on models/planted-bias, on sets built here (the
 * generate stage makes them from specs; the metrics need only the sets). Every expected value is
 * derived by hand from the planted weights: she +0.5, he −0.5, india +2, iraq −2, fine +1,
 * great +3, bad −2, terrible −3; P(POSITIVE) = σ(sum).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOnnxClassifier, type Classifier } from '../../src/classify/index.ts';
import type { CounterfactualSet } from '../../src/generate/index.ts';
import { computeAxes, computeAxis, type AxisResult, type MetricValue, type SentenceScore } from '../../src/metrics/index.ts';
import { sigmoid as s } from '../helpers.ts';

const TOL = 1e-5; // float32 inference
const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) <= TOL, `${what}: ${a} vs ${b}`);
const value = (m: MetricValue | undefined) => m?.value;
const options = { resamples: 500, confidence: 0.95, seed: 1 };
const LABELS = { labels: ['NEGATIVE', 'POSITIVE'], audited: 'POSITIVE' };

/** Sets from texts; each sentence's groups given by axis. */
function sets(rows: { axes: string[]; label?: string; sentences: [Record<string, string>, string][] }[]): CounterfactualSet[] {
  return rows.map((row, i) => ({
    id: `s${i}`,
    axes: row.axes,
    ...(row.label !== undefined ? { label: row.label } : {}),
    sentences: row.sentences.map(([groups, text], k) => ({ id: `s${i}-${k}`, set_id: `s${i}`, groups, text, values: {} })),
  }));
}

describe('intersectional and labelled metrics on planted-bias', () => {
  let classifier: Classifier;
  const score = async (built: CounterfactualSet[]): Promise<Map<string, SentenceScore>> => {
    const sentences = built.flatMap((set) => set.sentences);
    const probs = await classifier.classify(sentences.map((x) => ({ text: x.text })));
    return new Map(sentences.map((x, i) => {
      const p = probs[i] as number[];
      return [x.id, { probs: p, predicted: (p[1] as number) > (p[0] as number) ? 'POSITIVE' : 'NEGATIVE' }];
    }));
  };
  before(async () => {
    classifier = await loadOnnxClassifier({ kind: 'local', folder: path.resolve('models', 'planted-bias'), shown: 'models/planted-bias' }, { device: 'cpu', dtype: 'fp32' });
  });
  after(async () => classifier.dispose());

  describe('gender × country', () => {
    // Logits: "She/He is from India/Iraq." 2.5, −1.5, 1.5, −2.5; "... said X was fine." one more.
    const built = sets(
      ['{p} is from {c}.', '{p} said {c} was fine.'].map((t) => ({
        axes: ['gender', 'country'],
        sentences: [['female', 'She'], ['male', 'He']].flatMap(([gender, p]) =>
          ['India', 'Iraq'].map((c): [Record<string, string>, string] => [{ gender: gender as string, country: c }, t.replace('{p}', p as string).replace('{c}', c)]),
        ),
      })),
    );
    const generated = {
      axes: [
        { name: 'gender', lexicon: 'gender', groups: ['female', 'male'] },
        { name: 'country', lexicon: 'countries', groups: ['India', 'Iraq'] },
      ],
      sets: built,
    };
    // f per set, groups female × India, female × Iraq, male × India, male × Iraq.
    const A = [s(2.5), s(-1.5), s(1.5), s(-2.5)];
    const B = [s(3.5), s(-0.5), s(2.5), s(-1.5)];
    let results: AxisResult[];
    before(async () => {
      results = computeAxes(generated, await score(built), LABELS, options);
    });

    it('measures each axis over the other, and the combination on its own', () => {
      assert.deepEqual(results.map((r) => [r.name, r.reference, r.n_sets, r.n_sentences]), [
        ['gender', 'female', 2, 8],
        ['country', 'India', 2, 8],
        ['gender × country', 'female × India', 2, 8],
      ]);
      const [gender, country, combo] = results as [AxisResult, AxisResult, AxisResult];
      const mean = (g: number) => ((A[g] as number) + (B[g] as number)) / 2;
      close(value(gender.labels[0]?.groups[0]?.metrics.mean), (mean(0) + mean(1)) / 2, 'female');
      close(value(gender.labels[0]?.groups[1]?.metrics.mean), (mean(2) + mean(3)) / 2, 'male');
      close(value(country.labels[0]?.groups[0]?.metrics.mean), (mean(0) + mean(2)) / 2, 'India');
      close(value(country.labels[0]?.groups[1]?.metrics.mean), (mean(1) + mean(3)) / 2, 'Iraq');
      assert.deepEqual(combo.labels[0]?.groups.map((g) => g.name), ['female × India', 'female × Iraq', 'male × India', 'male × Iraq']);
      [0, 1, 2, 3].forEach((g) => close(value(combo.labels[0]?.groups[g]?.metrics.mean), mean(g), `combo ${g}`));
      close(value(combo.labels[0]?.metrics.gap), mean(0) - mean(3), 'combo gap');
      const pairMean = (xs: number[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => Math.abs(a - b))).reduce((x, y) => x + y) / 6;
      close(value(combo.labels[0]?.metrics.ctf_gap), (pairMean(A) + pairMean(B)) / 2, 'combo ctf_gap');
      close(value(combo.labels[0]?.groups[3]?.metrics.delta), mean(3) - mean(0), 'male × Iraq vs female × India');
      // Two-group axis: mean_difference male − female per set.
      const md = ((A[2] as number) + (A[3] as number) - (A[0] as number) - (A[1] as number) + (B[2] as number) + (B[3] as number) - (B[0] as number) - (B[1] as number)) / 4;
      close(value(gender.labels[0]?.metrics.mean_difference), md, 'gender mean_difference');
    });

    it('counts flips within strata: gender within each country, country within each gender', () => {
      const [gender, country, combo] = results as [AxisResult, AxisResult, AxisResult];
      // India POSITIVE, Iraq NEGATIVE whatever the pronoun: She/He from India agree, as do She/He
      // from Iraq, so no gender stratum flips; every country stratum (India vs Iraq) does.
      close(value(gender.metrics.flip_rate), 0, 'gender flip_rate');
      close(value(gender.metrics.pairwise_flip_rate), 0, 'gender pairwise');
      close(value(country.metrics.flip_rate), 1, 'country flip_rate');
      close(value(country.metrics.pairwise_flip_rate), 1, 'country pairwise');
      // female and male each have one POSITIVE and one NEGATIVE sentence per set: rates 1/2 and 1/2, no rate disparity.
      close(value(gender.labels[0]?.groups[0]?.metrics.positive_rate), 0.5, 'female rate');
      close(value(gender.labels[0]?.metrics.positive_rate_ratio), 1, 'gender ratio');
      assert.equal(gender.labels[0]?.metrics.positive_rate_ratio?.flag, undefined);
      // The combination is one stratum of four: rates 1, 0, 1, 0; it flips; 4 of 6 pairs disagree.
      assert.deepEqual(combo.labels[0]?.groups.map((g) => value(g.metrics.positive_rate)), [1, 0, 1, 0]);
      close(value(combo.metrics.flip_rate), 1, 'combo flip_rate');
      close(value(combo.metrics.pairwise_flip_rate), 4 / 6, 'combo pairwise');
    });

    it('takes per-set statistics within strata: the gender CTF gap is the mean of the within-country gaps', () => {
      const [gender, country] = results as [AxisResult, AxisResult, AxisResult];
      // gender within India: |A0 − A2|, within Iraq: |A1 − A3| (the same 1 logit apart, on different slopes of σ).
      const within = (xs: number[], a: number, b: number) => Math.abs(xs[a]! - xs[b]!);
      const ctf = ((within(A, 0, 2) + within(A, 1, 3)) / 2 + (within(B, 0, 2) + within(B, 1, 3)) / 2) / 2;
      close(value(gender.labels[0]?.metrics.ctf_gap), ctf, 'gender ctf_gap');
      close(value(gender.labels[0]?.metrics.psa_range), ctf, 'gender psa_range (two groups: the same)');
      close(value(gender.metrics.total_variation), ctf, 'gender total_variation (two labels: the same)');
      const countryCtf = ((within(A, 0, 1) + within(A, 2, 3)) / 2 + (within(B, 0, 1) + within(B, 2, 3)) / 2) / 2;
      close(value(country.labels[0]?.metrics.ctf_gap), countryCtf, 'country ctf_gap');
    });
  });

  describe('a labelled corpus', () => {
    // gold   India logit / ŷ        Iraq logit / ŷ
    // POS    "X was fine."  3 POS    −1 NEG
    // POS    "X was great." 5 POS     1 POS
    // NEG    "X was terrible." −1 NEG −5 NEG
    // NEG    "X was bad and fine." 1 POS −3 NEG
    const rows: [string, string][] = [['POSITIVE', 'was fine.'], ['POSITIVE', 'was great.'], ['NEGATIVE', 'was terrible.'], ['NEGATIVE', 'was bad and fine.']];
    const built = sets(rows.map(([label, rest]) => ({ axes: ['country'], label, sentences: ['India', 'Iraq'].map((c): [Record<string, string>, string] => [{ country: c }, `${c} ${rest}`]) })));
    let r: AxisResult;
    before(async () => {
      r = computeAxis({ name: 'country', lexicon: 'countries', groups: ['India', 'Iraq'] }, built, await score(built), LABELS, options);
    });

    it('gives Fairlearn’s per-group rates', () => {
      const [india, iraq] = r.labels[0]?.groups ?? [];
      // India: selects 3/4, TPR 2/2, FPR 1/2, accuracy 3/4. Iraq: 1/4, 1/2, 0/2, 3/4.
      assert.deepEqual(['selection_rate', 'tpr', 'fpr', 'accuracy'].map((m) => value(india?.metrics[m])), [0.75, 1, 0.5, 0.75]);
      assert.deepEqual(['selection_rate', 'tpr', 'fpr', 'accuracy'].map((m) => value(iraq?.metrics[m])), [0.25, 0.5, 0, 0.75]);
      assert.deepEqual([india?.metrics.tpr?.n, india?.metrics.fpr?.n, india?.metrics.accuracy?.n], [2, 2, 4]);
    });

    it('gives demographic parity difference and ratio and equalized odds difference', () => {
      const m = r.labels[0]?.metrics ?? {};
      close(value(m.demographic_parity_difference), 0.5, 'dp difference');
      close(value(m.demographic_parity_ratio), 1 / 3, 'dp ratio');
      assert.match(m.demographic_parity_ratio?.flag ?? '', /below 0\.8/);
      // max(|TPR 1 − 1/2|, |FPR 1/2 − 0|) = 1/2.
      close(value(m.equalized_odds_difference), 0.5, 'eo difference');
    });
  });
});
