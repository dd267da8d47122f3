/**
 * The catalog evaluated on one axis view: each row's value from the point sample (every set
 * once), its interval from the one bootstrap engine (or Wilson's formula), and its tests.
 */
import { createRng, streamSeed } from '../shared/rng.js';
import { METRICS, type Availability, type MetricRow, type TestName } from './catalog.js';
import { populations, summarize, summarizeAxis, type Population, type Sample } from './sample.js';
import { percentileBootstrap } from './stats/bootstrap.js';
import { pairedTTest } from './stats/paired-t.js';
import { permutationTest } from './stats/permutation.js';
import { signFlipTest } from './stats/sign-flip.js';
import type { Interval } from './stats/types.js';
import { wilcoxonSignedRank } from './stats/wilcoxon.js';
import { wilsonIntervalOfShare } from './stats/wilson.js';
import { labelColumns, type AxisView, type LabelColumns, type SetTable } from './table.js';
import type { GroupResult, IntervalOptions, LabelResult, MetricValue, TestResult } from './types.js';
import { adjustFamily, metricValue, testResult } from './values.js';

/** Why a bootstrap interval is left out for a single set. */
export const ONE_SET = 'a single set: the bootstrap has nothing to resample';
const ONE_LABELLED_SET = 'a single labelled set: the bootstrap has nothing to resample';
const MOSTLY_UNDEFINED = 'undefined in most resamples (too few positive or negative sets)';
/** Probabilities are at most 1: the scale ties are judged on (stats/ties.ts). */
const PROBABILITY_SCALE = 1;

type GroupRow = Extract<MetricRow, { scope: 'group' }>;
type LabelRow = Extract<MetricRow, { scope: 'label' }>;
type AxisRow = Extract<MetricRow, { scope: 'axis' }>;
const ROWS: readonly MetricRow[] = METRICS;

/** One number a row gives: the row's, or a group's for a per-group row (g = −1 for a per-label row). */
interface Estimand {
  row: GroupRow | LabelRow;
  g: number;
  /** Its point estimate. */
  value: number;
}

/** One label of a view: its columns, the rows computed for it, and their point estimates. */
interface LabelPlan {
  l: number;
  label: string;
  columns: LabelColumns;
  estimands: Estimand[];
  counts: Record<MetricRow['over'], number>;
}

type Populations = ReturnType<typeof populations>;

/**
 * Every group and per-label metric of the labels `order` (indices into the table's labels), in
 * that order, in two steps, so that the permutation tests can run elsewhere meanwhile
 * (parallel.ts): everything but them now, and a function that completes the results with
 * `permutationPs` of the same view, table, labels and options. Each test draws from a stream
 * of its own, so the results do not depend on which runs first.
 */
export function labelResultsAwaiting(
  view: AxisView,
  table: SetTable,
  order: readonly number[],
  options: IntervalOptions,
): (permutation: PermutationPs) => LabelResult[] {
  const pops = populations(table);
  const plans = order.map((l) => plan(view.name, table, l, pops));
  const drafts = plans.map((p) => labelDraft(view, table, p, pops, options));
  return (permutation) => {
    if (permutation.length !== plans.length) throw new Error(`permutation tests of ${permutation.length} labels for ${plans.length}`);
    return drafts.map((draft, k) => draft(permutationOf(plans[k]!, permutation[k]!)));
  };
}

/** The label-free metrics of a view (flip_rate, pairwise_flip_rate, total_variation). */
export function axisMetrics(view: AxisView, table: SetTable, options: IntervalOptions): Record<string, MetricValue> {
  const { all } = populations(table);
  const rows = ROWS.filter((r): r is AxisRow => r.scope === 'axis');
  const point = summarizeAxis(table, all, null);
  const drawn = rows.filter((r) => r.interval === 'bootstrap');
  const rng = createRng(streamSeed(options.seed, `${view.name}:pairs`));
  const draw = (w: Float64Array) => evaluateAll(drawn, summarizeAxis(table, all, w));
  const cis = table.N < 2 ? drawn.map(() => null) : percentileBootstrap(table.N, draw, { ...options, rng });
  return Object.fromEntries(
    rows.map((r) => {
      const v = r.value(point);
      const ci = r.interval === 'wilson' ? wilsonIntervalOfShare(v, table.N, options.confidence) : (cis[drawn.indexOf(r)] ?? null);
      return [r.name, metricValue(r.name, v, ci, table.N, r.method, { ci_reason: table.N < 2 ? ONE_SET : MOSTLY_UNDEFINED })];
    }),
  );
}

function evaluateAll(rows: readonly AxisRow[], s: ReturnType<typeof summarizeAxis>): number[] {
  return rows.map((r) => r.value(s));
}

/** A row's number on a sample: the row's value, or group g's. */
function valueOf(e: Pick<Estimand, 'row' | 'g'>, s: Sample): number {
  return e.row.scope === 'group' ? e.row.value(s, e.g) : e.row.value(s);
}

/** The sets a row averages over. Rows over labelled sets require some, so they are never asked for without. */
function populationOf(row: MetricRow, pops: Populations): Population {
  if (row.over === 'sets') return pops.all;
  if (pops.labelled === null) throw new Error(`${row.name} averages over labelled sets, and there are none`);
  return pops.labelled;
}

/** The rows computed for label l (those whose requirement the view meets), with their point estimates. */
function plan(viewName: string, table: SetTable, l: number, pops: Populations): LabelPlan {
  const label = table.labels[l]!;
  const labelled = table.gold.filter((g) => g !== null);
  const positives = labelled.filter((g) => g === l).length;
  const avail: Availability = { axis: viewName, groups: table.G, label, labelled: labelled.length, positives };
  const columns = labelColumns(table, l);
  const computed = ROWS.filter((r): r is GroupRow | LabelRow => r.scope !== 'axis' && r.requires?.why(avail) === undefined);
  const point = new Map<Population, Sample>();
  const sampleOf = (pop: Population): Sample => {
    const s = point.get(pop) ?? summarize(table, l, pop, null, columns);
    point.set(pop, s);
    return s;
  };
  const estimands = computed.flatMap((row) => {
    const at = (g: number): Estimand => ({ row, g, value: valueOf({ row, g }, sampleOf(populationOf(row, pops))) });
    return row.scope === 'label' ? [at(-1)] : table.groups.flatMap((_, g) => (row.notOnReference && g === table.reference ? [] : [at(g)]));
  });
  const counts = { sets: table.N, labelled: avail.labelled, positives: avail.positives, negatives: avail.labelled - avail.positives };
  return { l, label, columns, estimands, counts };
}

/** Label p's results but for its permutation tests, which the returned function is given. */
function labelDraft(
  view: AxisView,
  table: SetTable,
  p: LabelPlan,
  pops: Populations,
  options: IntervalOptions,
): (permutation: ReadonlyMap<Estimand, TestOutcomeOf>) => LabelResult {
  const { l, label, columns, estimands } = p;
  // Intervals: one bootstrap per population, each from a seeded stream of its own.
  const intervals = new Map<Estimand, { ci: Interval | null; reason?: string }>();
  for (const [pop, stream] of [[pops.all, `${view.name}:${label}`], [pops.labelled, `${view.name}:${label}:labelled`]] as const) {
    if (pop === null) continue;
    const drawn = estimands.filter((e) => e.row.interval === 'bootstrap' && populationOf(e.row, pops) === pop);
    if (drawn.length === 0) continue;
    if (pop.sets.length < 2) {
      for (const e of drawn) intervals.set(e, { ci: null, reason: pop === pops.all ? ONE_SET : ONE_LABELLED_SET });
      continue;
    }
    const rng = createRng(streamSeed(options.seed, stream));
    const cis = percentileBootstrap(pop.sets.length, (w) => valuesOn(drawn, summarize(table, l, pop, w, columns)), { ...options, rng });
    drawn.forEach((e, k) => intervals.set(e, { ci: cis[k] ?? null, reason: MOSTLY_UNDEFINED }));
  }
  for (const e of estimands.filter((x) => x.row.interval === 'wilson')) {
    intervals.set(e, { ci: wilsonIntervalOfShare(Math.min(1, Math.max(0, e.value)), p.counts[e.row.over], options.confidence) });
  }
  const paired = pairedTests(view, table, p, options);
  const means = summarize(table, l, pops.all, null, columns).mean;
  return (permutation) => {
    // Each estimand's tests in its row's order, the permutation test's outcome computed for the whole view.
    const tests = new Map<Estimand, TestResult[]>();
    for (const e of estimands) {
      const names: readonly TestName[] = e.row.tests ?? [];
      if (names.length === 0) continue;
      const testOf = (name: TestName): TestResult =>
        name === 'permutation'
          ? testResult(name, { statistic: e.value, ...(permutation.get(e) ?? { p: null, method: 'permutation test' }) })
          : paired.get(e)!.get(name)!;
      tests.set(e, names.map(testOf));
    }
    return labelResult(table, p, intervals, tests, means);
  };
}

function labelResult(
  table: SetTable,
  p: LabelPlan,
  intervals: ReadonlyMap<Estimand, { ci: Interval | null; reason?: string }>,
  tests: ReadonlyMap<Estimand, TestResult[]>,
  means: Float64Array,
): LabelResult {
  const { label, estimands } = p;
  const record = (e: Estimand): MetricValue => {
    const { ci, reason } = intervals.get(e) ?? { ci: null };
    const extra = { ci_reason: reason, tests: tests.get(e), flag: e.row.flag?.(e.value) };
    return metricValue(e.row.name, e.value, ci, p.counts[e.row.over], e.row.method, extra);
  };
  const groups: GroupResult[] = table.groups.map((name, g) => ({
    name,
    n: table.N,
    metrics: Object.fromEntries(estimands.filter((e) => e.row.scope === 'group' && e.g === g).map((e) => [e.row.name, record(e)])),
  }));
  return {
    label,
    groups,
    metrics: Object.fromEntries(estimands.filter((e) => e.row.scope === 'label').map((e) => [e.row.name, record(e)])),
    deltas: { groups: [...table.groups], matrix: Array.from(means, (a) => Array.from(means, (b) => a - b)) },
  };
}

function valuesOn(estimands: readonly Estimand[], s: Sample): number[] {
  return estimands.map((e) => valueOf(e, s));
}

/** A permutation test's outcome for one estimand. */
export interface TestOutcomeOf {
  p: number | null;
  method: string;
}

/** Per label, the permutation test's outcome of each estimand that has one, in order (`permutationPs`). */
export type PermutationPs = TestOutcomeOf[][];

/**
 * The paired tests of every estimand that has some: the per-set differences against the
 * reference, Holm and BH adjusted across the groups, test by test.
 */
function pairedTests(view: AxisView, table: SetTable, p: LabelPlan, options: IntervalOptions): Map<Estimand, Map<TestName, TestResult>> {
  const tests = new Map<Estimand, Map<TestName, TestResult>>();
  const scale = PROBABILITY_SCALE;
  for (const e of p.estimands) {
    const names = (e.row.tests ?? []).filter((name) => name !== 'permutation');
    if (names.length === 0) continue;
    const g = e.row.scope === 'group' ? e.g : 1 - table.reference;
    const d = perSetDifferences(p.columns, table, g);
    const testOf = (name: TestName): TestResult => {
      if (name === 'paired_t') return testResult(name, pairedTTest(d, { scale }));
      if (name === 'wilcoxon') return testResult(name, wilcoxonSignedRank(d, { scale }));
      const rng = createRng(streamSeed(options.seed, `${view.name}:${p.label}:sign-flip:${table.groups[g]}`));
      return testResult(name, signFlipTest(d, { rng, resamples: options.resamples, scale }));
    };
    tests.set(e, new Map(names.map((name) => [name, testOf(name)])));
  }
  // The paired tests of a per-group metric form a family across the axis's groups.
  const perGroup = p.estimands.filter((e) => e.row.scope === 'group' && tests.has(e));
  for (const name of ['paired_t', 'wilcoxon', 'sign_flip'] as const) {
    adjustFamily(perGroup.flatMap((e) => tests.get(e)?.get(name) ?? []));
  }
  return tests;
}

/** f(x_ig) − f(x_i,ref) over the sets i. */
function perSetDifferences(columns: LabelColumns, table: SetTable, g: number): Float64Array {
  const { G, reference } = table;
  return Float64Array.from({ length: table.N }, (_, i) => columns.prob[i * G + g]! - columns.prob[i * G + reference]!);
}

/**
 * The permutation test of every row that asks for it, for every label of the view at once (one
 * relabelling serves all labels): group labels relabelled within each stratum of each set, the
 * statistic of each row its distance from "no disparity", |value − ideal|. Plain data in and
 * out, so that it can run in a worker thread (parallel.ts).
 * @param order the labels, as for `labelResultsAwaiting`.
 * @returns per label of `order`, the outcome of each of its estimands that has the test, in order.
 */
export function permutationPs(viewName: string, table: SetTable, order: readonly number[], options: IntervalOptions): PermutationPs {
  const pops = populations(table);
  const plans = order.map((l) => plan(viewName, table, l, pops));
  const tested = plans.map((p) => ({ p, estimands: p.estimands.filter(hasPermutationTest) }));
  const labels = tested.filter((t) => t.estimands.length > 0);
  if (labels.length === 0) return tested.map(() => []);
  // Each label's columns, copied once: relabelStrata rewrites the rows of sets of several strata.
  const relabelled = labels.map(({ p }) => ({ prob: p.columns.prob.slice(), predicted: p.columns.predicted.slice() }));
  const statistics = (perms: readonly Int32Array[]): number[] => {
    const through = relabelStrata(table, labels.map(({ p }) => p.l), perms, relabelled);
    return labels.flatMap(({ p, estimands }, k) => {
      const samples = new Map<Population, Sample>();
      return estimands.map((e) => {
        const pop = populationOf(e.row, pops);
        const s = samples.get(pop) ?? summarize(table, p.l, pop, null, relabelled[k]!, through);
        samples.set(pop, s);
        return Math.abs(valueOf(e, s) - (e.row.ideal ?? 0));
      });
    });
  };
  const blocks = table.strata.reduce((n, strata) => n + strata.length, 0);
  const rng = createRng(streamSeed(options.seed, `${viewName}:permutation`));
  const outcome = permutationTest(blocks, table.G, statistics, { rng, resamples: options.resamples, scale: PROBABILITY_SCALE });
  let k = 0;
  return tested.map(({ estimands }) => estimands.map(() => ({ p: outcome.p[k++] ?? null, method: outcome.method })));
}

/** The outcomes of `permutationPs` for one label, by estimand. */
function permutationOf(p: LabelPlan, outcomes: readonly TestOutcomeOf[]): Map<Estimand, TestOutcomeOf> {
  const tested = p.estimands.filter(hasPermutationTest);
  if (outcomes.length !== tested.length) throw new Error(`${outcomes.length} permutation tests for ${tested.length} estimands of ${p.label}`);
  return new Map(tested.map((e, k) => [e, outcomes[k]!]));
}

function hasPermutationTest(e: Estimand): boolean {
  return e.row.tests?.includes('permutation') ?? false;
}

/**
 * A relabelling of the groups within each stratum, as summarize reads it: `perms[b][g]` is the
 * group whose sentences group g takes in block b, the blocks being the strata of set 0, then of
 * set 1, and so on. A set of one stratum (most sets) is read through its block's permutation
 * (its row of the result). A set of several strata adds up its strata's relabelled sums and
 * counts into its rows of `out`, which are then read as they are (a null row).
 */
function relabelStrata(
  table: SetTable,
  labels: readonly number[],
  perms: readonly Int32Array[],
  out: LabelColumns[],
): (Int32Array | null)[] {
  const { G, L } = table;
  const through: (Int32Array | null)[] = [];
  const sums = new Float64Array(2 * labels.length * G);
  const counts = new Float64Array(G);
  let b = 0;
  for (let i = 0; i < table.N; i++) {
    const strata = table.strata[i]!;
    if (strata.length === 1) {
      through.push(perms[b++]!);
      continue;
    }
    through.push(null);
    sums.fill(0);
    counts.fill(0);
    for (const stratum of strata) {
      const perm = perms[b++]!;
      for (let g = 0; g < G; g++) {
        const source = perm[g]!;
        counts[g] = counts[g]! + stratum.count[source]!;
        for (let k = 0; k < labels.length; k++) {
          const at = source * L + labels[k]!;
          sums[2 * k * G + g] = sums[2 * k * G + g]! + stratum.prob[at]!;
          sums[(2 * k + 1) * G + g] = sums[(2 * k + 1) * G + g]! + stratum.predicted[at]!;
        }
      }
    }
    const row = i * G;
    for (let k = 0; k < labels.length; k++) {
      const to = out[k]!;
      for (let g = 0; g < G; g++) {
        to.prob[row + g] = sums[2 * k * G + g]! / counts[g]!;
        to.predicted[row + g] = sums[(2 * k + 1) * G + g]! / counts[g]!;
      }
    }
  }
  return through;
}
