/**
 * Per-axis results: every metric of the catalog for every label (the audited one first), and
 * one result per combination of axes that a set varies together (intersectional templates).
 */
import type { AxisInfo, CounterfactualSet, Generated, Sentence } from '../generate/index.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';
import { axisMetrics, labelResultsAwaiting, permutationPs, type PermutationPs } from './evaluate.js';
import { buildTable, type AxisView, type SentenceScore, type SetTable } from './table.js';
import type { AxisResult, IntervalOptions } from './types.js';

export type { SentenceScore } from './table.js';

/** The model's labels and the one under audit. */
export interface LabelOptions {
  /** Every label, in the model's order (the order of `SentenceScore.probs`). */
  labels: readonly string[];
  audited: string;
}

/**
 * Computes every axis of an audit, then every combination of axes that sets vary together
 * ("gender × country"), in the order the spec declares the axes.
 * @param scores sentence id → score.
 */
export function computeAxes(
  generated: Pick<Generated, 'axes' | 'sets'>,
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
): AxisResult[] {
  return computeViews(axisViews(generated), scores, labels, options);
}

/** Computes views with their sets (axisViews), in order. */
export function computeViews(
  views: readonly { view: AxisView; sets: readonly CounterfactualSet[] }[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
): AxisResult[] {
  return views.map(({ view, sets }) => computeView(view, sets, scores, labels, options));
}

/**
 * What `computeAxes` computes, before any model runs: each axis with the sets that vary it,
 * then each combination of axes with the sets that vary all of them.
 */
export function axisViews(generated: Pick<Generated, 'axes' | 'sets'>): { view: AxisView; sets: CounterfactualSet[] }[] {
  const single = generated.axes.map((axis) => ({ view: singleView(axis), sets: generated.sets.filter((s) => s.axes.includes(axis.name)) }));
  const combos = combinations(generated.axes, generated.sets).map((view) => ({
    view,
    sets: generated.sets.filter((s) => view.axes.every((a) => s.axes.includes(a))),
  }));
  return [...single, ...combos];
}

/**
 * Computes one axis's metrics for every label (the audited one first).
 * The reference group is the spec's `reference`, or else the axis's first group.
 * @param sets the sets that vary the axis, in generation order.
 */
export function computeAxis(
  axis: AxisInfo,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
): AxisResult {
  return computeView(singleView(axis), sets, scores, labels, options);
}

/** An axis as the metrics see it; its reference is the spec's, or else its first group. */
function singleView(axis: AxisInfo): AxisView {
  return {
    name: axis.name,
    axes: [axis.name],
    lexicons: [axis.lexicon],
    groups: axis.groups,
    reference: axis.reference ?? axis.groups[0] ?? '',
    groupOf: (s) => s.groups[axis.name],
  };
}

function computeView(
  view: AxisView,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
): AxisResult {
  const work = viewWork(view, sets, scores, labels);
  return viewResult(work, options)(permutationPs(view.name, work.table, work.order, options));
}

/** A view's sets as a table, and its labels in the order results list them (the audited one first). */
export interface ViewWork {
  view: AxisView;
  sets: readonly CounterfactualSet[];
  table: SetTable;
  /** Indices into the table's labels. */
  order: number[];
}

/** The table of a view, checked to have sets and groups to compare. */
export function viewWork(
  view: AxisView,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
): ViewWork {
  if (sets.length === 0) throw new RangeError(`axis "${view.name}" has no sets`);
  if (view.groups.length < 2) throw new RangeError(`axis "${view.name}" has fewer than two groups`);
  const table = buildTable(view, sets, scores, labels.labels);
  const order = [labels.audited, ...labels.labels.filter((l) => l !== labels.audited)].map((label) => labels.labels.indexOf(label));
  return { view, sets, table, order };
}

/**
 * A view's results but for its permutation tests: computed now, and completed by the returned
 * function with `permutationPs` of the view (evaluate.ts's `labelResultsAwaiting`).
 */
export function viewResult(work: ViewWork, options: IntervalOptions): (permutation: PermutationPs) => AxisResult {
  const { view, sets, table, order } = work;
  const metrics = axisMetrics(view, table, options);
  const labels = labelResultsAwaiting(view, table, order, options);
  return (permutation) => ({
    name: view.name,
    axes: view.axes,
    lexicons: view.lexicons,
    reference: view.reference,
    n_sets: sets.length,
    n_sentences: sets.reduce((n, s) => n + s.sentences.length, 0),
    metrics,
    labels: labels(permutation),
  });
}

/**
 * The combinations of axes that some set varies together, as views whose groups are the
 * combinations of the axes' groups ("female × India"), axes in declaration order.
 */
function combinations(axes: readonly AxisInfo[], sets: readonly CounterfactualSet[]): AxisView[] {
  const seen = new Map<string, AxisInfo[]>();
  for (const set of sets) {
    if (set.axes.length < 2) continue;
    const members = axes.filter((a) => set.axes.includes(a.name));
    const key = members.map((a) => a.name).join(COMBINATION_SEPARATOR);
    if (!seen.has(key)) seen.set(key, members);
  }
  const order = (members: AxisInfo[]) => members.map((m) => axes.indexOf(m));
  return [...seen.entries()]
    .sort(([, a], [, b]) => compareIndexLists(order(a), order(b)))
    .map(([name, members]) => ({
      name,
      axes: members.map((a) => a.name),
      lexicons: members.map((a) => a.lexicon),
      groups: product(members.map((a) => a.groups)).map((parts) => parts.join(COMBINATION_SEPARATOR)),
      reference: members.map((a) => a.reference ?? a.groups[0] ?? '').join(COMBINATION_SEPARATOR),
      groupOf: (s: Sentence) => {
        const parts = members.map((a) => s.groups[a.name]);
        return parts.every((p) => p !== undefined) ? parts.join(COMBINATION_SEPARATOR) : undefined;
      },
    }));
}

function product(lists: readonly string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]);
}

function compareIndexLists(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
