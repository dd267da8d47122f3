/**
 * The compare stage's user-facing messages, each with a stable id (`Problem.id`): tests and
 * tools match on the id, so the wording can improve without breaking them.
 */
import { problemOf, type Problem, type SourceLocation } from '../shared/errors.js';

/** Every message of the compare stage, by id. */
export const COMPARE_MESSAGES = {
  /** The runs audit different things (an axis's groups, the audited label). */
  'compare.incomparable': (other: string, problems: string) => `cannot be compared with ${other}: ${problems}`,
  /** The templates differ and the runs share no set at all. */
  'compare.no-shared-sets': (other: string) =>
    `shares no counterfactual set with ${other} (their templates differ entirely): there is nothing to compare`,
} as const;

export type CompareMessageId = keyof typeof COMPARE_MESSAGES;

/** A located problem with its id and text. */
export function compareProblem<K extends CompareMessageId>(id: K, location: SourceLocation, ...args: Parameters<(typeof COMPARE_MESSAGES)[K]>): Problem {
  return problemOf(COMPARE_MESSAGES, id, location, ...args);
}
