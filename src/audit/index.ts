/**
 * The pipeline, written down once:
 *
 *   audit.yaml ─► spec ─► generate ─► classify ─► metrics ─► gate ─► results ─► report
 *
 * `runAudit` makes one call per stage, in order, and assembles what they produced into the
 * results contract (src/results). Reading the spec and writing the reports are the caller's
 * (the CLI's) edges; everything between is here.
 */
import { computeAxesInParallel, computeBreakdowns, type SentenceScore } from '../metrics/index.js';
import { evaluateGates } from '../gate/index.js';
import { Stopwatch, type AuditResults, type SentenceRow, type Timings } from '../results/index.js';
import type { LoadedSpec } from '../spec/index.js';
import { buildResults, sentenceRows, toInput } from './assemble.js';
import { classifyInputs } from './classify.js';
import type { RunOptions } from './options.js';
import { keptMetricsBeside, keptOrComputed } from './kept-metrics.js';
import { located, prepareAudit, type PreparedAudit } from './prepare.js';

export { resolveRunOptions, type RunOptions, type RunOverrides, type StageName } from './options.js';
export { checkAudit, generateFromSpec, prepareAudit, type GenerateOverrides, type PrepareOverrides, type PreparedAudit } from './prepare.js';

/** An audit's outcome: the results contract plus every sentence with its scores. */
export interface AuditRun {
  results: AuditResults;
  sentences: SentenceRow[];
  /** Milliseconds per stage; kept apart from `results` so results stay reproducible. */
  timings: Timings;
}

/**
 * Runs an audit: generate → classify → metrics → gate, returning results ready to report.
 * @param options from `resolveRunOptions`: the spec's settings with the caller's overrides.
 * @param prepared what `checkAudit` or `prepareAudit` made of the spec with the same options,
 *   when the caller checked it first (the CLI does); made here otherwise.
 * @throws CounterfairError when the audit cannot run (bad spec, missing model, unknown label).
 */
export async function runAudit(loaded: LoadedSpec, options: RunOptions, prepared?: PreparedAudit): Promise<AuditRun> {
  const { spec } = loaded;
  const watch = new Stopwatch();
  const lap = (stage: Parameters<NonNullable<RunOptions['onStage']>>[0]) => watch.lap(stage);

  // 1. generate: the counterfactual sets, and every check that needs no model.
  options.onStage?.('generate');
  const { generated, model } = prepared ?? (await prepareAudit(loaded, options));
  const sentences = generated.sets.flatMap((s) => s.sentences);
  lap('generate');

  // 2. classify: each distinct input once, through the cache.
  options.onStage?.('load_model');
  const classified = await classifyInputs(loaded, model, sentences.map(toInput), options, lap);
  const rows = sentenceRows(sentences, classified.predictions, generated.sets);
  options.log(`${sentences.length} sentences in ${generated.sets.length} sets (${classified.predictions.inputs.length} distinct)`);
  lap('classify');

  // 3. metrics: every axis and combination, with intervals and tests. Kept from an earlier run
  //    whose metrics read the same (kept-metrics.ts): everything they read is `read` and the
  //    sentences' scores, which together name the kept entry.
  options.onStage?.('metrics');
  const read = {
    axes: generated.axes,
    sets: generated.sets,
    labels: { labels: classified.predictions.labels, audited: spec.model.label },
    intervals: { resamples: spec.bootstrap.resamples, confidence: spec.bootstrap.confidence, seed: options.seed },
    breakdown: spec.breakdown,
  };
  const scores = new Map<string, SentenceScore>(rows.map((r) => [r.sentence_id, { probs: r.probs, predicted: r.predicted }]));
  const metrics = await keptOrComputed(
    options.cache === undefined ? undefined : keptMetricsBeside(options.cache),
    () => [JSON.stringify({ ...read, predicted: rows.map((r) => r.predicted) }), Float64Array.from(rows.flatMap((r) => r.probs))],
    async () => ({
      axes: await computeAxesInParallel(read, scores, read.labels, read.intervals),
      breakdowns: read.breakdown ? computeBreakdowns(read, scores, read.labels, read.intervals, read.breakdown) : undefined,
    }),
  );
  if (metrics.kept) options.log('metrics kept from an earlier run of the same sets, predictions and settings');
  const { axes, breakdowns } = metrics.value;
  lap('metrics');

  // 4. gate: a verdict per gate and overall, each gate located in the spec.
  options.onStage?.('gate');
  const verdict = located(loaded, () => evaluateGates(spec.gates, axes));
  const gates = verdict.gates.map((g) => {
    const { line, col } = loaded.locator.locate(['gates', g.index]);
    return { ...g, line, column: col };
  });
  lap('gate');

  const results = buildResults(loaded, options, generated, classified, { axes, breakdowns }, gates, verdict.verdict);
  return { results, sentences: rows, timings: watch.toTimings() };
}
