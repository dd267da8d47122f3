/** What report.html says in words and tables, from synthetic results with exact numbers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditResults, SentenceRow } from '../../src/index.ts';
import { corpusView } from '../../src/report/corpus-view.ts';
import { findings, gateSentence } from '../../src/report/findings.ts';
import { groupCall, groupTable, PRIMARY_TEST } from '../../src/report/metric-view.ts';
import { sentenceTable } from '../../src/report/sentence-view.ts';
import { syntheticIntersection, syntheticRun, withDeltas } from './synthetic.ts';

const text = (sentence: { text: string }[]) => sentence.map((s) => s.text).join('');

describe('findings', () => {
  it('name the largest disparity with its groups, values and intervals, the flips, and what each gate needed', () => {
    const { results } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 4, score: (g, t) => 0.3 + 0.2 * g + 0.01 * t });
    const [f] = findings(results);
    assert.equal(f?.axis, 'group');
    assert.deepEqual(f?.sentences.map(text), [
      'On group, sentences about C score P(POSITIVE) 0.715 [0.665, 0.765], about A 0.315 [0.265, 0.365]: a gap of 0.400 [0.350, 0.450] across 3 groups.',
      '4 of 4 sets (100%) change the predicted label with the group alone.',
      'The mean gate on A (line 12) needed at most 0.5; it is 0.315 [0.265, 0.365]: passed.',
      'The mean gate on B (line 12) needed at most 0.5; it is 0.515 [0.465, 0.565]: FAILED.',
      'The mean gate on C (line 12) needed at most 0.5; it is 0.715 [0.665, 0.765]: FAILED.',
    ]);
    // Group names and outcomes are emphasised.
    assert.deepEqual(
      f?.sentences[0]?.filter((s) => s.strong).map((s) => s.text),
      ['group', 'C', 'A'],
    );
  });

  it('say which end of the interval a gate compared, and when it lacked evidence', () => {
    const { results } = syntheticRun({ groups: ['A', 'B'], templates: 2, score: (g) => 0.4 + 0.1 * g });
    const gate = {
      ...results.gates[0]!,
      metric: 'gap' as const,
      on: 'ci_high' as const,
      status: 'insufficient_evidence' as const,
      max: 0.2,
      n: 2,
    };
    delete (gate as { group?: string }).group;
    assert.equal(
      text(gateSentence(gate)),
      'The gap gate (line 12) needed at most 0.2 for the upper end of its interval; it is 0.400 [0.350, 0.450] over 2 sets: had too little evidence to decide.',
    );
  });

  it('read a combination side by side: where the difference between the two groups is largest and smallest', () => {
    const diff = [0.2, -0.1, 0];
    const run = syntheticIntersection(
      ['female', 'male'],
      ['India', 'Iraq', 'Chile'],
      2,
      (s, r) => 0.5 + (s === 0 ? (diff[r] as number) / 2 : -(diff[r] as number) / 2),
    );
    const combo = findings(run.results).find((f) => f.axis === 'gender × country');
    assert.equal(
      text(combo?.sentences[0] ?? []),
      'On gender × country, the difference female − male is largest for India (+0.200: female 0.600, male 0.400) and smallest for Iraq (-0.100: female 0.450, male 0.550), over 3 country groups.',
    );
  });
});

describe('the groups table', () => {
  it('gives each group one call from the primary test (sign-flip, BH-adjusted) and keeps the others one click away', () => {
    const { results } = syntheticRun({ groups: ['A', 'B', 'C', 'D'], templates: 8, score: (g) => 0.5 + 0.05 * g - (g === 3 ? 0.3 : 0) });
    withDeltas(results, (g) => [1, 0.01, 0.2, 0.001][g] as number);
    const table = groupTable(results.axes[0]!, results.axes[0]!.labels[0]);
    assert.deepEqual(
      table.rows.map((r) => [r.name, r.call.kind, r.call.text, r.call.p]),
      [
        ['C', 'no-evidence', 'no evidence', '0.200'],
        ['B', 'higher', 'higher', '0.010'],
        ['A', 'reference', 'reference', ''],
        ['D', 'lower', 'lower', '0.001'],
      ],
    );
    assert.deepEqual(table.tests, ['paired_t', 'wilcoxon', 'sign_flip']);
    assert.deepEqual(table.testRows.find((r) => r.name === 'B')?.cells, [
      'p 0.010 · Holm 0.030 · BH 0.010',
      'p 0.010 · Holm 0.030 · BH 0.010',
      'p 0.010 · Holm 0.030 · BH 0.010',
    ]);
    assert.equal(table.powerNote, undefined);
    assert.match(PRIMARY_TEST.text, /sign-flip permutation test .* Benjamini–Hochberg adjusted .* p < 0\.05/);
    assert.deepEqual(groupCall(undefined, false), { kind: 'unknown', text: 'n/a', p: '' });
  });

  it('says when so few sets cannot give the primary test its power', () => {
    const { results } = syntheticRun({ groups: ['A', 'B'], templates: 3, score: (g) => 0.5 + 0.1 * g });
    withDeltas(results, () => 0.25);
    assert.equal(
      groupTable(results.axes[0]!, results.axes[0]!.labels[0]).powerNote,
      'With 3 sets the sign-flip test cannot give p below 0.250, so no group can be called higher or lower, whatever the differences: more templates (more sets) give the test its power.',
    );
  });
});

describe('the sentence table', () => {
  it('holds one page as HTML and every row as data; each filter reads its own column', () => {
    const groups = Array.from({ length: 30 }, (_, i) => `G${i}`);
    const { results, sentences } = syntheticRun({ groups, templates: 3, score: (g) => 0.3 + 0.015 * g });
    const view = sentenceTable(results, sentences, results.templates);
    assert.equal(view.total, 90);
    assert.equal(view.firstPage.length, 50);
    const data = JSON.parse(view.json) as { columns: string[]; rows: unknown[][] };
    assert.equal(data.rows.length, 90);
    for (const f of view.filters) {
      const values = new Set(data.rows.map((r) => String(r[f.column])));
      assert.ok(
        f.options.every((o) => values.has(o)),
        `${f.label} reads column ${data.columns[f.column]}`,
      );
    }
    assert.deepEqual(
      view.filters.map((f) => [f.label, data.columns[f.column], f.options.length]),
      [
        ['group', 'axis:group', 30],
        ['template', 'template', 3],
        ['predicted', 'predicted', 2],
      ],
    );
  });
});

describe('the corpus section', () => {
  it('shows each row as written beside its counterfactuals, the most moved first, with gold labels and skipped rows', () => {
    const row = (set: string, corpus_row: number, group: string, text: string, p: number, original = false): SentenceRow => ({
      sentence_id: `${set}-${group}`,
      set_id: set,
      corpus_row,
      groups: { gender: group },
      text,
      ...(original ? { original: true } : {}),
      predicted: p >= 0.5 ? 'POSITIVE' : 'NEGATIVE',
      probs: [1 - p, p],
    });
    const sentences = [
      row('s0', 0, 'female', 'She liked it.', 0.9, true),
      row('s0', 0, 'male', 'He liked it.', 0.85),
      row('s1', 2, 'male', 'He hated it.', 0.2, true),
      row('s1', 2, 'female', 'She hated it.', 0.6),
    ];
    const base = syntheticRun({ groups: ['female', 'male'], templates: 1, score: () => 0.5, axis: 'gender' }).results;
    const results: AuditResults = {
      ...base,
      corpus: {
        file: 'data/reviews.csv',
        rows: 3,
        sets: 2,
        skipped: [{ row: 1, reason: 'no mention of gender' }],
        gold: [
          { row: 0, label: 'POSITIVE' },
          { row: 2, label: 'NEGATIVE' },
        ],
      },
    };
    const view = corpusView(results, sentences);
    assert.equal(view?.gold, 'POSITIVE 1, NEGATIVE 1');
    assert.deepEqual(view?.skipped, [{ row: 1, reason: 'no mention of gender' }]);
    assert.deepEqual(
      view?.shown.map((r) => [
        r.row,
        r.gold,
        r.original.text,
        r.counterfactuals.map((c) => `${c.text} ${c.p} ${c.change}${c.flipped ? ' flipped' : ''}`),
      ]),
      [
        [2, 'NEGATIVE', 'He hated it.', ['She hated it. 0.600 +0.400 flipped']],
        [0, 'POSITIVE', 'She liked it.', ['He liked it. 0.850 -0.050']],
      ],
    );
  });
});
