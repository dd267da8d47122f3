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

process.exitCode = await main(process.argv.slice(2), {
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
  stdoutIsTTY: process.stdout.isTTY === true,
});
