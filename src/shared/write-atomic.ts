/**
 * Writes report files so a reader never sees a half-written one: each file goes to a temporary
 * name in the output folder, and only when all are written are they renamed into place.
 */
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * Checks, before any work, that reports can be written to `dir`: it is a folder (or can be made
 * one) inside a writable folder. An audit that would fail only at its end, after inference,
 * fails here at once.
 * @throws CounterfairError (`io`) naming the folder and what is in the way.
 */
export function checkWritableFolder(dir: string): void {
  const target = path.resolve(dir);
  const fail = (why: string) => {
    throw new CounterfairError('io', { location: { file: dir }, message: `cannot write reports here: ${why}`, id: 'io.output-not-writable' });
  };
  let existing = target;
  for (;;) {
    try {
      const stat = statSync(existing);
      if (!stat.isDirectory()) fail(existing === target ? 'it is a file, not a folder' : `${path.relative(process.cwd(), existing) || existing} is a file, not a folder`);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        if (code === 'ENOTDIR') fail('a part of the path is a file, not a folder');
        throw err;
      }
      if (path.dirname(existing) === existing) break;
      existing = path.dirname(existing);
    }
  }
  // Reports are written beside the folder and renamed into it, so its parent must be writable too.
  const parent = existing === target ? path.dirname(target) : existing;
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    fail(`${path.relative(process.cwd(), parent) || parent} is not writable`);
  }
}
