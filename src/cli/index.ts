/**
 * The command line: one table of commands (commands/index.ts), each turning flags into typed
 * options and calling the library. `main` returns the exit code; only bin/counterfair.js sets
 * it, so tests call commands in-process with their own argv, streams and environment.
 *
 * Exit codes: 0 passed, 1 a gate failed, 2 the audit could not run, 3 inconclusive (no gate
 * failed, but an error-severity gate lacked the evidence to decide).
 */
import { Command, CommanderError } from 'commander';
import { CounterfairError } from '../shared/errors.js';
import { VERSION } from '../shared/version.js';
import { COMMANDS } from './commands/index.js';
import { cliContext, EXIT, type CliIo } from './context.js';

export { EXIT, type CliIo } from './context.js';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = cliContext(io);
  let code: number = EXIT.pass;
  const program = new Command()
    .name('counterfair')
    .description('Audit text classifiers for bias with counterfactual sentence sets.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .showHelpAfterError('(run counterfair --help for usage)');
  for (const command of COMMANDS) {
    command.configure(program.command(command.name).description(command.summary)).action(async (...args: unknown[]) => {
      // commander passes the positional arguments, then the options, then the command itself.
      const flags = args[args.length - 2] as Record<string, unknown>;
      code = await command.run(ctx, args.slice(0, -2), flags);
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are "could not run".
      return err.exitCode === 0 ? EXIT.pass : EXIT.cannotRun;
    }
    if (err instanceof CounterfairError) {
      ctx.err(`${err.message}\n`);
      return EXIT.cannotRun;
    }
    // A bug, not bad input: one line, and the stack only when asked for.
    const detail = err instanceof Error ? (ctx.env['COUNTERFAIR_DEBUG'] ? (err.stack ?? err.message) : `${err.message} (set COUNTERFAIR_DEBUG=1 for the stack)`) : String(err);
    ctx.err(`counterfair: internal error: ${detail}\n`);
    return EXIT.cannotRun;
  }
}
