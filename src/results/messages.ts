/**
 * The results stage's user-facing messages (reading a run back), each with a stable id
 * (`Problem.id`): tests and tools match on the id, so the wording can improve without breaking them.
 */
import { problemOf, type Problem, type SourceLocation } from '../shared/errors.js';

/** Every message of the results stage, by id. */
export const RESULTS_MESSAGES = {
  /** The path given is neither a results.json nor a folder holding one. */
  'results.no-file': () => 'no such file: expected a results.json or a folder holding one',
  /** A file of the run cannot be read (permissions, missing). */
  'results.cannot-read': (code: string, hint: string | undefined) => `cannot read: ${code}${hint ? `; ${hint}` : ''}`,
  /** results.json or timings.json is not JSON. */
  'results.bad-json': (reason: string) => `not valid JSON: ${reason}`,
  /** A field does not have the contract's shape. */
  'results.bad-field': (path: string, reason: string) => `${path}: ${reason}`,
  /** The stated verdict is not the one the gates give. */
  'results.verdict-disagrees': (stated: string, derived: string) =>
    `verdict "${stated}" disagrees with its gates, which give "${derived}": the file was edited or is corrupt`,
  /** sentences.csv is not CSV. */
  'results.bad-csv': (reason: string) => `not valid CSV: ${reason}`,
  /** sentences.csv has no header row. */
  'results.csv-empty': () => 'the file is empty: expected a header row',
  /** sentences.csv lacks columns the results need. */
  'results.csv-missing-columns': (columns: readonly string[]) =>
    `missing column${columns.length > 1 ? 's' : ''} ${columns.map((m) => JSON.stringify(m)).join(', ')}`,
  /** A cell of sentences.csv holds a value its column cannot. */
  'results.csv-bad-cell': (column: string, what: string) => `${column}: ${what}`,
} as const;

export type ResultsMessageId = keyof typeof RESULTS_MESSAGES;

/** A located problem with its id and text. */
export function resultsProblem<K extends ResultsMessageId>(id: K, location: SourceLocation, ...args: Parameters<(typeof RESULTS_MESSAGES)[K]>): Problem {
  return problemOf(RESULTS_MESSAGES, id, location, ...args);
}
