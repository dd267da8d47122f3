/** `counterfair` from the sources, as its own process: for tests that kill a run or run two at once. */
import { main } from '../../src/cli/index.ts';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
