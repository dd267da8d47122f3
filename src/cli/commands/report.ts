/** `counterfair report <results>`: every output of a run re-rendered, without a model. */
import path from 'node:path';
import { chartCacheBeside, DEFAULT_CACHE_FILE } from '../../classify/index.js';
import type { CliCommand } from '../command.js';
import { shownPath, VERDICT_EXIT, verdictLine } from '../context.js';
import { parsePath } from '../flags.js';


export const reportCommand: CliCommand = {
  name: 'report',
  summary: 're-render every output of a run from its results.json and sentences.csv, without running a model',
  configure: (c) =>
    c
      .argument('<results>', 'a results.json, or the folder holding it')
      .option('-o, --out <dir>', 'output folder (default: the folder of results.json)', parsePath)
      .option('--interactive', 'add live charts (tooltips, zoom) to report.html')
      .option('--cache <file>', `the prediction cache run used: rendered charts are kept in charts/ beside it (default: ${DEFAULT_CACHE_FILE})`, parsePath)
      .option('--no-cache', 'neither reuse nor keep rendered charts'),
  async run(ctx, [target], flags) {
    const [{ readRun }, { checkSentencesAgree, startChartRenderer, writeReports }] = await Promise.all([
      import('../../results/index.js'),
      import('../../report/index.js'),
    ]);
    startChartRenderer();
    const run = readRun(target as string);
    checkSentencesAgree(run.results, run.sentences, path.join(run.dir, 'sentences.csv'));
    const outDir = (flags['out'] as string | undefined) ?? run.dir;
    const written = await writeReports(outDir, run.results, run.sentences, {
      ...(run.timings ? { timings: run.timings } : {}),
      ...(flags['interactive'] ? { interactive: true } : {}),
      ...(flags['cache'] !== false ? { chartCache: chartCacheBeside(typeof flags['cache'] === 'string' ? flags['cache'] : DEFAULT_CACHE_FILE) } : {}),
    });
    ctx.out(verdictLine(run.results.verdict, run.results.name, ctx));
    ctx.err(`wrote ${written.length} files to ${shownPath(ctx, outDir)}\n`);
    return VERDICT_EXIT[run.results.verdict];
  },
};
