/**
 * Output folders written all-or-nothing. A run writes its whole folder under a temporary sibling
 * name, then swaps it in with two renames (the old folder aside, the new one in its place) and
 * removes the old one, so a reader — or a run killed at any instant — finds the previous complete
 * folder or the new complete one, never a mix:
 *
 *   reports/.demo.cf-new-<pid>-<rand>   written file by file, then
 *   reports/demo  →  reports/.demo.cf-old-<pid>-<rand>
 *   reports/.demo.cf-new-…  →  reports/demo,   and the old folder is removed.
 *
 * Between the two renames (microseconds) the folder is absent; a run killed there leaves the
 * previous folder under its `cf-old` name, and the next write into that folder puts it back
 * before anything else. Leftovers of killed runs (their process is gone) are removed then too.
 *
 * Files counterfair writes (`owned`) are never carried over from the previous folder: an output
 * this run did not write (the chart of an axis the audit no longer has) disappears with it.
 * Every other file in the folder is the user's and is kept: hard-linked into the new folder
 * (copied where links are not possible), never deleted. A write that fails (full disk,
 * permissions) removes its temporary folder and leaves the previous folder as it was.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { CounterfairError } from '../shared/errors.js';
import { reportProblem } from './messages.js';
import { processAlive } from '../shared/processes.js';

/** How an output folder is written. */
export interface OutputFolderOptions {
  /** Whether a `/`-separated path inside the folder names a file counterfair writes. */
  owned: (name: string) => boolean;
  /** Writes one file (tests pass one that fails, as a full disk does). */
  writeFile?: (file: string, content: string) => void;
}

/** Temporary siblings: `.<folder name>.cf-new-<pid>-<random>` and `.cf-old-…`. */
const TEMP = /^\.(.*)\.cf-(new|old)-(\d+)-[0-9a-z]+$/;

/**
 * Writes `files` (path relative to `dir`, `/`-separated → content) as the new content of `dir`,
 * all-or-nothing (see the module's doc), keeping the user's files.
 * @returns the paths written.
 * @throws CounterfairError (`io`) when the folder cannot be written; nothing is changed then.
 */
export function writeOutputFolder(dir: string, files: Readonly<Record<string, string>>, options: OutputFolderOptions): string[] {
  const target = resolveTarget(dir);
  const parent = path.dirname(target);
  const fail = (err: unknown): never => {
    throw new CounterfairError('io', reportProblem('report.write-failed', { file: target }, errorText(err)));
  };
  try {
    mkdirSync(parent, { recursive: true });
  } catch (err) {
    fail(err);
  }
  recoverOutputFolder(target);
  const fresh = siblingName(target, 'new');
  const write = options.writeFile ?? ((file: string, content: string) => writeFileSync(file, content));
  try {
    mkdirSync(fresh);
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(fresh, name);
      mkdirSync(path.dirname(file), { recursive: true });
      write(file, content);
    }
    if (existsSync(target)) carryUserFiles(target, fresh, '', (name) => options.owned(name) || Object.hasOwn(files, name));
    swapIn(fresh, target);
  } catch (err) {
    rmSync(fresh, { recursive: true, force: true });
    fail(err);
  }
  return Object.keys(files).map((name) => path.join(target, name));
}

/**
 * Puts an output folder back in order after a killed write: when the folder is missing but a
 * killed run set it aside (`cf-old`), that previous folder returns to its place; every other
 * temporary sibling of a process that is gone is removed. Those of live processes are left alone.
 */
export function recoverOutputFolder(dir: string): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const leftovers = entries.flatMap((name) => {
    const m = TEMP.exec(name);
    // This process writes folders synchronously: a leftover of its own is from a write that failed.
    return m && m[1] === base && (Number(m[3]) === process.pid || !processAlive(Number(m[3])))
      ? [{ file: path.join(parent, name), kind: m[2] as 'new' | 'old' }]
      : [];
  });
  if (!existsSync(target)) {
    // The newest of the folders set aside is the previous complete output.
    const old = leftovers.filter((l) => l.kind === 'old').sort((a, b) => mtime(b.file) - mtime(a.file))[0];
    if (old) {
      try {
        renameSync(old.file, target);
        leftovers.splice(leftovers.indexOf(old), 1);
      } catch {
        // Another process restored it first: the leftover is removed below, or by the next run.
      }
    }
  }
  for (const l of leftovers) rmSync(l.file, { recursive: true, force: true });
}

/** The folder to write, resolved through a symbolic link; never one that holds the current folder. */
function resolveTarget(dir: string): string {
  let target = path.resolve(dir);
  try {
    target = realpathSync(target);
  } catch {
    // Does not exist yet.
  }
  const fromTarget = path.relative(target, realpathSync(process.cwd()));
  if (target === path.dirname(target) || fromTarget === '' || (!fromTarget.startsWith('..') && !path.isAbsolute(fromTarget))) {
    throw new CounterfairError('io', reportProblem('report.out-holds-cwd', { file: dir }, dir));
  }
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new CounterfairError('io', reportProblem('report.out-not-folder', { file: dir }));
  return target;
}

/** Renames the old folder aside and the new one into place; retried when another writer swaps at the same time. */
function swapIn(fresh: string, target: string): void {
  for (let attempt = 0; ; attempt++) {
    const old = siblingName(target, 'old');
    let setAside = false;
    try {
      renameSync(target, old);
      setAside = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      renameSync(fresh, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Put the old folder back so the failure changes nothing, then retry a concurrent swap.
      if (setAside && !existsSync(target)) renameSync(old, target);
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 5) continue;
      throw err;
    }
    if (setAside) rmSync(old, { recursive: true, force: true });
    return;
  }
}

/** Hard-links (or copies) every file of `from` that `owned` does not claim into `to`, keeping the tree. */
function carryUserFiles(from: string, to: string, prefix: string, owned: (name: string) => boolean): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const name = prefix + entry.name;
    const source = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!existsSync(dest)) mkdirSync(dest);
      carryUserFiles(source, dest, `${name}/`, owned);
      continue;
    }
    if (owned(name) || existsSync(dest)) continue;
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), dest);
    else if (entry.isFile()) {
      try {
        linkSync(source, dest);
      } catch {
        copyFileSync(source, dest);
      }
    }
  }
}

function siblingName(target: string, kind: 'new' | 'old'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.cf-${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

function mtime(file: string): number {
  try {
    return lstatSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function errorText(err: unknown): string {
  if (err instanceof CounterfairError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
