/**
 * An axis's sets as numbers: for each set, each group and each label, the group's mean
 * probability of the label and the share of its sentences predicted as the label. Everything
 * else is computed from these tables.
 */
import { CounterfairError } from '../shared/errors.js';
import type { CounterfactualSet, Sentence } from '../generate/types.js';

/** What the classifier said about one sentence, as the metrics need it. */
export interface SentenceScore {
  /** Probability of each label, in the model's label order. */
  probs: readonly number[];
  /** The predicted (argmax) label. */
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

/** Per-set numbers of one axis. Rows are sets; within a row, index g * L + l (group g, label l). */
export interface SetTable {
  groups: string[];
  labels: readonly string[];
  /** f_l(x_g): the mean probability of label l over the sentences of group g in the set. */
  prob: Float64Array[];
  /** Share of the sentences of group g in the set predicted as label l. */
  predicted: Float64Array[];
  /** Sets whose sentences do not all get the same predicted label. */
  flipped: boolean[];
  /** Index of the set's gold label in `labels`, or null for a set without one. */
  gold: (number | null)[];
}

/** Builds the table of an axis view from its sets and the sentence scores. */
export function buildTable(view: AxisView, sets: readonly CounterfactualSet[], scores: ReadonlyMap<string, SentenceScore>, labels: readonly string[]): SetTable {
  const G = view.groups.length;
  const L = labels.length;
  const groupIndex = new Map(view.groups.map((g, i) => [g, i]));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const table: SetTable = { groups: view.groups, labels, prob: [], predicted: [], flipped: [], gold: [] };
  for (const set of sets) {
    const prob = new Float64Array(G * L);
    const predicted = new Float64Array(G * L);
    const count = new Uint32Array(G);
    const seen = new Set<string>();
    for (const s of set.sentences) {
      const name = view.groupOf(s);
      const g = name === undefined ? undefined : groupIndex.get(name);
      const score = scores.get(s.id);
      if (g === undefined || score === undefined) throw new Error(`sentence ${s.id} of set ${set.id} has no score or no group on ${view.name}`);
      score.probs.forEach((p, l) => (prob[g * L + l]! += p));
      predicted[g * L + (labelIndex.get(score.predicted) as number)]! += 1;
      count[g]! += 1;
      seen.add(score.predicted);
    }
    for (let g = 0; g < G; g++) {
      if (count[g] === 0) throw new Error(`set ${set.id} has no sentence for group "${view.groups[g]}" of ${view.name}`);
      for (let l = 0; l < L; l++) {
        prob[g * L + l]! /= count[g] as number;
        predicted[g * L + l]! /= count[g] as number;
      }
    }
    table.prob.push(prob);
    table.predicted.push(predicted);
    table.flipped.push(seen.size > 1);
    table.gold.push(goldIndex(set, labelIndex, labels));
  }
  return table;
}

function goldIndex(set: CounterfactualSet, labelIndex: ReadonlyMap<string, number>, labels: readonly string[]): number | null {
  if (set.label === undefined) return null;
  const l = labelIndex.get(set.label);
  if (l === undefined) {
    const row = set.corpus_row !== undefined ? `corpus row ${set.corpus_row}` : `set ${set.id}`;
    throw new CounterfairError('input', `${row} has gold label "${set.label}", which is not a label of the model (${labels.join(', ')})`);
  }
  return l;
}
