/**
 * Errors that end an audit before it can run (exit code 2). Each is a value with a code, an
 * optional location in an input file, and a message written for the person who must fix it.
 */

/** Where a problem is: a file, and where known a 1-based line and column. */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

/** One problem in a user's input. */
export interface Problem {
  location?: SourceLocation;
  message: string;
  /**
   * Stable id of the kind of problem (`spec.unknown-key`, `classify.bad-probability`): what tests
   * and tools match on, while the message's wording stays free to improve.
   */
  id?: string;
}

/** A stage's messages: each id a function of the message's arguments. */
export type MessageCatalog = Readonly<Record<string, (...args: never[]) => string>>;

/**
 * A problem from a stage's message catalog: its id, its text made from `args`, and its location
 * when it has one.
 */
export function problemOf<C extends MessageCatalog, K extends keyof C & string>(
  catalog: C,
  id: K,
  location: SourceLocation | undefined,
  ...args: Parameters<C[K]>
): Problem {
  const message = (catalog[id] as (...a: Parameters<C[K]>) => string)(...args);
  return { id, message, ...(location ? { location } : {}) };
}

/** Machine-readable kind of failure; the CLI maps all of them to exit code 2. */
export type ErrorCode = 'spec' | 'lexicon' | 'model' | 'input' | 'io';

/** Most problems one error prints; the rest are counted. */
export const MAX_SHOWN_PROBLEMS = 50;

/**
 * An audit that cannot run. Carries every problem found at once, so a spec with three mistakes
 * is fixed in one edit, not three runs.
 */
export class CounterfairError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(code: ErrorCode, problems: Problem[] | Problem | string) {
    const list = typeof problems === 'string' ? [{ message: problems }] : Array.isArray(problems) ? problems : [problems];
    // A file with a million mistakes is fixed from its first few: the message shows at most
    // MAX_SHOWN_PROBLEMS and counts the rest (`problems` keeps every one).
    const shown = list.slice(0, MAX_SHOWN_PROBLEMS).map(formatProblem);
    if (list.length > MAX_SHOWN_PROBLEMS) shown.push(`… and ${list.length - MAX_SHOWN_PROBLEMS} more problems`);
    super(shown.join('\n'));
    this.name = 'CounterfairError';
    this.code = code;
    this.problems = list;
  }
}

/** Formats a location as `file:line:col`, `file:line` or `file`. */
export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  if (loc.col === undefined) return `${loc.file}:${loc.line}`;
  return `${loc.file}:${loc.line}:${loc.col}`;
}

/** Formats one problem as the single line the CLI prints: `file:line:col: message`. */
export function formatProblem(p: Problem): string {
  const message = oneLine(p.message);
  return p.location ? `${oneLine(formatLocation(p.location))}: ${message}` : message;
}

/** A problem is one line: a newline inside a quoted name or value is shown as `\n`. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** A path inside the spec: object keys and array indexes, e.g. ["gates", 0, "axis"]. */
export type SpecPath = readonly (string | number)[];

/** A problem found at a path inside the spec, before it is given a line and column. */
export interface SpecIssue {
  path: SpecPath;
  /** Point at the key rather than its value (unknown keys). */
  key?: boolean;
  message: string;
  /** Stable id of the kind of problem, as `Problem.id`. */
  id?: string;
}

/**
 * Thrown by the pure stages (generate, gate) when the spec asks for something impossible; the
 * caller, which holds the YAML document, turns the paths into file:line:col.
 */
export class SpecIssueError extends Error {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    this.name = 'SpecIssueError';
    this.issues = issues;
  }
}
