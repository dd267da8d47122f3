#!/usr/bin/env node
// The only place that sets the process exit code; everything else returns it.
import { main } from '../dist/cli/cli.js';

// Were the event loop to empty while `main` still waits (on a promise nothing will settle), Node
// would end the process with code 13 and no word of why: say it, and exit as "could not run".
let finished = false;
process.on('exit', () => {
  if (finished) return;
  process.stderr.write('counterfair: stopped before finishing: something it waited for can never answer\n');
  process.exitCode = 2;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
});
finished = true;
// The verdict is known: exit once stdout and stderr are flushed, whatever the audited code left
// running (a module's timer, an open socket would otherwise keep the process alive).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', () => resolve(undefined)))));
process.exit(code);
