#!/usr/bin/env node
/**
 * Runs the test files under test/, at any depth (Node 20's test runner expands no globs, and
 * `node --test test/` runs nothing), in one `node --test` process.
 *
 *   node scripts/run-tests.mjs                 every test file
 *   node scripts/run-tests.mjs --unit          without the files that need the build or a browser
 *   node scripts/run-tests.mjs metrics gate    only files whose path contains one of the words
 *
 * A file that needs `npm run build` (dist/, the bundled CLI, the packed tarball) or Debian's
 * chromium says so with a `// @full` line near its top; `--unit` leaves it out.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const needsFull = (file) => /^\/\/ @full\b/m.test(readFileSync(file, 'utf8').split('\n').slice(0, 12).join('\n'));
const files = testFiles('test')
  .sort()
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .filter((f) => !unit || !needsFull(f));
if (files.length === 0) {
  console.error(`run-tests: no test file matches ${words.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...(unit ? ['--test-concurrency=2'] : []), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
