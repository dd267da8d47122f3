/**
 * Files kept between runs that a later run trusts: rendered charts (report/charts/svg-cache.ts)
 * and computed metrics (audit/kept-metrics.ts). What they hold ends up in a report or decides a
 * verdict, so a cache folder must not be a way to put anything there: each kept entry carries an
 * HMAC-SHA256 under a secret key that lives apart from the cache (`keptKeyFile`, in the user's
 * state folder, created on first use, readable by the user alone). An entry is used only when its
 * MAC verifies, that is, only when this user's counterfair wrote it. Anyone who can write the
 * cache folder but not the key file (a shared CI cache, a checked-in `.counterfair`) cannot forge
 * an entry. Everything here is best effort: an entry that cannot be read or written is computed anew.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from './processes.js';

/**
 * Where the key of kept files lives by default: `$XDG_STATE_HOME/counterfair/cache.key`, or
 * `~/.local/state/counterfair/cache.key`; never inside a cache folder.
 */
export function keptKeyFile(): string {
  const state = process.env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'counterfair', 'cache.key');
}

/** The key in `file` (64 hex digits), created with a fresh random key when missing; undefined when unusable. */
export function readOrCreateKey(file: string): Buffer | undefined {
  const text = readText(file);
  if (text !== undefined) return keyOf(text);
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // `wx`: never overwrite a key another process has just written; read back whichever won.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  const written = readText(file);
  return written === undefined ? undefined : keyOf(written);
}

function keyOf(text: string): Buffer | undefined {
  return /^[0-9a-f]{64}\n?$/.test(text) ? Buffer.from(text.slice(0, 64), 'hex') : undefined;
}

/** HMAC-SHA256 of `parts` under `key`, each part followed by a NUL so that parts cannot run together. */
export function macOf(key: Buffer, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part).update('\0');
  return mac.digest();
}

/** A file's text, or undefined when it cannot be read. */
export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes `file` through a temporary name and a rename, so a reader sees all of it or none; false when it cannot. */
export function writeReplacing(file: string, data: string | Uint8Array): boolean {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/** Removes `*.tmp-<pid>` files that processes killed while writing left behind in `dir`. */
export function removeDeadTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /\.tmp-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) rmSync(path.join(dir, name), { force: true });
  }
}
