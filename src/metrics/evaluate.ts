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

/** What decides which rows are computed on a table for label l. */
function availability(view: AxisView, table: SetTable, l: number, label: string): Availability {
  const labelled = table.gold.filter((g) => g !== null);
  return { axis: view.name, groups: table.G, label, labelled: labelled.length, positives: labelled.filter((g) => g === l).length };
}

/** Every group and axis-level metric of label `l` (index into the table's labels) on one view. */
export function labelResult(view: AxisView, table: SetTable, l: number, options: IntervalOptions): LabelResult {
  const label = table.labels[l]!;
  const pops = populations(table);
  const avail = availability(view, table, l, label);
  const columns = labelColumns(table, l);
  const computed = ROWS.filter((r): r is GroupRow | LabelRow => r.scope !== 'axis' && r.requires?.(avail) === undefined);
  const populationOf = (row: MetricRow): Population => (row.over === 'sets' ? pops.all : (pops.labelled as Population));
  const point = new Map<Population, Sample>();
  for (const row of computed) {
    const pop = populationOf(row);
    if (!point.has(pop)) point.set(pop, summarize(table, l, pop, null, columns));
  }
  const valueOf = (e: Pick<Estimand, 'row' | 'g'>, s: Sample): number => (e.row.scope === 'group' ? e.row.value(s, e.g) : e.row.value(s));
  const estimands: Estimand[] = computed.flatMap((row) => {
    const at = (g: number) => ({ row, g, value: valueOf({ row, g }, point.get(populationOf(row)) as Sample) });
    return row.scope === 'label' ? [at(-1)] : table.groups.flatMap((_, g) => (row.notOnReference && g === table.reference ? [] : [at(g)]));
  });

  // Intervals: one bootstrap per population, one seeded stream each.
  const intervals = new Map<Estimand, { ci: Interval | null; reason?: string }>();
  for (const [pop, stream] of [[pops.all, `${view.name}:${label}`], [pops.labelled, `${view.name}:${label}:labelled`]] as const) {
    if (pop === null) continue;
    const drawn = estimands.filter((e) => e.row.interval === 'bootstrap' && populationOf(e.row) === pop);
    if (drawn.length === 0) continue;
    if (pop.sets.length < 2) {
      for (const e of drawn) intervals.set(e, { ci: null, reason: pop === pops.all ? ONE_SET : ONE_LABELLED_SET });
      continue;
    }
    const rng = createRng(streamSeed(options.seed, stream));
    const cis = percentileBootstrap(pop.sets.length, (w) => drawn.map((e) => valueOf(e, summarize(table, l, pop, w, columns))), { ...options, rng });
    drawn.forEach((e, k) => intervals.set(e, { ci: cis[k] ?? null, reason: MOSTLY_UNDEFINED }));
  }
  const counts = { sets: table.N, labelled: avail.labelled, positives: avail.positives, negatives: avail.labelled - avail.positives };
  for (const e of estimands.filter((x) => x.row.interval === 'wilson')) {
    const share = Math.min(1, Math.max(0, e.value));
    intervals.set(e, { ci: wilsonIntervalOfShare(share, counts[e.row.over], options.confidence) });
  }

  const tests = testsOf(view, table, l, estimands, options, columns, pops);
  const valueRecord = (e: Estimand): MetricValue => {
    const { ci, reason } = intervals.get(e) ?? { ci: null };
    return metricValue(e.row.name, e.value, ci, counts[e.row.over], e.row.method, { ci_reason: reason, tests: tests.get(e), flag: e.row.flag?.(e.value) });
  };
  const groups: GroupResult[] = table.groups.map((name, g) => ({
    name,
    n: table.N,
    metrics: Object.fromEntries(estimands.filter((e) => e.row.scope === 'group' && e.g === g).map((e) => [e.row.name, valueRecord(e)])),
  }));
  const means = (point.get(pops.all) ?? summarize(table, l, pops.all, null, columns)).mean;
  return {
    label,
    groups,
    metrics: Object.fromEntries(estimands.filter((e) => e.row.scope === 'label').map((e) => [e.row.name, valueRecord(e)])),
    deltas: { groups: [...table.groups], matrix: Array.from(means, (a) => Array.from(means, (b) => a - b)) },
  };
}

/** The label-free metrics of a view (flip_rate, pairwise_flip_rate, total_variation). */
export function axisMetrics(view: AxisView, table: SetTable, options: IntervalOptions): Record<string, MetricValue> {
  const { all } = populations(table);
  const rows = ROWS.filter((r): r is AxisRow => r.scope === 'axis');
  const point = summarizeAxis(table, all, null);
  const drawn = rows.filter((r) => r.interval === 'bootstrap');
  const cis =
    table.N < 2
      ? drawn.map(() => null)
      : percentileBootstrap(table.N, (w) => drawn.map((r) => r.value(summarizeAxis(table, all, w))), { ...options, rng: createRng(streamSeed(options.seed, `${view.name}:pairs`)) });
  return Object.fromEntries(
    rows.map((r) => {
      const v = r.value(point);
      const ci = r.interval === 'wilson' ? wilsonIntervalOfShare(v, table.N, options.confidence) : (cis[drawn.indexOf(r)] ?? null);
      return [r.name, metricValue(r.name, v, ci, table.N, r.method, { ci_reason: table.N < 2 ? ONE_SET : MOSTLY_UNDEFINED })];
    }),
  );
}

/**
 * The tests of every estimand that has some: the paired tests of the per-set differences
 * against the reference (Holm and BH adjusted across the groups, test by test), and one
 * permutation test for every row that asks for it.
 */
function testsOf(
  view: AxisView,
  table: SetTable,
  l: number,
  estimands: Estimand[],
  options: IntervalOptions,
  columns: LabelColumns,
  pops: ReturnType<typeof populations>,
): Map<Estimand, TestResult[]> {
  const label = table.labels[l]!;
  const tests = new Map<Estimand, TestResult[]>();
  const permuted = estimands.filter((e) => e.row.tests?.includes('permutation'));
  const permutation = permuted.length > 0 ? permutationPs(view, table, l, permuted, options, pops) : [];
  for (const e of estimands) {
    const names: readonly TestName[] = e.row.tests ?? [];
    if (names.length === 0) continue;
    const g = e.row.scope === 'group' ? e.g : 1 - table.reference;
    const d = perSetDifferences(columns, table, g);
    const scale = PROBABILITY_SCALE;
    tests.set(
      e,
      names.map((name) => {
        if (name === 'paired_t') return testResult(name, pairedTTest(d, { scale }));
        if (name === 'wilcoxon') return testResult(name, wilcoxonSignedRank(d, { scale }));
        if (name === 'sign_flip') {
          const rng = createRng(streamSeed(options.seed, `${view.name}:${label}:sign-flip:${table.groups[g]}`));
          return testResult(name, signFlipTest(d, { rng, resamples: options.resamples, scale }));
        }
        const outcome = permutation[permuted.indexOf(e)] ?? { p: null, method: 'permutation test' };
        return testResult(name, { statistic: e.value, ...outcome });
      }),
    );
  }
  // The paired tests of a per-group metric form a family across the axis's groups.
  const perGroup = estimands.filter((e) => e.row.scope === 'group' && tests.has(e));
  for (const name of ['paired_t', 'wilcoxon', 'sign_flip']) {
    adjustFamily(perGroup.flatMap((e) => (tests.get(e) ?? []).filter((t) => t.name === name)));
  }
  return tests;
}

/** f(x_ig) − f(x_i,ref) over the sets i. */
function perSetDifferences(columns: LabelColumns, table: SetTable, g: number): Float64Array {
  const { G, reference } = table;
  return Float64Array.from({ length: table.N }, (_, i) => columns.prob[i * G + g]! - columns.prob[i * G + reference]!);
}

/**
 * The permutation test of every row that asks for it, on label l: group labels relabelled
 * within each stratum of each set, the statistic of each row its distance from "no disparity",
 * |value − ideal|.
 */
function permutationPs(view: AxisView, table: SetTable, l: number, estimands: Estimand[], options: IntervalOptions, pops: ReturnType<typeof populations>): { p: number | null; method: string }[] {
  const { N, G, L } = table;
  const blocks = table.strata.flatMap((strata, i) => strata.map((stratum) => ({ i, stratum })));
  const sums = new Float64Array(N * G);
  const selected = new Float64Array(N * G);
  const counts = new Float64Array(N * G);
  const relabelled: LabelColumns = { prob: new Float64Array(N * G), predicted: new Float64Array(N * G) };
  const statistics = (perms: readonly Int32Array[]): number[] => {
    sums.fill(0);
    selected.fill(0);
    counts.fill(0);
    blocks.forEach(({ i, stratum }, b) => {
      const perm = perms[b]!;
      for (let g = 0; g < G; g++) {
        const from = perm[g]!;
        sums[i * G + g] = sums[i * G + g]! + stratum.prob[from * L + l]!;
        selected[i * G + g] = selected[i * G + g]! + stratum.predicted[from * L + l]!;
        counts[i * G + g] = counts[i * G + g]! + stratum.count[from]!;
      }
    });
    for (let k = 0; k < N * G; k++) {
      relabelled.prob[k] = sums[k]! / counts[k]!;
      relabelled.predicted[k] = selected[k]! / counts[k]!;
    }
    const samples = new Map<Population, Sample>();
    const sampleOf = (pop: Population): Sample => {
      const s = samples.get(pop) ?? summarize(table, l, pop, null, relabelled);
      samples.set(pop, s);
      return s;
    };
    return estimands.map((e) => {
      const s = sampleOf(e.row.over === 'sets' ? pops.all : (pops.labelled as Population));
      const v = e.row.scope === 'group' ? e.row.value(s, e.g) : e.row.value(s);
      return Math.abs(v - (e.row.ideal ?? 0));
    });
  };
  const rng = createRng(streamSeed(options.seed, `${view.name}:${table.labels[l]}:permutation`));
  const outcome = permutationTest(blocks.length, G, statistics, { rng, resamples: options.resamples, scale: PROBABILITY_SCALE });
  return outcome.p.map((p) => ({ p, method: outcome.method }));
}
