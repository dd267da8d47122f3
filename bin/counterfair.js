#!/usr/bin/env node
// The only place that sets the process exit code; everything else returns it.
import { main } from '../dist/cli/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stderrColumns: process.stderr.columns,
  stdoutIsTTY: process.stdout.isTTY === true,
});
