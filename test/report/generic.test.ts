/**
 * Reports render whatever metrics results hold, described by the catalog, so a metric the
 * metrics stage adds needs no report change; several labels and combinations of axes render too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditResults, SentenceRow } from '../../src/index.ts';
import type { AxisResult, MetricValue } from '../../src/metrics/index.ts';
import { buildCharts, renderCharts, renderHtml, renderSummaryMd } from '../../src/report/index.ts';
import { syntheticRun } from './synthetic.ts';

const m = (value: number, extra: Partial<MetricValue> = {}): MetricValue => ({ value, ci: [value - 0.01, value + 0.01], n: 4, method: 'test method', ...extra });

async function html(results: AuditResults, sentences: SentenceRow[]): Promise<string> {
  const charts = buildCharts(results, sentences);
  return renderHtml(results, { sentences, charts, svgs: await renderCharts(charts) });
}

describe('generic metric rendering', () => {
  it('shows metrics the catalog does not know yet, with their tests, flags and missing intervals', async () => {
    const { results, sentences } = syntheticRun({ groups: ['A', 'B'], templates: 2, score: (g) => 0.3 + 0.4 * g });
    const axis = results.axes[0] as AxisResult;
    const label = axis.labels[0]!;
    label.groups[1]!.metrics['future_delta'] = m(0.4, {
      tests: [
        { name: 'paired_t', statistic: 2.3101, p: 0.0214, p_holm: 0.0843, p_bh: 0.0421, method: 'paired t-test' },
        { name: 'wilcoxon', statistic: null, p: null, reason: 'fewer than 6 sets', method: 'Wilcoxon signed-rank' },
      ],
      flag: 'outside the 0.8–1.25 band',
    });
    label.metrics['future_gap'] = m(0.4, { ci: null, ci_reason: 'fewer than 2 sets' });
    axis.metrics['future_axis'] = m(0.25);
    const page = await html(results, sentences);
    assert.match(page, /<th class="num" data-type="number" title="">future_delta<\/th>/);
    assert.match(page, /0\.400<span class="ci">\[0\.390, 0\.410\]<\/span><span class="flag">outside the 0\.8–1\.25 band<\/span><span class="tests" title="paired_t: statistic 2\.310, p 0\.021 \(Holm 0\.084, BH 0\.042\)\nwilcoxon: fewer than 6 sets">paired_t p 0\.021 \(Holm 0\.084\) · wilcoxon n\/a<\/span>/);
    assert.match(page, /<td class="name"><span class="metric">future_gap<\/span><span class="doc"><\/span><details class="method"><summary>Method<\/summary>test method<\/details><\/td><td class="num">0\.400<\/td><td class="num">n\/a<span class="reason">fewer than 2 sets<\/span>/);
    // Catalog metrics first (gap, flip_rate), then the others by name, label metrics before axis metrics.
    const order = [...page.matchAll(/<td class="name"><span class="metric">([a-z_]+)/g)].map((x) => x[1]);
    assert.deepEqual(order.slice(0, 4), ['gap', 'future_gap', 'flip_rate', 'future_axis']);
    // Group A has no future_delta: the cell says so rather than staying blank.
    assert.match(page, /<td class="num muted">n\/a<\/td>/);
    const md = renderSummaryMd(results, sentences);
    assert.match(md, /- `gap` 0\.400 \[0\.350, 0\.450\] · `future_gap` 0\.400 n\/a · `flip_rate` .* · `future_axis` 0\.250 \[0\.240, 0\.260\]/);
  });

  it('renders one section per label of a multiclass model, the audited one first and open', async () => {
    const { results, sentences } = syntheticRun({ groups: ['A', 'B'], templates: 2, score: (g) => 0.3 + 0.4 * g });
    const axis = results.axes[0] as AxisResult;
    axis.labels.push({ ...axis.labels[1]!, label: 'NEUTRAL' });
    const page = await html({ ...results, model: { ...results.model, labels: ['NEGATIVE', 'POSITIVE', 'NEUTRAL'] } }, sentences.map((s) => ({ ...s, probs: [...s.probs, 0] })));
    const sections = [...page.matchAll(/<details class="label" id="([^"]+)"( open)?>\n<summary>([^<]+)<\/summary>/g)].map((x) => [x[1], Boolean(x[2]), x[3]]);
    assert.deepEqual(sections, [
      ['axis-1-label-1', true, 'P(POSITIVE) — the audited label'],
      ['axis-1-label-2', false, 'P(NEGATIVE)'],
      ['axis-1-label-3', false, 'P(NEUTRAL)'],
    ]);
    assert.match(page, /<th class="num" data-type="number">P\(NEUTRAL\)<\/th>/);
  });

  it('charts a combination of axes from the sentences that vary both', async () => {
    const sentences: SentenceRow[] = [];
    const groups = { gender: ['female', 'male'], country: ['India', 'Iraq'] };
    for (const [t, base] of [[0, 0.6], [1, 0.4]] as const) {
      for (const g of groups.gender) {
        for (const c of groups.country) {
          const p = base + (g === 'female' ? 0.1 : 0) + (c === 'India' ? 0.2 : -0.2);
          sentences.push({ sentence_id: `${t}${g}${c}`, set_id: `s${t}`, template_id: `t${t}`, groups: { gender: g, country: c }, text: `${g} from ${c}`, predicted: p >= 0.5 ? 'POSITIVE' : 'NEGATIVE', probs: [1 - p, p] });
        }
      }
    }
    const names = ['female × India', 'female × Iraq', 'male × India', 'male × Iraq'];
    const combo: AxisResult = {
      name: 'gender × country',
      axes: ['gender', 'country'],
      lexicons: ['gender', 'countries'],
      reference: 'female × India',
      n_sets: 2,
      n_sentences: 8,
      metrics: { flip_rate: m(0.5) },
      labels: [{ label: 'POSITIVE', groups: names.map((name) => ({ name, n: 2, metrics: { mean: m(0.5) } })), metrics: { gap: m(0.5) } }],
    };
    const base = syntheticRun({ groups: ['x', 'y'], templates: 2, score: () => 0.5 }).results;
    const results: AuditResults = { ...base, templates: [{ id: 't0', text: '{gender} {country} 0', axes: ['gender', 'country'] }, { id: 't1', text: '{gender} {country} 1', axes: ['gender', 'country'] }], axes: [combo], gates: [] };
    const charts = buildCharts(results, sentences);
    assert.deepEqual(charts.map((c) => c.name), ['gender-country-intersection', 'gender-country-means', 'gender-country-heatmap', 'gender-country-deltas']);
    const cells = (charts[2]!.spec as unknown as { layer: { data: { values: { group: string; column: string; mean: number }[] } }[] }).layer[1]!.data.values;
    const cell = cells.find((c) => c.group === 'male × Iraq' && c.column === 'T2');
    assert.ok(cell && Math.abs(cell.mean - 0.2) < 1e-12, JSON.stringify(cell));
    const page = await html(results, sentences);
    assert.match(page, /<h2>Combination: gender × country<\/h2>/);
  });
});
