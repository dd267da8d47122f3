/**
 * Metrics kept between runs. The metrics stage is a pure, seeded function of what it reads (the
 * axes and sets, every sentence's scores, the labels, the interval settings and breakdowns) and
 * of counterfair's own code. A re-run that reads the same, such as the same commit in CI again
 * or a gate's threshold changed, takes the metrics from `metrics/` beside the prediction cache
 * instead of computing them again: on the bench's 10k-sentence audit, 0.05 s instead of 1.4 s.
 *
 * An entry is named by the sha256 of everything that determines it: the stage's inputs in a
 * canonical encoding the caller gives (JSON for text and counts, the bytes of a Float64Array for
 * probabilities, so that −0 and every last bit count; not v8's serializer, whose bytes for equal
 * numbers differ with how V8 happens to store them), the code (`codeIdentity`) and the V8
 * version. Its value is stored with node:v8's serializer, which round-trips every number exactly
 * (NaN, −0), absent fields and typed arrays, so kept metrics are the very values that computing
 * them gives. Kept metrics decide a verdict, so each file is its HMAC (32 bytes) followed by the
 * value, under the user's key of kept files (shared/kept-files.ts); an entry whose MAC does not
 * verify is computed again. Best effort throughout: an entry that cannot be read or written is
 * computed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { keptKeyFile, macOf, readOrCreateKey, removeDeadTemps, writeReplacing } from '../shared/kept-files.js';
import { PACKAGE_ROOT } from '../shared/package-files.js';
import { VERSION } from '../shared/version.js';

/** Entries kept per folder: the most recently used. */
export const KEPT_METRICS_ENTRIES = 16;
const MAC_BYTES = 32;
/** Names the layout of an entry; a new layout is a new name, so old entries are never misread. */
const FORMAT = 'counterfair kept metrics 1';

/** Where metrics are kept for a prediction cache file: `metrics/` beside it. */
export function keptMetricsBeside(cacheFile: string): string {
  return path.join(path.dirname(cacheFile), 'metrics');
}

/**
 * `compute()`, or the value an earlier run computed from the same `inputs` with the same code.
 * @param dir the folder of kept metrics; nothing is kept when undefined (`--no-cache`).
 * @param inputs everything `compute` reads, canonically encoded: equal inputs must give equal
 *   bytes. Called only when something can be kept, so a run without a cache never encodes them.
 * @param keyFile the secret key's file; default `keptKeyFile()`.
 * @returns the value, and whether it was kept from an earlier run.
 */
export async function keptOrComputed<T>(
  dir: string | undefined,
  inputs: () => readonly (string | Float64Array)[],
  compute: () => T | Promise<T>,
  keyFile: string = keptKeyFile(),
): Promise<{ value: T; kept: boolean }> {
  const key = dir === undefined ? undefined : readOrCreateKey(keyFile);
  if (dir === undefined || key === undefined) return { value: await compute(), kept: false };
  const hash = createHash('sha256');
  // Each part after its kind and length, so that parts cannot run together.
  for (const part of [FORMAT, codeIdentity(), process.versions.v8, ...inputs()]) {
    if (typeof part === 'string') hash.update(`s${part.length}:`).update(part);
    else hash.update(`f${part.length}:`).update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  const name = `${hash.digest('hex')}.v8`;
  const file = path.join(dir, name);
  const kept = readEntry(file, name, key);
  if (kept !== undefined) return { value: kept.value as T, kept: true };
  const value = await compute();
  try {
    mkdirSync(dir, { recursive: true });
    removeDeadTemps(dir);
    const payload = serialize(value);
    if (writeReplacing(file, Buffer.concat([macOf(key, name, payload), payload]))) evictOld(dir);
  } catch {
    // A value v8 cannot serialize, or a folder that cannot be written: nothing is kept.
  }
  return { value, kept: false };
}

/** The entry's value when its MAC verifies; it is then marked as used now. */
function readEntry(file: string, name: string, key: Buffer): { value: unknown } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(MAC_BYTES);
  if (bytes.length < MAC_BYTES || !timingSafeEqual(bytes.subarray(0, MAC_BYTES), macOf(key, name, payload))) return undefined;
  try {
    const value: unknown = deserialize(payload);
    const now = new Date();
    utimesSync(file, now, now);
    return { value };
  } catch {
    return undefined;
  }
}

/** Removes all but the `KEPT_METRICS_ENTRIES` most recently used entries. */
function evictOld(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith('.v8'))
    .map((n) => ({ file: path.join(dir, n), used: statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.used - a.used);
  for (const { file } of entries.slice(KEPT_METRICS_ENTRIES)) rmSync(file, { force: true });
}

let identity: string | undefined;

/**
 * What identifies the code that computes metrics: counterfair's version, and the path, size and
 * modification time of every module file under the folder it runs from (`src/` under tsx,
 * `dist/` when built), so that editing or rebuilding any of it makes earlier entries unusable.
 * Stat, not content: hashing the 16 MB of dist/ would take 60 ms of a 1 s re-run, and any edit
 * changes a file's time. Computed once per process.
 * @param root the code folder; default the one this module is in.
 */
export function codeIdentity(root: string = codeRoot()): string {
  if (identity !== undefined && root === codeRoot()) return identity;
  const hash = createHash('sha256').update(VERSION);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(?:[cm]?js|[cm]?ts)$/.test(f))
    .sort();
  for (const f of files) {
    const stat = statSync(path.join(root, f), { throwIfNoEntry: false });
    if (stat?.isFile()) hash.update(`\n${f}\0${stat.size}\0${stat.mtimeMs}`);
  }
  const digest = hash.digest('hex');
  if (root === codeRoot()) identity = digest;
  return digest;
}

/** The folder under the package root that holds this module: src/ or dist/. */
function codeRoot(): string {
  const here = path.relative(PACKAGE_ROOT, fileURLToPath(import.meta.url));
  return path.join(PACKAGE_ROOT, here.split(path.sep)[0] ?? '');
}
