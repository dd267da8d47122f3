// @full: runs the CLI in processes of its own, killed midway and side by side (about 15 s)
/** The prediction cache across processes: a run killed midway resumes, and two runs share one cache. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { AuditResults } from '../../src/index.ts';
import { tempDir } from '../helpers.ts';

/** A spec over the slow, counting module classifier: 24 distinct sentences, batches of 2. */
function slowSpec(dir: string): string {
  copyFileSync(path.join('test', 'fixtures', 'modules', 'slow-counting.js'), path.join(dir, 'slow.js'));
  const spec = path.join(dir, 'audit.yaml');
  writeFileSync(
    spec,
    [
      'name: Resume',
      'model: { module: ./slow.js, label: POSITIVE, batch_size: 2 }',
      'templates: ["I am from {country}.", "We flew to {country}.", "The {country.demonym} film was long."]',
      'axes: { country: { lexicon: countries, groups: [India, Iraq, France, Germany, Japan, Brazil, Kenya, Peru] } }',
      'bootstrap: { resamples: 200 }',
      '',
    ].join('\n'),
  );
  return spec;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the CLI in its own process; `killWhen` is polled and SIGKILLs it once true. */
function runCli(args: string[], env: Record<string, string>, killWhen?: () => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'classify', 'cli-process.ts'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killWhen
      ? setInterval(() => {
          if (killWhen()) child.kill('SIGKILL');
        }, 5)
      : undefined;
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const results = (dir: string) => {
  const r = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as AuditResults;
  return { ...r, created_at: '' };
};

describe('a run killed midway', () => {
  it('resumes from the cache without redoing finished batches, and reports what an uninterrupted run reports', async () => {
    const dir = tempDir();
    const spec = slowSpec(dir);
    const env = (calls: string) => ({ COUNTERFAIR_TEST_CALLS: calls, COUNTERFAIR_TEST_DELAY_MS: '100' });

    // Reference: one uninterrupted run.
    const whole = await runCli(['run', spec, '--out', path.join(dir, 'whole'), '--cache', path.join(dir, 'whole.sqlite')], env(path.join(dir, 'whole.calls')));
    assert.equal(whole.code, 0, whole.stderr);
    const total = lines(path.join(dir, 'whole.calls')).length;
    assert.equal(total, 24);

    // Killed once a few batches are done.
    const cacheFile = path.join(dir, 'cache.sqlite');
    const calls = path.join(dir, 'killed.calls');
    const killed = await runCli(['run', spec, '--out', path.join(dir, 'killed'), '--cache', cacheFile], env(calls), () => lines(calls).length >= 8);
    assert.equal(killed.signal, 'SIGKILL');
    assert.equal(existsSync(path.join(dir, 'killed', 'results.json')), false, 'no half-written reports');
    const db = new Database(cacheFile, { readonly: true });
    const cached = (db.prepare('SELECT count(*) AS n FROM predictions').get() as { n: number }).n;
    db.close();
    const classifiedBeforeKill = lines(calls).length;
    // Each batch is cached right after the module returns it; a kill can fall in between, once.
    assert.ok(cached >= classifiedBeforeKill - 2 && cached <= classifiedBeforeKill && cached < total, `${cached} cached of ${classifiedBeforeKill} classified`);

    const rerunCalls = path.join(dir, 'rerun.calls');
    const rerun = await runCli(['run', spec, '--out', path.join(dir, 'killed'), '--cache', cacheFile], env(rerunCalls));
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal(lines(rerunCalls).length, total - cached, 'only the unfinished inputs are classified again');
    assert.match(rerun.stderr, new RegExp(`${cached} of ${total} distinct inputs from the cache`));
    assert.deepEqual(results(path.join(dir, 'killed')), results(path.join(dir, 'whole')));

    // A third run is served by the cache alone.
    const third = path.join(dir, 'third.calls');
    const again = await runCli(['run', spec, '--out', path.join(dir, 'again'), '--cache', cacheFile], env(third));
    assert.equal(again.code, 0, again.stderr);
    assert.equal(lines(third).length, 0);
    assert.deepEqual(results(path.join(dir, 'again')), results(path.join(dir, 'whole')));
  });

  it('lets two runs share one cache at the same time without corrupting it', async () => {
    const dir = tempDir();
    const spec = slowSpec(dir);
    const cacheFile = path.join(dir, 'cache.sqlite');
    const env = (calls: string) => ({ COUNTERFAIR_TEST_CALLS: calls, COUNTERFAIR_TEST_DELAY_MS: '10' });
    const [a, b] = await Promise.all([
      runCli(['run', spec, '--out', path.join(dir, 'a'), '--cache', cacheFile], env(path.join(dir, 'a.calls'))),
      runCli(['run', spec, '--out', path.join(dir, 'b'), '--cache', cacheFile], env(path.join(dir, 'b.calls'))),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(results(path.join(dir, 'a')), results(path.join(dir, 'b')));
    const db = new Database(cacheFile, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal((db.prepare('SELECT count(*) AS n FROM predictions').get() as { n: number }).n, 24);
    db.close();
  });
});
