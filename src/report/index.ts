/**
 * Report stage: results → every output file, rendered in memory and written atomically. The
 * files a run is read back from (results.json, timings.json, sentences.csv) are written by the
 * results stage's writers, which own their layout; the rest are views rendered here.
 *
 *   results.json   the contract CI parses (byte-identical across runs but for created_at)
 *   timings.json   milliseconds per stage and where the run happened (when known)
 *   sentences.csv  every sentence with its scores
 *   report.html    one self-contained page of charts and tables
 *   summary.md     verdict, gates and top disparities for $GITHUB_STEP_SUMMARY
 *   junit.xml      one testcase per gate
 *   charts/<name>.vl.json, charts/<name>.svg   every chart, standalone
 */
import { buildCharts, ChartError, renderSvg } from './charts/index.js';
import { openSvgCache } from './charts/svg-cache.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderSummaryMd } from './summary-md.js';
import { renderSentencesCsv, resultsJson, timingsJson, type AuditResults, type SentenceRow, type Timings } from '../results/index.js';
import { writeOutputFolder } from './output-folder.js';
import { reportProblem } from './messages.js';
import { CounterfairError } from '../shared/errors.js';
import { stringifyCompact } from '../shared/compact-json.js';

export { renderHtml, type HtmlInputs } from './html.js';
export { renderJunit } from './junit.js';
export { renderSummaryMd, SUMMARY_LIMITS } from './summary-md.js';
export { inGitHubActions, renderAnnotations } from './annotations.js';
export { buildCharts, renderCharts, renderSvg, startChartRenderer, stopChartRenderer, groupMeansSpec, placeGroups, type Chart, type ChartKind } from './charts/index.js';
export { stringifyCompact } from '../shared/compact-json.js';
export { checkSentencesAgree } from './consistency.js';
export { goldLabels } from './sentence-view.js';
// What the compare stage, beside this one, renders with.
export { formatInterval, formatNumber, formatP, formatSigned } from './format.js';
export { CHART_CONFIG, COLORS, VEGA_LITE_SCHEMA } from './charts/theme.js';
export { reportCsp, tableScript } from './page-assets.js';
export { md, mdName } from './summary-md.js';
export { accessibleSvg } from './html.js';
export { writeFilesAtomically } from '../shared/write-atomic.js';
export { recoverOutputFolder, writeOutputFolder, type OutputFolderOptions } from './output-folder.js';

/** Options of the rendered outputs. */
export interface ReportOptions {
  /** Stage timings to show and to write as timings.json. */
  timings?: Timings;
  /** Live charts (vega-embed: tooltips, zoom) in report.html, over the static SVGs. */
  interactive?: boolean;
  /**
   * A folder that keeps rendered SVGs, keyed by spec and renderer: charts that did not change
   * since a previous report are not rendered again (byte for byte the same either way).
   */
  chartCache?: string;
  /** The secret key file that authenticates kept charts (default: `keptKeyFile()` of shared/kept-files.ts, outside the cache). */
  chartCacheKey?: string;
}

/** Renders every output of an audit in memory: file name (relative, `/`-separated) → content. */
export async function renderReports(results: AuditResults, sentences: readonly SentenceRow[], options: ReportOptions = {}): Promise<Record<string, string>> {
  const charts = buildCharts(results, sentences);
  const cache = options.chartCache !== undefined ? openSvgCache(options.chartCache, options.chartCacheKey) : undefined;
  const keys = cache ? charts.map((c) => JSON.stringify(c.spec)) : [];
  const kept = charts.map((_, i) => cache?.get(keys[i] as string));
  // The SVGs not kept render in the renderer's worker while this thread writes every other file
  // (the specs are sent first: their texts below take a tenth of a second on the bench's audit).
  const rendering = Promise.all(
    charts.map(async (c, i) => {
      const hit = kept[i];
      if (hit !== undefined) return hit.svg;
      const svg = await renderSvg(c.spec).catch((err: unknown) => {
        // A spec vega cannot draw comes from the results (impossible numbers): one clean line.
        // A renderer that failed to start says so itself.
        if (err instanceof ChartError) {
          throw new CounterfairError('input', reportProblem('report.chart-failed', undefined, c.name, err.message));
        }
        throw err;
      });
      // specTexts is set below, before any render can answer.
      cache?.put(keys[i] as string, { svg, specText: specTexts[i] as string });
      return svg;
    }),
  ).then((svgs) => new Map(charts.map((c, i) => [c.name, svgs[i] as string])));
  // Until it settles, a failure is held here and thrown below (never an unhandled rejection).
  rendering.catch(() => {});
  // Compact like the Vega editor writes specs: short arrays on one line (the map's arcs are 100k numbers).
  const specTexts = charts.map((c, i) => kept[i]?.specText ?? stringifyCompact(c.spec, 100));
  const files: Record<string, string> = {
    'results.json': resultsJson(results),
    ...(options.timings ? { 'timings.json': timingsJson(options.timings) } : {}),
    'sentences.csv': renderSentencesCsv(sentences, results.axes.filter((a) => a.axes.length === 1).map((a) => a.name), results.model.labels),
    'report.html': '',
    'summary.md': renderSummaryMd(results, sentences),
    'junit.xml': renderJunit(results, options.timings),
  };
  charts.forEach((c, i) => {
    files[`charts/${c.name}.vl.json`] = `${specTexts[i] as string}\n`;
    files[`charts/${c.name}.svg`] = '';
  });
  const svgs = await rendering;
  files['report.html'] = renderHtml(results, {
    sentences,
    charts,
    svgs,
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.interactive ? { interactive: true } : {}),
  });
  for (const c of charts) files[`charts/${c.name}.svg`] = `${svgs.get(c.name) as string}\n`;
  return files;
}

/** The files of an output folder that counterfair writes; every other file there is the user's. */
export const REPORT_FILES = ['results.json', 'timings.json', 'sentences.csv', 'report.html', 'summary.md', 'junit.xml'] as const;

/**
 * Whether a path inside an output folder is one of counterfair's outputs (a report file or a
 * chart), or a `<output>.tmp-<pid>` that versions before whole-folder writes left when killed.
 */
export function isReportFile(name: string): boolean {
  const file = name.replace(/\.tmp-\d+$/, '');
  return (REPORT_FILES as readonly string[]).includes(file) || /^charts\/[^/]+\.(svg|vl\.json)$/.test(file);
}

/**
 * Renders and writes every output into `outDir`, all-or-nothing: nothing is written until
 * everything has rendered, and the folder is replaced as a whole (see `writeOutputFolder`):
 * outputs of an earlier run that this one did not write are gone, the user's own files stay.
 * @returns the paths written.
 */
export async function writeReports(outDir: string, results: AuditResults, sentences: readonly SentenceRow[], options: ReportOptions = {}): Promise<string[]> {
  const files = await renderReports(results, sentences, options);
  return writeOutputFolder(outDir, files, { owned: isReportFile });
}
