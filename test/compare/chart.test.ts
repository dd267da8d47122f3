/** compare.html's chart and tables, from a comparison of two synthetic runs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareChart, compareResults, renderCompareHtml } from '../../src/compare/index.ts';
import { chartedChanges, COMPARE_ROWS } from '../../src/compare/chart.ts';
import { syntheticRun, withDeltas } from '../report/synthetic.ts';

describe('the comparison chart', () => {
  const groups = Array.from({ length: 30 }, (_, i) => `G${i}`);
  const base = withDeltas(syntheticRun({ groups, templates: 5, score: (g) => 0.4 + 0.002 * g }).results, () => 0.5);
  const cand = withDeltas(syntheticRun({ groups, templates: 5, score: (g) => 0.3 + 0.01 * g }).results, () => 0.5);
  // Synthetic intervals are ±0.05 around each value: a move of 0.2 is beyond them, one of 0.01 is not.
  const cmp = compareResults({ file: 'a/results.json', results: base }, { file: 'b/results.json', results: cand }, { maxRegression: 0 });

  it('shows each axis’s judged metrics and its groups’ regressions, regressions first, the axis’s own metrics before its groups’', () => {
    const [panel] = chartedChanges(cmp);
    assert.ok(panel);
    assert.equal(panel.changes.length, COMPARE_ROWS);
    assert.ok(panel.of > COMPARE_ROWS);
    const kinds = panel.changes.map((c) => `${c.status}:${c.scope}`);
    // flip_rate (axis) and gap (each label) regressed before any group's delta.
    assert.deepEqual(new Set(kinds.slice(0, 3)), new Set(['regressed:axis', 'regressed:label']));
    assert.ok(kinds.indexOf('regressed:group') > Math.max(kinds.lastIndexOf('regressed:label'), kinds.lastIndexOf('regressed:axis')));
    const chart = compareChart(cmp);
    assert.match(chart?.caption ?? '', /rows shown \(group: 16 of \d+\); every change is in the table below/);
    assert.match(
      chart?.alt ?? '',
      /^Baseline and candidate values with their intervals for 16 metrics in 1 axis panel; \d+ regressed, first flip_rate on group from 0\.000 \[-0\.050, 0\.050\] to 1\.000 \[0\.950, 1\.050\]; gap · (POSITIVE|NEGATIVE) on group /,
    );
  });

  it('lists what changed, regressions first, with verdicts that never wrap, the unchanged collapsed', () => {
    const html = renderCompareHtml(cmp);
    const verdicts = [...html.matchAll(/<td class="verdict (\w+)">([^<]+)<\/td>/g)].map((m) => m[1]);
    const firstOther = verdicts.findIndex((v) => v !== 'regressed');
    assert.ok(firstOther > 0 && verdicts.slice(firstOther).every((v) => v !== 'regressed'), 'regressions first');
    assert.match(html, /td\.verdict, th\.verdict \{ white-space: nowrap; \}/);
    assert.match(html, /<details class="tests">\n<summary>Unchanged metrics \(\d+\): no change beyond their uncertainty<\/summary>/);
  });
});
