/**
 * Compare stage: two finished runs → the change in every shared metric, with intervals, as
 * compare.md, compare.html and compare.json, and a verdict (regressed or not, by the rule in
 * diff.ts). Runs whose templates differ are compared on the sets they share (shared-sets.ts).
 */
import { CounterfairError } from '../shared/errors.js';
import { renderSvg, writeOutputFolder } from '../report/index.js';
import { readResults, readRun } from '../results/index.js';
import { compareChart } from './chart.js';
import { compareResults, incomparability, sameTemplates, type Comparison, type CompareOptions } from './diff.js';
import { renderCompareHtml } from './html.js';
import { renderCompareMd } from './markdown.js';
import { compareProblem } from './messages.js';
import { onSharedSets } from './shared-sets.js';

export {
  changeInterval,
  compareResults,
  incomparability,
  sameTemplates,
  type ChangeStatus,
  type Comparison,
  type CompareOptions,
  type MetricChange,
  type RegressionRule,
  type RunRef,
  type SetsCompared,
} from './diff.js';
export { renderCompareMd } from './markdown.js';
export { ruleText, setsText, verdictOf, whereOf } from './text.js';
export { renderCompareHtml } from './html.js';
export { compareChart } from './chart.js';
export { COMPARE_MESSAGES } from './messages.js';

/** The version tag of compare.json. */
export const COMPARE_SCHEMA = 'counterfair/compare@2';

/**
 * Reads two runs (results.json files or their folders) and compares them: directly when they
 * fill the same templates, else on the sets they share (which needs each run's sentences.csv).
 * @throws CounterfairError (`input`, exit 2) when a run cannot be read, the two audit different
 * things, or they share no set.
 */
export function compareRuns(baseline: string, candidate: string, options: CompareOptions): Comparison {
  const a = readResults(baseline);
  const b = readResults(candidate);
  const problems = incomparability(a.results, b.results);
  if (problems.length > 0)
    throw new CounterfairError('input', compareProblem('compare.incomparable', { file: b.file }, a.file, problems.join('; ')));
  if (sameTemplates(a.results, b.results)) return compareResults(a, b, options);
  const runA = readRun(baseline);
  const runB = readRun(candidate);
  const shared = onSharedSets(runA, runB);
  if (shared.sets.shared === 0) throw new CounterfairError('input', compareProblem('compare.no-shared-sets', { file: b.file }, a.file));
  const cmp = compareResults({ file: a.file, results: shared.baseline }, { file: b.file, results: shared.candidate }, options, shared.sets);
  // Axes that only the left-out sets vary are said to be left out, not silently dropped.
  const kept = new Set([...shared.baseline.axes, ...shared.candidate.axes].map((x) => x.name));
  const dropped = [...new Set([...a.results.axes, ...b.results.axes].map((x) => x.name))].filter((name) => !kept.has(name));
  return { ...cmp, notShared: [...dropped.map((name) => `axis ${name}: no set both runs share varies it`), ...cmp.notShared] };
}

/** Renders compare.md, compare.html (with its chart) and compare.json. */
export async function renderComparison(cmp: Comparison): Promise<Record<string, string>> {
  const chart = compareChart(cmp);
  const svg = chart ? await renderSvg(chart.spec) : undefined;
  return {
    'compare.md': renderCompareMd(cmp),
    'compare.html': renderCompareHtml(cmp, chart && svg !== undefined ? { ...chart, svg } : undefined),
    'compare.json': `${JSON.stringify({ schema: COMPARE_SCHEMA, ...cmp }, null, 2)}\n`,
  };
}

/** Renders and writes compare.md, compare.html and compare.json into `outDir`, all-or-nothing (the user's other files stay). */
export async function writeComparison(outDir: string, cmp: Comparison): Promise<string[]> {
  return writeOutputFolder(outDir, await renderComparison(cmp), { owned: (name) => /^compare\.(md|html|json)$/.test(name) });
}
