/**
 * `counterfair` from the sources, as its own process, ending as bin/counterfair.js ends (an
 * explicit exit once the streams are flushed): for tests that kill a run, run two at once, or
 * check that nothing the audited code leaves running keeps the process alive.
 */
import { main } from '../../src/cli/index.ts';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', () => resolve(undefined)))));
process.exit(code);
