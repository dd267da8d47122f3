/** Builds counterfactual sets and scores from small tables, for the metrics tests. */
import type { CounterfactualSet } from '../../src/generate/index.ts';
import type { SentenceScore } from '../../src/metrics/index.ts';

/** One sentence: its groups (axis → group) and its probability of each label. */
export interface SentenceSpec {
  groups: Record<string, string>;
  probs: number[];
}

/** Sets from sentence lists; a sentence's predicted label is its argmax (first on ties). */
export function makeSets(
  labels: readonly string[],
  sets: { axes: string[]; label?: string; sentences: SentenceSpec[] }[],
): { sets: CounterfactualSet[]; scores: Map<string, SentenceScore> } {
  const scores = new Map<string, SentenceScore>();
  const built = sets.map((set, i) => ({
    id: `s${i}`,
    template_id: `t${i}`,
    axes: set.axes,
    ...(set.label !== undefined ? { label: set.label } : {}),
    sentences: set.sentences.map((sentence, k) => {
      const id = `s${i}-${k}`;
      const best = sentence.probs.reduce((b, p, l) => (p > (sentence.probs[b] as number) ? l : b), 0);
      scores.set(id, { probs: sentence.probs, predicted: labels[best] as string });
      return { id, set_id: `s${i}`, template_id: `t${i}`, groups: sentence.groups, text: id, values: {} };
    }),
  }));
  return { sets: built, scores };
}

/** A two-label sentence of one axis with P(POS) = p. */
export function pos(axis: string, group: string, p: number): SentenceSpec {
  return { groups: { [axis]: group }, probs: [1 - p, p] };
}
