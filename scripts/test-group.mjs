/**
 * Runs several test files in this one process, one after another (`--unit` of run-tests.mjs):
 * what `node --test` does for each file, without a process and a fresh module graph per file.
 *
 *   node --import tsx scripts/test-group.mjs test/a.test.ts test/b.test.ts
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(path.resolve(file)).href);
