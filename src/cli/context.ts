/**
 * What every command receives: the streams it prints to, the environment and working folder it
 * runs in (passed in, so tests run commands in-process), and the few rules of what reaches the
 * terminal: exit codes, the coloured verdict, and output that cannot start a workflow command.
 */
import path from 'node:path';
import { createColors } from 'picocolors';
import type { VerdictName } from '../gate/index.js';

/** Where a command writes; the process streams in the bin, buffers in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress is a bar redrawn in place rather than a line per tenth. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** stdout is a terminal: the verdict is coloured (unless NO_COLOR is set). */
  stdoutIsTTY?: boolean;
  /** The environment (default: the process's). */
  env?: NodeJS.ProcessEnv;
  /** The folder relative paths are shown from (default: the process's). */
  cwd?: string;
}

/** Exit codes, the same for every command. */
export const EXIT = { pass: 0, gateFailed: 1, cannotRun: 2, inconclusive: 3 } as const;

/** The exit code of each verdict. */
export const VERDICT_EXIT: Record<VerdictName, number> = { passed: EXIT.pass, failed: EXIT.gateFailed, inconclusive: EXIT.inconclusive };

/** A command's view of the CLI: guarded output, environment, folder. */
export interface CliContext {
  /** Prints to stdout; every line is made inert (see `inertLines`). */
  out(text: string): void;
  /** Prints to stderr, made inert the same way. */
  err(text: string): void;
  /** Prints GitHub workflow commands counterfair means to print (annotations), as they are. */
  annotate(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  io: CliIo;
}

/** Builds a command's context over the CLI's streams. */
export function cliContext(io: CliIo): CliContext {
  return {
    out: (text) => io.stdout(inertLines(text)),
    err: (text) => io.stderr(inertLines(text)),
    // Annotations are meant to start lines; their texts are %-escaped by the annotation writer.
    annotate: (text) => io.stdout(text.replace(CONTROLS, escapeChar)),
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    io,
  };
}

/**
 * Text that cannot act on a terminal or a CI runner: control characters other than newline, tab
 * and colour codes are shown escaped (`\r`, `\u001b]…`), and a line that would begin with `::`
 * (a GitHub workflow command such as `::stop-commands::`) gets a space in front. Untrusted names
 * with a newline in them cannot start a line of their own either: messages escape their newlines
 * (`formatProblem`, `inert`), so every line counterfair prints begins with its own text.
 */
export function inertLines(text: string): string {
  return text.replace(CONTROLS, escapeChar).replace(/^::/gm, ' ::');
}

/** Control characters but newline and tab, and escape sequences but colours (`\u001b[31m`). */
const CONTROLS = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One untrusted value (a name, a label) on one line: newlines and controls escaped. */
export function inert(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escapeChar);
}

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `PASSED: name`, green; `FAILED`, red; `INCONCLUSIVE`, amber (yellow): never green. */
export function verdictLine(verdict: VerdictName, name: string, ctx: CliContext): string {
  const c = createColors(ctx.io.stdoutIsTTY === true && !ctx.env['NO_COLOR']);
  const paint = { passed: c.green, failed: c.red, inconclusive: c.yellow }[verdict];
  return `${paint(c.bold(verdict.toUpperCase()))}: ${inert(name)}\n`;
}

/** A path as the user should read it: relative to the working folder, `.` for it. */
export function shownPath(ctx: CliContext, target: string): string {
  return path.relative(ctx.cwd, path.resolve(ctx.cwd, target)) || '.';
}
