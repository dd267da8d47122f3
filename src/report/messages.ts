/**
 * The report stage's user-facing messages, each with a stable id (`Problem.id`): tests and tools
 * match on the id, so the wording can improve without breaking them.
 */
import { problemOf, type Problem, type SourceLocation } from '../shared/errors.js';

/** Every message of the report stage, by id. */
export const REPORT_MESSAGES = {
  /** The output folder holds the current folder (or is `/`): it cannot be swapped as a whole. */
  'report.out-holds-cwd': (dir: string) =>
    `cannot write reports here: ${dir} holds the current folder, and an output folder is replaced as a whole; ` +
    'pass --out a folder of its own',
  /** The output path exists and is not a folder. */
  'report.out-not-folder': () => 'cannot write reports here: it is a file, not a folder',
  /** Writing or swapping the folder failed (full disk, permissions…); nothing was changed. */
  'report.write-failed': (reason: string) => `cannot write reports (nothing was changed): ${reason}`,
  /** sentences.csv does not hold the sentences results.json was computed from. */
  'report.sentences-disagree': (what: string) =>
    `does not belong with results.json beside it: ${what}; the files come from different runs or one was edited (re-run the audit)`,
  /** vega could not draw a chart from the results. */
  'report.chart-failed': (chart: string, reason: string) => `cannot draw chart ${chart}: ${reason}`,
} as const;

export type ReportMessageId = keyof typeof REPORT_MESSAGES;

/** A located problem with its id and text. */
export function reportProblem<K extends ReportMessageId>(id: K, location: SourceLocation | undefined, ...args: Parameters<(typeof REPORT_MESSAGES)[K]>): Problem {
  return problemOf(REPORT_MESSAGES, id, location, ...args);
}
