/**
 * `computeAxes` on two threads: the permutation tests of every view in a worker thread
 * (permutation-worker.ts), everything else on the caller's. On the bench's 10k-sentence audit
 * (51 sets × 195 countries, 2 labels, 2,000 resamples) the permutation tests take 0.7 s and the
 * rest 0.65 s, one after the other; on two cores they overlap, and the metrics stage of a cold
 * `counterfair run` takes about 0.95 s instead of 1.2–1.7. After inference the cores it ran on
 * are free: this is the stage's one use of them.
 *
 * The results are the very numbers `computeAxes` gives: each test draws from a seeded stream of
 * its own, so it does not matter which thread computes it, or when. A worker that cannot start
 * or fails costs only time: the tests are then computed here.
 */
import { availableParallelism } from 'node:os';
import { startWorker, workerModule } from '../shared/worker-thread.js';
import { axisViews, viewResult, viewWork, type LabelOptions, type SentenceScore } from './axis.js';
import { permutationPs, type PermutationPs } from './evaluate.js';
import type { Generated } from '../generate/index.js';
import type { SetTable } from './table.js';
import type { AxisResult, IntervalOptions } from './types.js';

/** One view's permutation tests, as plain data (what `permutationPs` reads). */
export interface PermutationJob {
  name: string;
  table: SetTable;
  order: number[];
  options: IntervalOptions;
}

/** What the worker answers: every job's outcomes, in order, or why it could not. */
export type PermutationReply = { type: 'ps'; ps: PermutationPs[] } | { type: 'error'; message: string };

/**
 * Below this much permutation work (relabellings × sets × groups × labels, summed over the
 * views) the tests stay on the caller's thread: a worker answers an empty job in about 60 ms,
 * as long as some 3.5 million units of work take (the bench's audit has 40 million, 0.7 s); a
 * newcomer's audit of a few templates has well under a million.
 */
export const PARALLEL_MIN_WORK = 4_000_000;

/** When and how `computeAxesInParallel` offloads; tests set them. */
export interface ParallelOptions {
  /** Computes the jobs elsewhere; default a worker thread of its own. */
  offload?: (jobs: PermutationJob[]) => Promise<PermutationPs[]>;
  /** Offload only from this much work on (default PARALLEL_MIN_WORK). */
  minWork?: number;
  /** Cores to run on (default `os.availableParallelism()`): on one, two threads only take turns, and nothing is offloaded. */
  cores?: number;
}

/**
 * `computeAxes`, with the permutation tests in a worker thread when there are enough of them
 * to repay it and a second core to run it on. Same arguments, same results.
 */
export async function computeAxesInParallel(
  generated: Pick<Generated, 'axes' | 'sets'>,
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
  parallel: ParallelOptions = {},
): Promise<AxisResult[]> {
  const works = axisViews(generated).map(({ view, sets }) => viewWork(view, sets, scores, labels));
  const jobs = works.map((w) => ({ name: w.view.name, table: w.table, order: w.order, options }));
  const work = jobs.reduce((n, job) => n + permutationWork(job), 0);
  const worth = (parallel.cores ?? availableParallelism()) > 1 && work >= (parallel.minWork ?? PARALLEL_MIN_WORK);
  // Posted before the rest is computed, so that both threads work at once.
  const elsewhere = worth ? (parallel.offload ?? permutationsInWorker)(jobs).catch(() => undefined) : Promise.resolve(undefined);
  const results = works.map((w) => viewResult(w, options));
  const ps = (await elsewhere) ?? jobs.map(computeJob);
  return results.map((complete, k) => complete(ps[k]!));
}

/** Computes one job here (what the worker does with each). */
export function computeJob(job: PermutationJob): PermutationPs {
  return permutationPs(job.name, job.table, job.order, job.options);
}

/** Relabellings × sets × groups × labels: what the permutation tests of a job cost, roughly. */
function permutationWork({ table, options }: Pick<PermutationJob, 'table' | 'options'>): number {
  return options.resamples * table.N * table.G * table.L;
}

/**
 * Runs the jobs in a worker thread started for them, which is stopped once it has answered.
 * Rejects (never throws) when the worker cannot start, fails or answers with an error.
 */
export async function permutationsInWorker(jobs: PermutationJob[]): Promise<PermutationPs[]> {
  const worker = startWorker(workerModule('permutation-worker', import.meta.url));
  try {
    return await new Promise<PermutationPs[]>((resolve, reject) => {
      worker.on('message', (reply: PermutationReply) => (reply.type === 'ps' ? resolve(reply.ps) : reject(new Error(reply.message))));
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the permutation worker stopped (exit code ${code})`)));
      worker.postMessage(jobs);
    });
  } finally {
    void worker.terminate();
  }
}
