/**
 * The prediction cache: one SQLite file (better-sqlite3, WAL mode) holding each input's
 * probabilities under the fingerprint of the model that gave them. Each finished batch is one
 * transaction, so a run killed midway keeps every batch it finished, and the next run resumes
 * from there. WAL with a busy timeout lets two runs share the file: readers never block, and
 * writers wait their turn rather than fail.
 *
 * Probabilities are stored as the bytes of a Float64Array: a cached value is the very number
 * the model gave, so a cached re-run reports exactly what the cold run did.
 *
 * The file is trusted only as far as it is checked. On open it must be counterfair's (SQLite's
 * `application_id` says so) at a format this version reads (`user_version`); a file of format 1
 * (keys that joined a text and its pair ambiguously) has its predictions dropped and is rebuilt,
 * keeping its file hashes. Anything else is refused without being changed. Every value read is
 * checked (here its encoding, in predict.ts its probabilities), and every SQLite failure (a
 * corrupted page) is one line naming the file and saying what to do.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CounterfairError } from '../shared/errors.js';
import { describeInput, MESSAGES, type Message } from './messages.js';
import { sha256File, type FileHasher } from './source.js';

/** Where the CLI keeps its cache unless told otherwise (relative to the working directory). */
export const DEFAULT_CACHE_FILE = path.join('.counterfair', 'cache.sqlite');

/** Where rendered charts are kept for a prediction cache file: `charts/` beside it. */
export function chartCacheBeside(cacheFile: string): string {
  return path.join(path.dirname(cacheFile), 'charts');
}

/** SQLite `application_id` of a counterfair prediction cache: "cfpc". */
export const CACHE_APPLICATION_ID = 0x63667063;
/** The format this version writes and reads (`user_version`). */
export const CACHE_FORMAT = 2;
/** Keys looked up per query. */
const GET_CHUNK = 20_000;

/** An open prediction cache. */
export interface PredictionCache {
  /** The file it lives in. */
  readonly file: string;
  /**
   * Cached probabilities of each key under `fingerprint` (`undefined` where none).
   * @throws CounterfairError (code `input`) for a value that is not a stored row of numbers.
   */
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

const TABLES = `
  CREATE TABLE predictions (
    model TEXT NOT NULL,   -- fingerprint of the model
    input TEXT NOT NULL,   -- inputKey(): the JSON of [text] or [text, pair]
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
  PRAGMA application_id = ${CACHE_APPLICATION_ID};
  PRAGMA user_version = ${CACHE_FORMAT};
`;

/**
 * Opens (creating when needed) the cache at `file`.
 * @throws CounterfairError (code `input`, located at the file) when the file cannot be opened,
 * is not a counterfair cache, or is damaged.
 */
export function openPredictionCache(file: string): PredictionCache {
  const fail = (message: Message) => new CounterfairError('input', { location: { file }, ...message });
  const guard = <T>(work: () => T): T => {
    try {
      return work();
    } catch (err) {
      if (err instanceof CounterfairError) throw err;
      throw fail(MESSAGES.cacheUnreadable(err instanceof Error ? err.message : String(err)));
    }
  };

  const db = guard(() => {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new Database(file, { timeout: 30_000 });
  });
  guard(() => {
    try {
      adopt(db, fail);
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across a killed process (WAL is fsynced at checkpoints); only a power
      // loss can drop the last batches, which the next run then redoes.
      db.pragma('synchronous = NORMAL');
    } catch (err) {
      db.close();
      throw err;
    }
  });

  // One query per chunk of keys rather than one per key: the keys go in as a JSON array, and
  // CROSS JOIN makes SQLite walk that array and look each key up by the primary key.
  const select = db
    .prepare<[string, string], unknown[]>(
      'SELECT j.key, p.probs FROM json_each(?) AS j CROSS JOIN predictions AS p ON p.model = ? AND p.input = j.value',
    )
    .raw(true);
  const insert = db.prepare<[string, string, Buffer]>('INSERT OR REPLACE INTO predictions (model, input, probs) VALUES (?, ?, ?)');
  const insertAll = db.transaction((fingerprint: string, entries: readonly (readonly [string, readonly number[]])[]) => {
    for (const [key, probs] of entries) insert.run(fingerprint, key, Buffer.from(Float64Array.from(probs).buffer));
  });
  const selectHash = db.prepare<[string, number, string, number], { sha256: unknown }>(
    'SELECT sha256 FROM file_hashes WHERE path = ? AND size = ? AND mtime_ns = ? AND ino = ?',
  );
  const insertHash = db.prepare<[string, number, string, number, string]>(
    'INSERT OR REPLACE INTO file_hashes (path, size, mtime_ns, ino, sha256) VALUES (?, ?, ?, ?, ?)',
  );
  const rememberedHash = (file: string, stat: FileStamp): string | undefined => {
    const hit = selectHash.get(path.resolve(file), stat.size, stat.mtimeNs.toString(), stat.ino)?.sha256;
    return typeof hit === 'string' && /^[0-9a-f]{64}$/.test(hit) ? hit : undefined;
  };

  return {
    file,
    get(fingerprint, keys) {
      const out: (number[] | undefined)[] = new Array<undefined>(keys.length).fill(undefined);
      for (let start = 0; start < keys.length; start += GET_CHUNK) {
        const rows = guard(() => select.all(JSON.stringify(keys.slice(start, start + GET_CHUNK)), fingerprint));
        for (const [position, bytes] of rows) {
          const at = start + Number(position);
          const bad = () => fail(MESSAGES.cacheBadValue(describeKey(keys[at]), 'the stored probabilities are not a list of numbers'));
          out[at] = decode(bytes, bad);
        }
      }
      return out;
    },
    put(fingerprint, entries) {
      if (entries.length > 0) guard(() => insertAll(fingerprint, entries));
    },
    fileHash(file, stat, compute) {
      const known = guard(() => rememberedHash(file, stat));
      if (known !== undefined) return known;
      const sha256 = compute();
      guard(() => insertHash.run(path.resolve(file), stat.size, stat.mtimeNs.toString(), stat.ino, sha256));
      return sha256;
    },
    knowsFile(file, stat) {
      return guard(() => rememberedHash(file, stat)) !== undefined;
    },
    close() {
      db.close();
    },
  };
}

/**
 * Makes sure the file is a cache of the current format: creates the tables in an empty file,
 * rebuilds a format-1 cache, and refuses anything else without changing it. Runs in one
 * immediate transaction, so two runs opening a new file at once create it once.
 */
function adopt(db: Database.Database, fail: (message: Message) => CounterfairError): void {
  const read = () => ({
    id: Number(db.pragma('application_id', { simple: true })),
    version: Number(db.pragma('user_version', { simple: true })),
    tables: db.prepare<[], unknown>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all().map(String),
  });
  const current = (s: ReturnType<typeof read>) =>
    s.id === CACHE_APPLICATION_ID && s.version === CACHE_FORMAT && ['file_hashes', 'predictions'].every((t) => s.tables.includes(t));
  if (current(read())) return;
  db.transaction(() => {
    const state = read();
    if (current(state)) return;
    if (state.id === CACHE_APPLICATION_ID && state.version > CACHE_FORMAT) throw fail(MESSAGES.cacheNewer(state.version));
    if (state.id === 0 && state.tables.length === 0) {
      db.exec(TABLES);
      return;
    }
    // Format 1 keyed a text and its pair by joining them with U+241E: keys that cannot be told
    // apart. Its predictions are dropped (the next run classifies again); its file hashes stay.
    const formatOne = state.id === 0 && state.version === 1 && state.tables.join() === 'file_hashes,predictions';
    if (!formatOne) throw fail(MESSAGES.cacheForeign(describeForeign(state)));
    db.exec(`DROP TABLE predictions; ${TABLES}`);
  }).immediate();
}

function describeForeign(state: { id: number; version: number; tables: string[] }): string {
  if (state.id === CACHE_APPLICATION_ID) return `its format ${state.version} lacks the tables of a prediction cache`;
  if (state.id !== 0) return `its SQLite application id is ${state.id}`;
  return `its tables are ${state.tables.slice(0, 5).join(', ')}${state.tables.length > 5 ? ', …' : ''}`;
}

/** A stored row: the bytes of a Float64Array. */
function decode(bytes: unknown, bad: () => Error): number[] {
  if (!Buffer.isBuffer(bytes) || bytes.byteLength % 8 !== 0) throw bad();
  return Array.from({ length: bytes.byteLength / 8 }, (_, k) => bytes.readDoubleLE(8 * k));
}

/** An input key (the JSON of [text] or [text, pair]) as messages show inputs. */
function describeKey(key: string | undefined): string {
  try {
    const parsed: unknown = JSON.parse(key ?? '');
    if (Array.isArray(parsed) && typeof parsed[0] === 'string') {
      return describeInput({ text: parsed[0], text_pair: typeof parsed[1] === 'string' ? parsed[1] : undefined });
    }
  } catch {
    // not a key this version wrote: show it as it is
  }
  return JSON.stringify(key);
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
