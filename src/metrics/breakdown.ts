/**
 * Breakdowns: every axis's metrics on the sets of one value of a filler (EEC's tables per
 * emotion) or of one template. Sets without the filler (templates that do not use it) are in no
 * value of its breakdown.
 */
import type { CounterfactualSet, Generated } from '../generate/index.js';
import { streamSeed } from '../shared/rng.js';
import { axisViews, computeViews, type LabelOptions, type SentenceScore } from './axis.js';
import { BREAKDOWN_BY_TEMPLATE } from './schema.js';
import type { Breakdown, IntervalOptions } from './types.js';

export { BREAKDOWN_BY_TEMPLATE } from './schema.js';

/**
 * A set's filler words by filler name: slots `{emotion.state}` and `{emotion}` both belong to
 * the filler "emotion"; several different words of one filler are joined with " / ".
 */
export function fillerWords(set: Pick<CounterfactualSet, 'fillers'>): Record<string, string> {
  const words = new Map<string, string[]>();
  for (const [slot, word] of Object.entries(set.fillers ?? {})) {
    const name = slot.split('.')[0] ?? slot;
    const list = words.get(name) ?? [];
    if (!list.includes(word)) list.push(word);
    words.set(name, list);
  }
  return Object.fromEntries([...words].map(([name, list]) => [name, list.join(' / ')]));
}

/** The value of a set in a breakdown: its template id, or its filler's group (lexicon) or word (list). */
export function breakdownKey(set: CounterfactualSet, by: string): string | undefined {
  if (by === BREAKDOWN_BY_TEMPLATE) return set.template_id;
  return set.filler_groups?.[by] ?? fillerWords(set)[by];
}

/**
 * Every axis's results per value of each breakdown, values in the order their first set was
 * generated. Each value's bootstrap draws from streams of its own.
 */
export function computeBreakdowns(
  generated: Pick<Generated, 'axes' | 'sets'>,
  scores: ReadonlyMap<string, SentenceScore>,
  labels: LabelOptions,
  options: IntervalOptions,
  by: readonly string[],
): Breakdown[] {
  return by.flatMap((name) => {
    const values = new Map<string, CounterfactualSet[]>();
    for (const set of generated.sets) {
      const value = breakdownKey(set, name);
      if (value === undefined) continue;
      const list = values.get(value) ?? [];
      list.push(set);
      values.set(value, list);
    }
    return [...values].map(([value, sets]) => {
      const views = axisViews({ axes: generated.axes, sets }).filter((v) => v.sets.length > 0);
      const seed = streamSeed(options.seed, `breakdown:${name}=${value}`);
      return { by: name, value, n_sets: sets.length, axes: computeViews(views, scores, labels, { ...options, seed }) };
    });
  });
}
