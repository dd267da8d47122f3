/**
 * An axis's sets as numbers, with their strata. A stratum of a set, for an axis A, is the
 * sentences that share every other axis's group (the set's filler words are shared by all its
 * sentences): they differ only in A, so they are A's counterfactual unit. A set that varies A
 * alone is one stratum; a gender × country set has one gender stratum per country.
 *
 * Group means are per set, over all of a group's sentences in the set (every stratum); per-set
 * statistics (CTF gap, PSA, flips, total variation) are computed within each stratum and
 * averaged over the set's strata.
 */
import { CounterfairError } from '../shared/errors.js';
import type { CounterfactualSet, Sentence } from '../generate/index.js';
import { unknownGoldLabel } from './messages.js';
import { meanPairwiseAbsDiff, meanPairwiseTotalVariation, pairwiseDisagreement, populationSd, range } from './per-set.js';

/** What the classifier said about one sentence, as the metrics need it. */
export interface SentenceScore {
  /** Probability of each label, in the model's label order. */
  probs: readonly number[];
  /**
   * The predicted label: the argmax of `probs`, the first label in the model's order winning a
   * tie (so with labels [NEGATIVE, POSITIVE] a probability of exactly 0.5 predicts NEGATIVE).
   */
  predicted: string;
}

/** An axis, or a combination of axes, as the metrics see it. */
export interface AxisView {
  /** "country", or "gender × country" for a combination. */
  name: string;
  axes: string[];
  lexicons: string[];
  /** Groups in report order (combinations: "female × India"). */
  groups: string[];
  /** The group deltas are taken against. */
  reference: string;
  /** The group a sentence stands for on this axis (view). */
  groupOf(sentence: Sentence): string | undefined;
}

/** Sums over the sentences of one stratum: group g, label l at g * L + l. */
export interface Stratum {
  /** Σ of the probability of label l over the stratum's sentences of group g. */
  prob: Float64Array;
  /** How many of those sentences are predicted l. */
  predicted: Float64Array;
  /** Sentences of group g. */
  count: Uint32Array;
}

/**
 * Per-set numbers of one axis view. Group columns are label-major: label l's N × G block starts
 * at l · N · G, set i's row of it at (l · N + i) · G. Per-set statistics of label l at l · N + i.
 */
export interface SetTable {
  groups: string[];
  labels: readonly string[];
  /** Index of the reference group. */
  reference: number;
  /** Sets (N), groups (G), labels (L). */
  N: number;
  G: number;
  L: number;
  /** f_l(x_ig): the mean probability of label l over the sentences of group g in set i. */
  prob: Float64Array;
  /** Share of the sentences of group g in set i predicted as label l. */
  predicted: Float64Array;
  /**
   * Per-set statistics of label l, each the mean over the set's strata of the stratum's value:
   * CTF gap, PSA range and PSA deviation, at (l · N + i) · 3 + 0, 1, 2.
   */
  perSet: Float64Array;
  /**
   * Label-free per-set statistics at i · 3 + 0, 1, 2: the share of the set's strata whose
   * sentences do not all get the same predicted label, and the mean over its strata of the
   * pairwise disagreement and of the mean pairwise total variation.
   */
  labelFree: Float64Array;
  /** Index of the set's gold label in `labels`, or null for a set without one. */
  gold: (number | null)[];
  /** Each set's strata, for the permutation test. */
  strata: Stratum[][];
}

/** One label's N × G group columns (views into a SetTable, or permuted copies). */
export interface LabelColumns {
  prob: Float64Array;
  predicted: Float64Array;
}

/** Label l's group columns of a table. */
export function labelColumns(table: SetTable, l: number): LabelColumns {
  const size = table.N * table.G;
  return { prob: table.prob.subarray(l * size, (l + 1) * size), predicted: table.predicted.subarray(l * size, (l + 1) * size) };
}

/**
 * The stratum of a sentence for an axis view: its groups on the set's other axes, as one key
 * (empty when the set varies only the view's axes). Sentences with the same key differ only in
 * the view's axes; the report's extreme pairs should pair only those.
 */
export function stratumKey(setAxes: readonly string[], viewAxes: readonly string[], groups: Readonly<Record<string, string>>): string {
  return setAxes
    .filter((a) => !viewAxes.includes(a))
    .map((a) => `${a}=${groups[a] ?? ''}`)
    .join('\u0000');
}

/** Builds the table of an axis view from its sets and the sentence scores. */
export function buildTable(
  view: AxisView,
  sets: readonly CounterfactualSet[],
  scores: ReadonlyMap<string, SentenceScore>,
  labels: readonly string[],
): SetTable {
  const N = sets.length;
  const G = view.groups.length;
  const L = labels.length;
  const groupIndex = new Map(view.groups.map((g, i) => [g, i]));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const table: SetTable = {
    groups: view.groups,
    labels,
    reference: view.groups.indexOf(view.reference),
    N,
    G,
    L,
    prob: new Float64Array(L * N * G),
    predicted: new Float64Array(L * N * G),
    perSet: new Float64Array(L * N * 3),
    labelFree: new Float64Array(N * 3),
    gold: sets.map((set) => goldIndex(set, labelIndex, labels)),
    strata: [],
  };
  sets.forEach((set, i) => {
    const whole = newStratum(G, L);
    const strata = new Map<string, Stratum>();
    for (const s of set.sentences) {
      const name = view.groupOf(s);
      const g = name === undefined ? undefined : groupIndex.get(name);
      const score = scores.get(s.id);
      const predicted = score === undefined ? undefined : labelIndex.get(score.predicted);
      if (g === undefined || score === undefined || predicted === undefined) {
        throw new Error(`sentence ${s.id} of set ${set.id} has no score or no group on ${view.name}`);
      }
      const key = stratumKey(set.axes, view.axes, s.groups);
      const stratum = strata.get(key) ?? newStratum(G, L);
      strata.set(key, stratum);
      for (const target of [whole, stratum]) add(target, g, L, score.probs, predicted);
    }
    const list = [...strata.values()];
    for (const stratum of list) {
      const missing = stratum.count.findIndex((c) => c === 0);
      if (missing >= 0) {
        throw new Error(`set ${set.id} has a stratum without a sentence of group "${view.groups[missing]}" of ${view.name}`);
      }
    }
    table.strata.push(list);
    for (let l = 0; l < L; l++) {
      for (let g = 0; g < G; g++) {
        const at = (l * N + i) * G + g;
        table.prob[at] = whole.prob[g * L + l]! / whole.count[g]!;
        table.predicted[at] = whole.predicted[g * L + l]! / whole.count[g]!;
      }
      const perStratum = list.map((stratum) => Float64Array.from({ length: G }, (_, g) => stratum.prob[g * L + l]! / stratum.count[g]!));
      const statistics = [meanOf(perStratum, meanPairwiseAbsDiff), meanOf(perStratum, range), meanOf(perStratum, populationSd)];
      table.perSet.set(statistics, (l * N + i) * 3);
    }
    table.labelFree.set(
      [
        meanOf(list, (s) => (labelsUsed(s, G, L) > 1 ? 1 : 0)),
        meanOf(list, (s) => pairwiseDisagreement(perSentence(s.predicted, s.count, L), G, L)),
        meanOf(list, (s) => meanPairwiseTotalVariation(perSentence(s.prob, s.count, L), G, L)),
      ],
      i * 3,
    );
  });
  return table;
}

function newStratum(G: number, L: number): Stratum {
  return { prob: new Float64Array(G * L), predicted: new Float64Array(G * L), count: new Uint32Array(G) };
}

function add(stratum: Stratum, g: number, L: number, probs: readonly number[], predicted: number): void {
  probs.forEach((p, l) => (stratum.prob[g * L + l] = stratum.prob[g * L + l]! + p));
  stratum.predicted[g * L + predicted] = stratum.predicted[g * L + predicted]! + 1;
  stratum.count[g] = stratum.count[g]! + 1;
}

/** How many labels some sentence of the stratum is predicted as. */
function labelsUsed(stratum: Stratum, G: number, L: number): number {
  let used = 0;
  for (let l = 0; l < L; l++) {
    let any = false;
    for (let g = 0; g < G; g++) any ||= stratum.predicted[g * L + l]! > 0;
    if (any) used++;
  }
  return used;
}

/** Sums per group and label divided by the group's sentence count: means, or shares of sentences. */
function perSentence(sums: Float64Array, count: Uint32Array, L: number): Float64Array {
  return sums.map((v, k) => v / count[Math.floor(k / L)]!);
}

function meanOf<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((s, item) => s + f(item), 0) / items.length;
}

function goldIndex(set: CounterfactualSet, labelIndex: ReadonlyMap<string, number>, labels: readonly string[]): number | null {
  if (set.label === undefined) return null;
  const l = labelIndex.get(set.label);
  if (l === undefined) {
    const row = set.corpus_row !== undefined ? `corpus row ${set.corpus_row}` : `set ${set.id}`;
    throw new CounterfairError('input', unknownGoldLabel(row, set.label, labels));
  }
  return l;
}
