/**
 * The prediction cache: one SQLite file (better-sqlite3, WAL mode) holding each input's
 * probabilities under the fingerprint of the model that gave them. Each finished batch is one
 * transaction, so a run killed midway keeps every batch it finished, and the next run resumes
 * from there. WAL with a busy timeout lets two runs share the file: readers never block, and
 * writers wait their turn rather than fail.
 *
 * Probabilities are stored as the bytes of a Float64Array: a cached value is the very number
 * the model gave, so a cached re-run reports exactly what the cold run did.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CounterfairError } from '../shared/errors.js';
import { sha256File, type FileHasher } from './source.js';

/** Where the CLI keeps its cache unless told otherwise (relative to the working directory). */
export const DEFAULT_CACHE_FILE = path.join('.counterfair', 'cache.sqlite');

/** Where rendered charts are kept for a prediction cache file: `charts/` beside it. */
export function chartCacheBeside(cacheFile: string): string {
  return path.join(path.dirname(cacheFile), 'charts');
}

const SCHEMA_VERSION = 1;
/** Keys looked up per query. */
const GET_CHUNK = 20_000;

/** An open prediction cache. */
export interface PredictionCache {
  /** The file it lives in. */
  readonly file: string;
  /** Cached probabilities of each key under `fingerprint` (`undefined` where none). */
  get(fingerprint: string, keys: readonly string[]): (number[] | undefined)[];
  /** Stores the probabilities of each key, all in one transaction. */
  put(fingerprint: string, entries: readonly (readonly [key: string, probs: readonly number[]])[]): void;
  /**
   * The sha256 of a file, remembered by path, size, modification time and inode, so a large
   * model is hashed once rather than on every run.
   */
  fileHash(file: string, stat: FileStamp, compute: () => string): string;
  /** Whether `fileHash` would answer from memory. */
  knowsFile(file: string, stat: FileStamp): boolean;
  close(): void;
}

/** What a remembered file hash is valid for: the file unchanged since it was hashed. */
export interface FileStamp {
  size: number;
  mtimeNs: bigint;
  ino: number;
}

/**
 * Opens (creating when needed) the cache at `file`.
 * @throws CounterfairError when the file cannot be opened or is not a counterfair cache.
 */
export function openPredictionCache(file: string): PredictionCache {
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { timeout: 30_000 });
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across a killed process (WAL is fsynced at checkpoints); only a power
    // loss can drop the last batches, which the next run then redoes.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (err) {
    if (err instanceof CounterfairError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new CounterfairError('input', `cannot open the prediction cache ${file}: ${reason} (delete the file, or pass --no-cache)`);
  }

  // One query per chunk of keys rather than one per key: the keys go in as a JSON array, and
  // CROSS JOIN makes SQLite walk that array and look each key up by the primary key.
  const select = db
    .prepare<[string, string], [number, Buffer]>('SELECT j.key, p.probs FROM json_each(?) AS j CROSS JOIN predictions AS p ON p.model = ? AND p.input = j.value')
    .raw();
  const insert = db.prepare<[string, string, Buffer]>('INSERT OR REPLACE INTO predictions (model, input, probs) VALUES (?, ?, ?)');
  const insertAll = db.transaction((fingerprint: string, entries: readonly (readonly [string, readonly number[]])[]) => {
    for (const [key, probs] of entries) insert.run(fingerprint, key, Buffer.from(Float64Array.from(probs).buffer));
  });
  const selectHash = db.prepare<[string, number, string, number], { sha256: string }>('SELECT sha256 FROM file_hashes WHERE path = ? AND size = ? AND mtime_ns = ? AND ino = ?');
  const insertHash = db.prepare<[string, number, string, number, string]>('INSERT OR REPLACE INTO file_hashes (path, size, mtime_ns, ino, sha256) VALUES (?, ?, ?, ?, ?)');

  return {
    file,
    get(fingerprint, keys) {
      const out: (number[] | undefined)[] = new Array(keys.length).fill(undefined);
      for (let start = 0; start < keys.length; start += GET_CHUNK) {
        for (const [i, bytes] of select.all(JSON.stringify(keys.slice(start, start + GET_CHUNK)), fingerprint)) {
          out[start + i] = Array.from({ length: bytes.byteLength / 8 }, (_, k) => bytes.readDoubleLE(8 * k));
        }
      }
      return out;
    },
    put(fingerprint, entries) {
      if (entries.length > 0) insertAll(fingerprint, entries);
    },
    fileHash(file, stat, compute) {
      const abs = path.resolve(file);
      const mtime = stat.mtimeNs.toString();
      const hit = selectHash.get(abs, stat.size, mtime, stat.ino);
      if (hit) return hit.sha256;
      const sha256 = compute();
      insertHash.run(abs, stat.size, mtime, stat.ino, sha256);
      return sha256;
    },
    knowsFile(file, stat) {
      return selectHash.get(path.resolve(file), stat.size, stat.mtimeNs.toString(), stat.ino) !== undefined;
    },
    close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new CounterfairError('input', `the prediction cache ${db.name} was written by a newer counterfair (format ${version}); pass --cache with another file, or --no-cache`);
  }
  if (version === SCHEMA_VERSION) return;
  db.exec(`
    BEGIN IMMEDIATE;
    CREATE TABLE IF NOT EXISTS predictions (
      model TEXT NOT NULL,   -- fingerprint of the model
      input TEXT NOT NULL,   -- inputKey(): the text, or text and pair
      probs BLOB NOT NULL,   -- Float64Array of every label's probability, in label order
      PRIMARY KEY (model, input)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS file_hashes (
      path TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      mtime_ns TEXT NOT NULL,
      ino INTEGER NOT NULL,
      sha256 TEXT NOT NULL
    );
    PRAGMA user_version = ${SCHEMA_VERSION};
    COMMIT;
  `);
}

/** A file hasher that remembers hashes in the cache (a 250 MB model hashes in about a second). */
export function cachedFileHasher(cache: PredictionCache): FileHasher {
  const hasher: FileHasher = (file) => cache.fileHash(file, stampOf(file), () => sha256File(file));
  hasher.remembers = (file) => cache.knowsFile(file, stampOf(file));
  return hasher;
}

function stampOf(file: string): FileStamp {
  const st = statSync(file, { bigint: true });
  return { size: Number(st.size), mtimeNs: st.mtimeNs, ino: Number(st.ino) };
}
