/**
 * The command line: one table of commands, each turning flags into typed options and calling
 * the library. Only bin/counterfair.js sets the process exit code: `main` returns it, so tests
 * call commands in-process with their own argv and streams.
 *
 * Exit codes: 0 passed, 1 a gate failed, 2 the audit could not run, 3 inconclusive (no gate
 * failed, but an error-severity gate lacked the evidence to decide).
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createColors } from 'picocolors';
import { generateFromSpec, prepareAudit, resolveRunOptions, runAudit } from './audit.js';
import { DEFAULT_CACHE_FILE, progressReporter } from './classify/index.js';
import { CounterfairError } from './shared/errors.js';
import type { VerdictName } from './gate/index.js';
import { auditJsonSchema, loadSpec } from './spec/index.js';
import { VERSION } from './shared/version.js';

// The report stage, compare and the lexicon tools are imported by the commands that use them,
// so the others never load them. (vega itself loads only in the chart renderer's worker thread,
// which `startChartRenderer` starts once the predictions are in, to overlap the metrics.)
// audit.js stays a static import: the bundled CLI finds the inference worker beside the module
// that starts it.
const report = () => import('./report/index.js');

/** Where a command writes; the process streams in the bin, buffers in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress is a bar redrawn in place rather than a line per tenth. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** stdout is a terminal: the verdict is coloured (unless NO_COLOR is set). */
  stdoutIsTTY?: boolean;
}

/** Exit codes, the same for every command. */
export const EXIT = { pass: 0, gateFailed: 1, cannotRun: 2, inconclusive: 3 } as const;

/** The exit code of each verdict. */
const VERDICT_EXIT: Record<VerdictName, number> = { passed: EXIT.pass, failed: EXIT.gateFailed, inconclusive: EXIT.inconclusive };

/** `PASSED: name`, green; `FAILED`, red; `INCONCLUSIVE`, amber (yellow): never green. */
function verdictLine(verdict: VerdictName, name: string, io: CliIo): string {
  const c = createColors(io.stdoutIsTTY === true && !process.env.NO_COLOR);
  const paint = { passed: c.green, failed: c.red, inconclusive: c.yellow }[verdict];
  return `${paint(c.bold(verdict.toUpperCase()))}: ${name}\n`;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.pass;
  const program = new Command()
    .name('counterfair')
    .description('Audit text classifiers for bias with counterfactual sentence sets.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run counterfair --help for usage)');

  program
    .command('run')
    .description('run an audit: generate, classify, measure, gate, and write reports')
    .argument('<spec>', 'audit YAML file')
    .option('-o, --out <dir>', 'output folder (default: reports/<spec name>/)')
    .option('--seed <n>', 'seed of the bootstrap (overrides the spec)', parseSeed)
    .option('-q, --quiet', 'print only the verdict')
    .option('--interactive', 'add live charts (tooltips, zoom) to report.html, inlined, no network')
    .option('--workers <n>', 'local models: inference worker threads (default: one per core when memory allows)', parseCount)
    .option('--threads <n>', 'local models: threads per worker (default: cores ÷ workers)', parseCount)
    .option('--cache <file>', `prediction cache; rendered charts are kept in charts/ beside it (default: ${DEFAULT_CACHE_FILE})`)
    .option('--no-cache', 'neither read nor write the prediction cache or the kept charts')
    .action(async (file: string, flags: { out?: string; seed?: number; quiet?: boolean; interactive?: boolean; workers?: number; threads?: number; cache?: string | boolean }) => {
      const { inGitHubActions, renderAnnotations, startChartRenderer, writeReports } = await report();
      const loaded = loadSpec(file);
      const progress = progressReporter({ write: flags.quiet ? () => {} : io.stderr, tty: io.stderrIsTTY ?? false, ...(io.stderrColumns ? { columns: io.stderrColumns } : {}) });
      const log = flags.quiet ? () => {} : progress.log;
      const options = resolveRunOptions(loaded, {
        log,
        onProgress: progress.onProgress,
        onClassified: startChartRenderer,
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
        ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
        ...(flags.cache !== false ? { cache: typeof flags.cache === 'string' ? flags.cache : DEFAULT_CACHE_FILE } : {}),
      });
      const run = await runAudit(loaded, options).finally(progress.finish);
      const outDir = flags.out ?? path.join('reports', path.basename(file).replace(/\.(ya?ml|json)$/i, ''));
      // Rendered charts are kept beside the prediction cache, and reused while they do not change.
      const chartCache = flags.cache !== false ? { chartCache: path.join(path.dirname(typeof flags.cache === 'string' ? flags.cache : DEFAULT_CACHE_FILE), 'charts') } : {};
      const written = await writeReports(outDir, run.results, run.sentences, { timings: run.timings, ...(flags.interactive ? { interactive: true } : {}), ...chartCache });
      for (const g of run.results.gates) io.stdout(`${g.status.toUpperCase()}  ${g.message}\n`);
      io.stdout(verdictLine(run.results.verdict, run.results.name, io));
      if (inGitHubActions()) io.stdout(renderAnnotations(run.results));
      log(`wrote ${written.length} files to ${path.relative(process.cwd(), path.resolve(outDir)) || '.'} (report.html, results.json, summary.md, junit.xml, sentences.csv, charts/)`);
      code = VERDICT_EXIT[run.results.verdict];
    });

  program
    .command('validate')
    .description('check an audit file, its lexicons and its model folder without running the model')
    .argument('<spec>', 'audit YAML file')
    .action((file: string) => {
      const { generated } = prepareAudit(loadSpec(file));
      const n = generated.sets.reduce((k, s) => k + s.sentences.length, 0);
      io.stdout(`${file}: valid (${generated.axes.length} axes, ${generated.sets.length} sets, ${n} sentences)\n`);
    });

  program
    .command('generate')
    .description('write the counterfactual sentences of an audit, without running a model')
    .argument('<spec>', 'audit YAML file')
    .option('-o, --out <file>', 'output file, .jsonl or .csv (default: JSON Lines on stdout)')
    .action(async (file: string, flags: { out?: string }) => {
      const [{ renderGenerated }, { writeFilesAtomically }] = await Promise.all([import('./generate/index.js'), import('./shared/write-atomic.js')]);
      const loaded = loadSpec(file);
      const generated = generateFromSpec(loaded);
      const format = flags.out === undefined ? 'jsonl' : formatOf(flags.out);
      const { content, counts } = renderGenerated(generated, format);
      if (flags.out === undefined) io.stdout(content);
      else writeFilesAtomically(path.dirname(path.resolve(flags.out)), { [path.basename(flags.out)]: content });
      for (const line of counts) io.stderr(`${line}\n`);
    });

  program
    .command('report')
    .description('re-render every output of a run from its results.json and sentences.csv, without running a model')
    .argument('<results>', 'a results.json, or the folder holding it')
    .option('-o, --out <dir>', 'output folder (default: the folder of results.json)')
    .option('--interactive', 'add live charts (tooltips, zoom) to report.html')
    .option('--no-cache', `neither reuse nor keep rendered charts (kept in ${path.join(path.dirname(DEFAULT_CACHE_FILE), 'charts')})`)
    .action(async (target: string, flags: { out?: string; interactive?: boolean; cache: boolean }) => {
      const { checkSentencesAgree, readRun, startChartRenderer, writeReports } = await report();
      startChartRenderer();
      const run = readRun(target);
      checkSentencesAgree(run.results, run.sentences, path.join(run.dir, 'sentences.csv'));
      const outDir = flags.out ?? run.dir;
      const chartCache = flags.cache ? { chartCache: path.join(path.dirname(DEFAULT_CACHE_FILE), 'charts') } : {};
      const written = await writeReports(outDir, run.results, run.sentences, { ...(run.timings ? { timings: run.timings } : {}), ...(flags.interactive ? { interactive: true } : {}), ...chartCache });
      io.stdout(verdictLine(run.results.verdict, run.results.name, io));
      io.stderr(`wrote ${written.length} files to ${path.relative(process.cwd(), path.resolve(outDir)) || '.'}\n`);
      code = VERDICT_EXIT[run.results.verdict];
    });

  program
    .command('compare')
    .description('compare two runs of the same audit: the change in every shared metric, with intervals')
    .argument('<baseline>', 'results.json (or its folder) of the baseline run')
    .argument('<candidate>', 'results.json (or its folder) of the candidate run')
    .option('--max-regression <x>', 'how much further from its no-disparity value a metric may move (default 0)', parseAllowance, 0)
    .option('--estimates-only', 'judge regressions by the estimates alone (default: the interval of the change must exclude 0 too)')
    .option('-o, --out <dir>', 'where compare.md, compare.html and compare.json go', path.join('reports', 'compare'))
    .action(async (baseline: string, candidate: string, flags: { maxRegression: number; estimatesOnly?: boolean; out: string }) => {
      const { compareRuns, setsText, writeComparison } = await import('./compare/index.js');
      const cmp = compareRuns(baseline, candidate, { maxRegression: flags.maxRegression, rule: flags.estimatesOnly ? 'estimate' : 'interval' });
      await writeComparison(flags.out, cmp);
      if (cmp.sets) io.stderr(`${setsText(cmp)}\n`);
      for (const c of cmp.changes.filter((x) => x.regressed)) {
        const where = `${c.axis}${c.group !== undefined ? ` / ${c.group}` : ''}${c.label !== undefined ? ` (${c.label})` : ''}`;
        io.stdout(`REGRESSED  ${c.metric} on ${where}: ${round(c.baseline.value)} → ${round(c.candidate.value)}, ${round(c.worsening ?? 0)} further from ${c.ideal}\n`);
      }
      const regressed = cmp.changes.filter((x) => x.regressed).length;
      io.stdout(`${cmp.passed ? 'NO REGRESSION' : 'REGRESSED'}: ${regressed} of ${cmp.changes.length} shared metrics beyond ${flags.maxRegression}\n`);
      io.stderr(`wrote compare.md, compare.html, compare.json to ${path.relative(process.cwd(), path.resolve(flags.out)) || '.'}\n`);
      code = cmp.passed ? EXIT.pass : EXIT.gateFailed;
    });

  program
    .command('lexicons')
    .description('list the built-in lexicons; "show <name|file>" prints one, "lint [files…]" checks them (all built-ins by default)')
    .argument('[action]', 'list (default), show or lint')
    .argument('[names...]', 'built-in lexicon names or lexicon files')
    .action(async (action: string | undefined, names: string[]) => {
      const { lexiconsCommand } = await import('./generate/lexicon-command.js');
      code = lexiconsCommand(action ?? 'list', names, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of audit files (for yaml-language-server and editors)')
    .action(() => {
      io.stdout(`${JSON.stringify(auditJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are "could not run".
      return err.exitCode === 0 ? EXIT.pass : EXIT.cannotRun;
    }
    if (err instanceof CounterfairError) {
      io.stderr(`${err.message}\n`);
      return EXIT.cannotRun;
    }
    // A bug, not bad input: one line, and the stack only when asked for.
    const detail = err instanceof Error ? (process.env.COUNTERFAIR_DEBUG ? (err.stack ?? err.message) : `${err.message} (set COUNTERFAIR_DEBUG=1 for the stack)`) : String(err);
    io.stderr(`counterfair: internal error: ${detail}\n`);
    return EXIT.cannotRun;
  }
}

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new InvalidArgumentError('must be an integer from 0 to 4294967295');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) throw new InvalidArgumentError('must be an integer from 1 to 256');
  return Number(value);
}

function parseAllowance(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0) throw new InvalidArgumentError('must be a number of at least 0');
  return x;
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

function formatOf(file: string): 'jsonl' | 'csv' {
  if (/\.jsonl$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new CounterfairError('input', { location: { file }, message: 'output must end in .jsonl or .csv' });
}
