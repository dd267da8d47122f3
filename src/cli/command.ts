/** The shape of one command: what commander needs to parse it, and what it does. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** One row of the command table (src/cli/commands/index.ts). */
export interface CliCommand {
  /** `run`, `validate`, … */
  name: string;
  /** One line, for `--help` and the README's command table. */
  summary: string;
  /** Declares the command's arguments and options on commander's command. */
  configure(command: Command): Command;
  /**
   * Does the work and returns the exit code.
   * @param args the positional arguments, in order (a variadic one as an array).
   * @param flags the parsed options, as declared in `configure`.
   */
  run(ctx: CliContext, args: readonly unknown[], flags: Record<string, unknown>): Promise<number> | number;
}
