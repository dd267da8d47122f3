/**
 * Fillers recorded and broken down: audits/eec.yaml reproduces the shape of EEC's tables per
 * emotion (Kiritchenko & Mohammad 2018, Tables 5-7), on a classifier written for the test whose
 * gender and race effects are planted in one emotion each; sentences.csv records each sentence's
 * emotion and word and reads them back.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CounterfairError, generateFromSpec, loadSpec, parseSpec, readSentencesCsv, resolveRunOptions, runAudit, type AuditRun, type Classifier } from '../../src/index.ts';
import { renderSentencesCsv, resultsJson, type AuditResults } from '../../src/results/index.ts';
import type { AxisResult } from '../../src/metrics/index.ts';

const EFFECT = { female: { anger: 0.125 }, 'African-American': { joy: 0.0625 } } as const;

describe('audits/eec.yaml broken down by emotion', () => {
  let run: AuditRun;
  before(async () => {
    const loaded = loadSpec('audits/eec.yaml');
    // Nothing below depends on the number of resamples: fewer keep the test fast.
    loaded.spec.bootstrap.resamples = 200;
    // P(POSITIVE) = 0.5, plus 0.125 for a woman in an anger sentence and 0.0625 for an
    // African-American name in a joy sentence: multiples of 1/16, so every mean is exact.
    const p = new Map<string, number>();
    for (const set of generateFromSpec(loaded).sets) {
      const emotion = set.filler_groups?.['emotion'] ?? '';
      for (const s of set.sentences) {
        const female = s.groups['gender'] === 'female' && emotion === 'anger' ? EFFECT.female.anger : 0;
        const race = s.groups['race'] === 'African-American' && emotion === 'joy' ? EFFECT['African-American'].joy : 0;
        p.set(s.text, 0.5 + female + race);
      }
    }
    const classifier: Classifier = {
      labels: ['NEGATIVE', 'POSITIVE'],
      classify: (texts) => texts.map((text) => ({ NEGATIVE: 1 - (p.get(text) ?? NaN), POSITIVE: p.get(text) ?? NaN })),
    };
    run = await runAudit(loaded, resolveRunOptions(loaded, { classifier, now: () => new Date(0) }));
  });

  const meanDifference = (axes: AxisResult[] | undefined, axis: string) => axes?.find((a) => a.name === axis)?.labels[0]?.metrics.mean_difference;

  it('gives every axis per emotion, in the order the emotions are generated', () => {
    const b = run.results.breakdowns ?? [];
    assert.deepEqual(b.map((x) => [x.by, x.value, x.n_sets]), [
      // 7 templates × 5 words: 10 noun-phrase pairs and one name set each.
      ['emotion', 'anger', 385],
      ['emotion', 'fear', 385],
      ['emotion', 'joy', 385],
      ['emotion', 'sadness', 385],
    ]);
    for (const x of b) {
      assert.deepEqual(x.axes.map((a) => [a.name, a.n_sets, a.reference]), [
        ['gender', 385, 'female'],
        ['race', 35, 'African-American'],
        ['gender × race', 35, 'female × African-American'],
      ]);
    }
  });

  it('finds the planted gender effect in anger only and the race effect in joy only, with the paired t-test', () => {
    const rows = (run.results.breakdowns ?? []).map((x) => {
      const gender = meanDifference(x.axes, 'gender');
      const race = meanDifference(x.axes, 'race');
      return [x.value, gender?.value, gender?.tests?.[0]?.p, race?.value, race?.tests?.[0]?.p];
    });
    // male − female and European − African-American; a constant non-zero difference has t = ±∞, p = 0;
    // no difference at all has no t (p null).
    assert.deepEqual(rows, [
      ['anger', -0.125, 0, 0, null],
      ['fear', 0, null, 0, null],
      ['joy', 0, null, -0.0625, 0],
      ['sadness', 0, null, 0, null],
    ]);
    assert.deepEqual(meanDifference(run.results.breakdowns?.[0]?.axes, 'gender')?.tests?.map((t) => t.name), ['paired_t', 'permutation']);
    // The audit as a whole dilutes anger's effect over every gender set: 385 of 1,584.
    assert.ok(Math.abs((meanDifference(run.results.axes, 'gender')?.value ?? 0) + (0.125 * 385) / 1584) < 1e-15);
  });

  it('records each sentence’s emotion and word, and sentences.csv reads them back', () => {
    const angry = run.sentences.find((s) => s.text === 'She feels angry.');
    assert.deepEqual([angry?.fillers, angry?.filler_groups], [{ emotion: 'angry' }, { emotion: 'anger' }]);
    const plain = run.sentences.find((s) => s.text === 'She has two children.');
    assert.deepEqual([plain?.fillers, plain?.filler_groups], [undefined, undefined]);
    const csv = renderSentencesCsv(run.sentences, ['gender', 'race'], ['NEGATIVE', 'POSITIVE']);
    assert.deepEqual(csv.split('\n')[0]?.split(','), ['sentence_id', 'set_id', 'template_id', 'gender', 'race', 'emotion', 'emotion_word', 'text', 'predicted', 'p:NEGATIVE', 'p:POSITIVE']);
    assert.match(csv, /,female,,anger,angry,She feels angry\.,/);
    // Rows leave out what a sentence has not (undefined properties): compare them as JSON holds them.
    const asJson = (rows: unknown) => JSON.parse(JSON.stringify(rows)) as unknown;
    assert.deepEqual(asJson(readSentencesCsv(csv, 'sentences.csv', ['gender', 'race'], ['NEGATIVE', 'POSITIVE'], ['emotion'])), asJson(run.sentences));
  });

  it('writes results.json without the all-pairs deltas, in breakdowns as at the top, keeping the group means they derive from', () => {
    assert.ok(run.results.breakdowns?.[0]?.axes[0]?.labels[0]?.deltas !== undefined, 'the metrics stage computes them');
    const written = JSON.parse(resultsJson(run.results)) as AuditResults;
    assert.doesNotMatch(JSON.stringify(written), /"deltas"/);
    assert.equal(written.breakdowns?.length, run.results.breakdowns?.length);
    assert.equal(written.breakdowns?.[0]?.axes[0]?.labels[0]?.groups[0]?.metrics['mean']?.value, run.results.breakdowns?.[0]?.axes[0]?.labels[0]?.groups[0]?.metrics['mean']?.value);
  });
});

describe('breakdown: in the spec', () => {
  const spec = (breakdown: string) =>
    ['name: x', 'model: { module: ./m.js, label: POSITIVE }', 'fillers:', '  emotion: [sad, glad]', 'templates: ["{gender} feels {emotion}."]', 'axes:', '  gender: { lexicon: gender }', `breakdown: ${breakdown}`, ''].join('\n');
  const problems = (breakdown: string) => {
    try {
      parseSpec(spec(breakdown), 'audits/x.yaml');
    } catch (err) {
      if (err instanceof CounterfairError) return err.problems.map((p) => `${p.location?.line}:${p.location?.col} ${p.id}`);
      throw err;
    }
    return [];
  };

  it('takes a declared filler or "template"', () => {
    assert.deepEqual(problems('[emotion, template]'), []);
  });

  it('rejects a name that is neither, with a did-you-mean, and a name given twice, each at its place', () => {
    assert.deepEqual(problems('[emotions, emotion, emotion]'), ['8:13 metrics.unknown-breakdown', '8:32 metrics.duplicate-breakdown']);
    assert.throws(() => parseSpec(spec('[emotions]'), 'audits/x.yaml'), /did you mean "emotion"/);
  });
});
