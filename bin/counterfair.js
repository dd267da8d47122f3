#!/usr/bin/env node
// The only place that sets the process exit code; everything else returns it.
import { main } from '../dist/cli/cli.js';

// A reader that stops early (`counterfair run … | head -1`) closes the pipe: writing to it then
// fails with EPIPE. Stop writing to that stream and keep the verdict's exit code.
const open = new Map([
  [process.stdout, true],
  [process.stderr, true],
]);
for (const stream of open.keys()) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    open.set(stream, false);
  });
}
const writer = (stream) => (text) => {
  if (open.get(stream)) stream.write(text);
};

// Were the event loop to empty while `main` still waits (on a promise nothing will settle), Node
// would end the process with code 13 and no word of why: say it, and exit as "could not run".
let finished = false;
process.on('exit', () => {
  if (finished) return;
  writer(process.stderr)('counterfair: stopped before finishing: something it waited for can never answer\n');
  process.exitCode = 2;
});

const code = await main(process.argv.slice(2), {
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
  stdoutIsTTY: process.stdout.isTTY === true,
});
finished = true;
// The verdict is known: exit once stdout and stderr are flushed, whatever the audited code left
// running (a module's timer, an open socket would otherwise keep the process alive).
const flushed = (stream) => new Promise((resolve) => (open.get(stream) ? stream.write('', () => resolve(undefined)) : resolve(undefined)));
await Promise.all([...open.keys()].map(flushed));
process.exit(code);
