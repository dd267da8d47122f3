/** Report stage: results → results.json, sentences.csv and report.html, written atomically. */
import path from 'node:path';
import { groupMeansSpec, renderSvg } from './chart.js';
import { renderHtml } from './html.js';
import { renderSentencesCsv } from './sentences-csv.js';
import type { AuditResults, SentenceRow } from './types.js';
import { writeFilesAtomically } from './write.js';

export { RESULTS_SCHEMA, type AuditResults, type SentenceRow } from './types.js';
export { renderSentencesCsv } from './sentences-csv.js';
export { renderHtml } from './html.js';
export { groupMeansSpec, renderSvg } from './chart.js';
export { writeFilesAtomically } from './write.js';

/** Renders every output of an audit in memory: file name → content. */
export async function renderReports(results: AuditResults, sentences: readonly SentenceRow[]): Promise<Record<string, string>> {
  const charts: Record<string, string> = {};
  for (const axis of results.axes) charts[axis.name] = await renderSvg(groupMeansSpec(axis, results.model.audited_label, results.bootstrap.confidence));
  return {
    'results.json': `${JSON.stringify(results, null, 2)}\n`,
    'sentences.csv': renderSentencesCsv(sentences, results.axes.filter((a) => a.axes.length === 1).map((a) => a.name), results.model.labels),
    'report.html': renderHtml(results, charts),
  };
}

/**
 * Renders and writes every output into `outDir`. Nothing is written until everything has
 * rendered, and files appear under their final names only once all are written.
 * @returns the paths written.
 */
export async function writeReports(outDir: string, results: AuditResults, sentences: readonly SentenceRow[]): Promise<string[]> {
  const files = await renderReports(results, sentences);
  return writeFilesAtomically(path.resolve(outDir), files);
}
