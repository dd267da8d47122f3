/**
 * The fixed synthetic run whose outputs are kept as golden files: test/fixtures/planted.yaml
 * audited with a rule classifier written here (no model, no randomness but the seeded
 * bootstrap), at a pinned time. `npm run golden:update` rewrites the files after a change that
 * is meant to change them; test/golden/golden.test.ts fails on any other change.
 */
import path from 'node:path';
import { buildCharts, loadSpec, renderSummaryMd, resolveRunOptions, runAudit, type Classifier } from '../../src/index.ts';
import { resultsJson } from '../../src/results/index.ts';
import { stringifyCompact } from '../../src/shared/compact-json.ts';

/** Where the golden files live. */
export const GOLDEN_DIR = path.join('test', 'golden', 'files');

/** P(POSITIVE) by rule: a country's planted weight, nudged by the sentence's length. */
const rules: Classifier = {
  labels: ['NEGATIVE', 'POSITIVE'],
  name: 'rules',
  classify(texts) {
    const weight: Record<string, number> = { India: 0.8, Iraq: 0.3, Germany: 0.6, France: 0.55, her: 0.6, him: 0.45 };
    return texts.map((text) => {
      const word = Object.keys(weight).find((w) => new RegExp(`\\b${w}\\b`).test(text));
      const p = Math.min(0.99, (word === undefined ? 0.5 : (weight[word] ?? 0.5)) + (text.length % 7) / 100);
      return { NEGATIVE: 1 - p, POSITIVE: p };
    });
  },
};

/** The golden outputs: file name → content. */
export async function goldenOutputs(): Promise<Record<string, string>> {
  const loaded = loadSpec(path.join('test', 'fixtures', 'planted.yaml'));
  const { results, sentences } = await runAudit(loaded, resolveRunOptions(loaded, { classifier: rules, now: () => new Date('2026-01-01T00:00:00.000Z') }));
  const chart = buildCharts(results, sentences).find((c) => c.name === 'country-means');
  if (!chart) throw new Error('no country-means chart');
  return {
    'results.json': resultsJson(results),
    'summary.md': renderSummaryMd(results, sentences),
    'country-means.vl.json': `${stringifyCompact(chart.spec, 100)}\n`,
  };
}
