/**
 * Compare stage: two finished runs → the change in every shared metric, with intervals, as
 * compare.md, compare.html and compare.json, and a verdict (regressed beyond the allowance or not).
 */
import path from 'node:path';
import { CounterfairError } from '../shared/errors.js';
import { readResults } from '../report/read-run.js';
import { writeFilesAtomically } from '../shared/write-atomic.js';
import { compareResults, incomparability, type Comparison } from './diff.js';
import { renderCompareHtml } from './html.js';
import { renderCompareMd } from './markdown.js';

export { changeInterval, compareResults, incomparability, type Comparison, type MetricChange, type RunRef } from './diff.js';
export { renderCompareMd, verdictOf, whereOf } from './markdown.js';
export { renderCompareHtml } from './html.js';

/**
 * Reads two runs (results.json files or their folders) and compares them.
 * @throws CounterfairError (`input`, exit 2) when a run cannot be read or the two audit different things.
 */
export function compareRuns(baseline: string, candidate: string, maxRegression: number): Comparison {
  const a = readResults(baseline);
  const b = readResults(candidate);
  const problems = incomparability(a.results, b.results);
  if (problems.length > 0) {
    throw new CounterfairError('input', { location: { file: b.file }, message: `cannot be compared with ${a.file}: ${problems.join('; ')}` });
  }
  return compareResults(a, b, maxRegression);
}

/** Renders and writes compare.md, compare.html and compare.json into `outDir`. */
export function writeComparison(outDir: string, cmp: Comparison): string[] {
  return writeFilesAtomically(path.resolve(outDir), {
    'compare.md': renderCompareMd(cmp),
    'compare.html': renderCompareHtml(cmp),
    'compare.json': `${JSON.stringify({ schema: 'counterfair/compare@1', ...cmp }, null, 2)}\n`,
  });
}
