#!/usr/bin/env node
/**
 * Runs the test files under test/, at any depth (Node 20's test runner expands no globs, and
 * `node --test test/` runs nothing).
 *
 *   node scripts/run-tests.mjs                 every test file, each in a process of its own
 *   node scripts/run-tests.mjs --unit          the quick loop: without the build, a browser or the slowest suites
 *   node scripts/run-tests.mjs metrics gate    only files whose path contains one of the words
 *
 * Two marks, each a line near the top of a test file:
 * - `// @full: why` — the file needs `npm run build` (dist/, the bundled CLI, the packed tarball)
 *   or Debian's chromium, or takes too long for the quick loop; `--unit` leaves it out.
 * - `// @own-process: why` — the file sets something once per process (hub settings, say).
 *
 * `--unit` runs the files in one process per core, each importing its share of them in turn,
 * and a file marked `@own-process` alone: starting Node, tsx and counterfair's modules once per
 * file cost about a quarter of its CPU time on 2 cores. `npm test` keeps a process per file, so
 * a test that leaves state behind for the next file still fails there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const words = args.filter((a) => !a.startsWith('--'));

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testFiles(file);
    return e.name.endsWith('.test.ts') ? [file] : [];
  });
}

const marked = (mark) => (file) => new RegExp(`^// @${mark}\\b`, 'm').test(readFileSync(file, 'utf8').split('\n').slice(0, 12).join('\n'));
const files = testFiles('test')
  .sort()
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .filter((f) => !unit || !marked('full')(f));
if (files.length === 0) {
  console.error(`run-tests: no test file matches ${words.join(', ')}`);
  process.exit(1);
}

if (!unit) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

// The quick loop: files dealt round-robin to one group per core, files of their own apart.
const own = files.filter(marked('own-process'));
const shared = files.filter((f) => !own.includes(f));
const cores = Math.max(1, Math.min(os.availableParallelism(), shared.length));
const groups = [...Array.from({ length: cores }, (_, k) => shared.filter((_, i) => i % cores === k)), ...own.map((f) => [f])].filter((g) => g.length > 0);

/** Runs one group; prints its report when it ends, so groups' lines do not interleave. */
function runGroup(group) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', path.join('scripts', 'test-group.mjs'), ...group], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      process.stdout.write(`\n# ${group.length === 1 ? group[0] : `${group.length} files, ${group[0]} …`}\n${output}`);
      // Killed by a signal: no exit code, a failure.
      resolve({ code: code ?? 1, output });
    });
  });
}

const ran = await Promise.all(groups.map(runGroup));
const count = (name) => ran.reduce((sum, r) => sum + Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(r.output)?.[1] ?? 0), 0);
const failed = ran.filter((r) => r.code !== 0);
console.log(`\n${files.length} files in ${groups.length} processes: ${count('tests')} tests, ${count('pass')} pass, ${count('fail')} fail, ${count('skipped')} skipped${failed.length > 0 ? `; ${failed.length} process${failed.length === 1 ? '' : 'es'} failed` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
