/**
 * Writes report files so a reader never sees a half-written one: each file goes to a temporary
 * name in the output folder, and only when all are written are they renamed into place.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CounterfairError } from './errors.js';

/** Writes `files` (name relative to `dir` → content) into `dir`, creating it if needed. */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): string[] {
  const written: string[] = [];
  const temps: [string, string][] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const target = path.join(dir, name);
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      writeFileSync(temp, content);
      temps.push([temp, target]);
    }
    for (const [temp, target] of temps) {
      renameSync(temp, target);
      written.push(target);
    }
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw new CounterfairError('io', { location: { file: dir }, message: `cannot write reports: ${(err as Error).message}` });
  }
  return written;
}
