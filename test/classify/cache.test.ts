import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { CACHE_FORMAT, cachedFileHasher, inputKey, openPredictionCache, sha256File } from '../../src/classify/index.ts';
import { CACHE_APPLICATION_ID } from '../../src/classify/cache.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { cli, fixture, tempDir } from '../helpers.ts';
import { problem } from './problems.ts';

describe('prediction cache', () => {
  it('gives back exactly the probabilities stored, per model fingerprint', () => {
    const file = path.join(tempDir(), 'sub', 'cache.sqlite');
    const cache = openPredictionCache(file);
    const p = [0.1 + 0.2, 1 - (0.1 + 0.2)];
    cache.put('sha256:a', [
      ['I am from India.', p],
      ['x\u241Ey', [1e-300, 1]],
    ]);
    assert.deepEqual(cache.get('sha256:a', ['I am from India.', 'x\u241Ey', 'missing']), [p, [1e-300, 1], undefined]);
    assert.deepEqual(cache.get('sha256:b', ['I am from India.']), [undefined]);
    cache.close();
    const again = openPredictionCache(file);
    assert.deepEqual(again.get('sha256:a', ['I am from India.']), [p]);
    again.close();
    assert.equal(new Database(file).pragma('journal_mode', { simple: true }), 'wal');
  });

  it('looks up more keys than one query takes, each at its own position', () => {
    const cache = openPredictionCache(path.join(tempDir(), 'cache.sqlite'));
    const keys = Array.from({ length: 45_003 }, (_, i) => `sentence ${i}`);
    // Every third key is stored, with probabilities that name its position.
    cache.put('sha256:m', keys.flatMap((k, i) => (i % 3 === 0 ? [[k, [i, -i]] as const] : [])));
    const got = cache.get('sha256:m', keys);
    assert.equal(got.length, keys.length);
    got.forEach((p, i) => assert.deepEqual(p, i % 3 === 0 ? [i, -i] : undefined, `key ${i}`));
    cache.close();
  });

  it('hashes a file once and remembers it until the file changes', () => {
    const dir = tempDir();
    const cache = openPredictionCache(path.join(dir, 'cache.sqlite'));
    const model = path.join(dir, 'model.onnx');
    writeFileSync(model, 'weights v1');
    let computed = 0;
    const stat = { size: 10, mtimeNs: 1n, ino: 1 };
    const [h1, h2, h3] = ['1', '2', '3'].map((c) => c.repeat(64));
    const first = cache.fileHash(model, stat, () => (computed++, h1 ?? ''));
    const second = cache.fileHash(model, stat, () => (computed++, h2 ?? ''));
    assert.deepEqual([first, second, computed], [h1, h1, 1]);
    assert.equal(cache.fileHash(model, { ...stat, mtimeNs: 2n }, () => h3 ?? ''), h3);
    const hasher = cachedFileHasher(cache);
    assert.equal(hasher.remembers?.(model), false);
    assert.equal(hasher(model), sha256File(model));
    assert.equal(hasher.remembers?.(model), true);
    writeFileSync(model, 'weights v2, longer');
    assert.equal(hasher.remembers?.(model), false);
    assert.equal(hasher(model), sha256File(model));
    cache.close();
  });

  it('refuses a file that is not a database, naming it and saying what to do', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    writeFileSync(file, 'this is not a database, just text that is long enough to have a header');
    const advice = /file is not a database.*delete it or pass --no-cache/;
    assert.throws(() => openPredictionCache(file), cacheProblem(file, 'classify.cache-unreadable', advice));
  });

  it('refuses another program’s SQLite file without changing it', () => {
    const file = path.join(tempDir(), 'app.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada')");
    db.close();
    const before = readFileSync(file);
    assert.throws(() => openPredictionCache(file), cacheProblem(file, 'classify.cache-foreign', /its tables are users.*--no-cache/));
    assert.deepEqual(readFileSync(file), before, 'the file is left as it was');
    const other = path.join(tempDir(), 'other.sqlite');
    const app = new Database(other);
    app.pragma('application_id = 1234');
    app.exec('CREATE TABLE predictions (x); CREATE TABLE file_hashes (y)');
    app.close();
    assert.throws(() => openPredictionCache(other), cacheProblem(other, 'classify.cache-foreign', /application id is 1234/));
  });

  it('refuses a cache of a newer format, and rebuilds one of format 1 (its keys were ambiguous), keeping its file hashes', () => {
    const dir = tempDir();
    const newer = path.join(dir, 'newer.sqlite');
    openPredictionCache(newer).close();
    const db = new Database(newer);
    db.pragma(`user_version = ${CACHE_FORMAT + 1}`);
    db.close();
    assert.throws(() => openPredictionCache(newer), cacheProblem(newer, 'classify.cache-newer', /newer counterfair/));

    const old = path.join(dir, 'v1.sqlite');
    const v1 = new Database(old);
    v1.exec(`
      CREATE TABLE predictions (model TEXT NOT NULL, input TEXT NOT NULL, probs BLOB NOT NULL, PRIMARY KEY (model, input)) WITHOUT ROWID;
      CREATE TABLE file_hashes (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns TEXT NOT NULL, ino INTEGER NOT NULL, sha256 TEXT NOT NULL
      );
      PRAGMA user_version = 1;`);
    v1.prepare('INSERT INTO predictions VALUES (?, ?, ?)').run('sha256:m', 'a\u241Eb', Buffer.from(Float64Array.from([0.1, 0.9]).buffer));
    v1.prepare('INSERT INTO file_hashes VALUES (?, ?, ?, ?, ?)').run(path.resolve(dir, 'model.onnx'), 10, '1', 1, 'f'.repeat(64));
    v1.close();
    const cache = openPredictionCache(old);
    const keys = ['a\u241Eb', inputKey({ text: 'a', text_pair: 'b' })];
    assert.deepEqual(cache.get('sha256:m', keys), [undefined, undefined], 'format-1 predictions are dropped');
    const stamp = { size: 10, mtimeNs: 1n, ino: 1 };
    assert.equal(cache.fileHash(path.join(dir, 'model.onnx'), stamp, () => 'computed'), 'f'.repeat(64), 'file hashes are kept');
    cache.close();
    const check = new Database(old, { readonly: true });
    const header = [check.pragma('application_id', { simple: true }), check.pragma('user_version', { simple: true })];
    assert.deepEqual(header, [CACHE_APPLICATION_ID, CACHE_FORMAT]);
    check.close();
  });

  it('reports a corrupted page as a damaged cache, naming the file', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const cache = openPredictionCache(file);
    const keys = Array.from({ length: 3000 }, (_, i) => inputKey({ text: `sentence number ${i} of a cache that spans many pages` }));
    cache.put('sha256:m', keys.map((k) => [k, [0.25, 0.75]] as const));
    cache.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Every page after the first two (the schema and the first tables) becomes noise.
    for (let at = 3 * pageSize; at < bytes.length; at++) bytes[at] = (at * 7919) % 251;
    writeFileSync(file, bytes);
    const again = openPredictionCache(file);
    try {
      const damaged = /malformed.*delete it or pass --no-cache/;
      assert.throws(() => again.get('sha256:m', keys), cacheProblem(file, 'classify.cache-unreadable', damaged));
    } finally {
      again.close();
    }
  });

  it('counterfair run: a foreign cache is one line naming the file, not an internal error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE users (name TEXT)');
    db.close();
    const r = await cli('run', fixture('planted.yaml'), '--out', path.join(dir, 'out'), '--quiet', '--cache', file);
    assert.equal(r.code, 2);
    const message = 'this is not a counterfair prediction cache (its tables are users); pass --no-cache, or --cache with another file';
    assert.equal(r.stderr, `${file}: ${message}\n`);
  });
});

/** A matcher: one problem with `id`, located at the cache file, its message matching `text`. */
function cacheProblem(file: string, id: string, text: RegExp): (err: unknown) => true {
  return (err) => {
    problem(id, text)(err);
    assert.ok(err instanceof CounterfairError && err.problems[0]?.location?.file === file, String(err));
    return true;
  };
}
