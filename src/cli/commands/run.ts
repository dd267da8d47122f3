/** `counterfair run <spec>`: generate, classify, measure, gate, and write every report. */
import path from 'node:path';
import { checkAudit, resolveRunOptions, runAudit } from '../../audit/index.js';
import { chartCacheBeside, DEFAULT_CACHE_FILE, progressReporter } from '../../classify/index.js';
import { checkWritableFolder } from '../../shared/write-atomic.js';
import type { CliCommand } from '../command.js';
import { inert, shownPath, VERDICT_EXIT, verdictLine } from '../context.js';
import { MAX_SENTENCES_OPTION, parseCount, parseLimit, parsePath, parseSeed } from '../flags.js';

interface RunFlags {
  out?: string;
  seed?: number;
  maxSentences?: number;
  quiet?: boolean;
  interactive?: boolean;
  workers?: number;
  threads?: number;
  /** A file, or false for --no-cache; true when neither flag is given. */
  cache: string | boolean;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run an audit: generate, classify, measure, gate, and write reports',
  configure: (c) =>
    c
      .argument('<spec>', 'audit YAML file')
      .option('-o, --out <dir>', 'output folder (default: reports/<spec name>/)', parsePath)
      .option('--seed <n>', 'seed of every random draw: max_sets sampling and the bootstrap (overrides the spec)', parseSeed)
      .option(...MAX_SENTENCES_OPTION, parseLimit)
      .option('-q, --quiet', 'print only the gates and the verdict, no progress')
      .option('--interactive', 'add live charts (tooltips, zoom) to report.html, inlined, no network')
      .option('--workers <n>', 'local models: inference worker threads (default: one per core when memory allows)', parseCount)
      .option('--threads <n>', 'local models: threads per worker (default: cores ÷ workers)', parseCount)
      .option('--cache <file>', `prediction cache; rendered charts and computed metrics are kept in charts/ and metrics/ beside it (default: ${DEFAULT_CACHE_FILE})`, parsePath)
      .option('--no-cache', 'neither read nor write the prediction cache, the kept charts or the kept metrics'),
  async run(ctx, [file], rawFlags) {
    const flags = rawFlags as unknown as RunFlags;
    const spec = file as string;
    const { inGitHubActions, renderAnnotations, startChartRenderer, writeReports } = await import('../../report/index.js');
    const outDir = flags.out ?? path.join('reports', path.basename(spec).replace(/\.(ya?ml|json)$/i, ''));
    checkWritableFolder(outDir);
    // Every problem of the spec, its lexicons, templates, gates and model files, before any inference.
    const { loaded, prepared } = await checkAudit(spec, { seed: flags.seed, maxSentences: flags.maxSentences });
    const progress = progressReporter({ write: flags.quiet ? () => {} : ctx.err, tty: ctx.io.stderrIsTTY ?? false, ...(ctx.io.stderrColumns ? { columns: ctx.io.stderrColumns } : {}) });
    const log = flags.quiet ? () => {} : progress.log;
    const cache = flags.cache === false ? undefined : typeof flags.cache === 'string' ? flags.cache : DEFAULT_CACHE_FILE;
    const options = resolveRunOptions(loaded, {
      log,
      onProgress: progress.onProgress,
      // vega loads in the chart renderer's worker while the metrics compute, not during inference.
      onStage: (stage) => (stage === 'metrics' ? startChartRenderer() : undefined),
      seed: flags.seed,
      maxSentences: flags.maxSentences,
      workers: flags.workers,
      threads: flags.threads,
      cache,
    });
    const run = await runAudit(loaded, options, prepared).finally(progress.finish);
    const chartCache = cache === undefined ? {} : { chartCache: chartCacheBeside(cache) };
    const written = await writeReports(outDir, run.results, run.sentences, { timings: run.timings, ...(flags.interactive ? { interactive: true } : {}), ...chartCache });
    for (const g of run.results.gates) ctx.out(`${g.status.toUpperCase()}  ${inert(g.message)}\n`);
    ctx.out(verdictLine(run.results.verdict, run.results.name, ctx));
    if (inGitHubActions(ctx.env)) ctx.annotate(renderAnnotations(run.results, ctx.cwd));
    log(`wrote ${written.length} files to ${shownPath(ctx, outDir)} (report.html, results.json, summary.md, junit.xml, sentences.csv, charts/)`);
    return VERDICT_EXIT[run.results.verdict];
  },
};
