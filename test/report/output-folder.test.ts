/**
 * Output folders are all-or-nothing: a write killed at any instant leaves the previous complete
 * folder or the new one (after the next run's recovery at worst), outputs of an earlier run that
 * this one did not write disappear, the user's files stay, leftovers are cleaned.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { isReportFile, recoverOutputFolder, renderReports, REPORT_FILES, writeOutputFolder } from '../../src/report/index.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { tempDir } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

/** Every file under a folder, relative and `/`-separated, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const USER_FILES: Record<string, string> = { 'notes.txt': 'my notes\n', 'charts/mine.png': 'not a chart of ours' };

/** Which version the folder holds, whole: 'A' or 'B'; fails on anything else (a mix, a missing file). */
function versionOf(dir: string, versions: Record<'A' | 'B', Record<string, string>>): 'A' | 'B' {
  const ours = tree(dir).filter((f) => !Object.hasOwn(USER_FILES, f));
  for (const [name, files] of Object.entries(versions) as ['A' | 'B', Record<string, string>][]) {
    if (ours.join('\n') !== Object.keys(files).sort().join('\n')) continue;
    if (ours.every((f) => readFileSync(path.join(dir, f), 'utf8') === files[f])) {
      for (const [f, text] of Object.entries(USER_FILES)) assert.equal(readFileSync(path.join(dir, f), 'utf8'), text, `user file ${f}`);
      return name;
    }
  }
  assert.fail(`not a complete version: ${ours.join(', ')}`);
}

function siblings(dir: string): string[] {
  return readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`.${path.basename(dir)}.cf-`));
}

describe('output folders', () => {
  let versions: Record<'A' | 'B', Record<string, string>>;
  before(async () => {
    const a = syntheticRun({ groups: ['x', 'y'], templates: 2, score: (g) => 0.4 + 0.2 * g, axis: 'first' });
    const b = syntheticRun({ groups: ['x', 'y', 'z'], templates: 2, score: (g) => 0.3 + 0.1 * g, axis: 'second' });
    versions = { A: await renderReports(a.results, a.sentences), B: await renderReports(b.results, b.sentences) };
  });

  function seeded(): string {
    const dir = path.join(tempDir(), 'out');
    writeOutputFolder(dir, versions.A, { owned: isReportFile });
    for (const [f, text] of Object.entries(USER_FILES)) writeFileSync(path.join(dir, f), text);
    return dir;
  }

  it('replaces the outputs as a whole: charts of axes gone, old temporary files gone, the user’s files kept, nothing left beside', () => {
    const dir = seeded();
    assert.ok(existsSync(path.join(dir, 'charts', 'first-means.svg')));
    // What a killed run of an earlier version left: a temporary file beside its output.
    writeFileSync(path.join(dir, 'results.json.tmp-4242'), '{"half": ');
    const written = writeOutputFolder(dir, versions.B, { owned: isReportFile });
    assert.equal(written.length, Object.keys(versions.B).length);
    assert.equal(versionOf(dir, versions), 'B');
    assert.ok(!existsSync(path.join(dir, 'charts', 'first-means.svg')));
    assert.deepEqual(siblings(dir), []);
  });

  it('leaves the previous folder untouched when a write fails (a full disk)', () => {
    const dir = seeded();
    let n = 0;
    const full = (file: string, content: string) => {
      if (++n > 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      writeFileSync(file, content);
    };
    assert.throws(
      () => writeOutputFolder(dir, versions.B, { owned: isReportFile, writeFile: full }),
      (err: unknown) =>
        err instanceof CounterfairError && err.code === 'io' && err.problems[0]?.id === 'report.write-failed' && /ENOSPC/.test(err.message),
    );
    assert.equal(versionOf(dir, versions), 'A');
    assert.deepEqual(siblings(dir), []);
  });

  it('puts back a folder a killed run set aside, and removes the leftovers of dead processes only', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'out');
    const dead = 2 ** 30; // above any pid_max: no such process
    // A run killed between its two renames: the previous folder aside, the new one complete beside it.
    const aside = path.join(parent, `.out.cf-old-${dead}-cc`);
    writeOutputFolder(aside, versions.A, { owned: isReportFile });
    for (const [f, text] of Object.entries(USER_FILES)) writeFileSync(path.join(aside, f), text);
    writeOutputFolder(path.join(parent, `.out.cf-new-${dead}-aa`), versions.B, { owned: isReportFile });
    // A run still going (the test's parent process is alive).
    mkdirSync(path.join(parent, `.out.cf-new-${process.ppid}-bb`));
    recoverOutputFolder(dir);
    assert.equal(versionOf(dir, versions), 'A');
    assert.deepEqual(siblings(dir), [`.out.cf-new-${process.ppid}-bb`]);
  });

  it('refuses a folder that holds the current folder', () => {
    assert.throws(
      () => writeOutputFolder('.', versions.A, { owned: isReportFile }),
      (err: unknown) => err instanceof CounterfairError && err.problems[0]?.id === 'report.out-holds-cwd',
    );
    assert.throws(
      () => writeOutputFolder(path.dirname(process.cwd()), versions.A, { owned: isReportFile }),
      (err: unknown) => err instanceof CounterfairError && err.problems[0]?.id === 'report.out-holds-cwd',
    );
  });

  it('holds its invariant under SIGKILL at 50 random points of writing', async () => {
    const work = tempDir();
    // The writer runs as plain JavaScript (bundled once), so a child starts in tens of milliseconds.
    await build({
      entryPoints: ['src/report/output-folder.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: path.join(work, 'output-folder.mjs'),
      logLevel: 'silent',
    });
    writeFileSync(path.join(work, 'versions.json'), JSON.stringify([versions.A, versions.B]));
    writeFileSync(
      path.join(work, 'child.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { writeOutputFolder } from './output-folder.mjs';",
        'const [dir, file, start] = process.argv.slice(2);',
        "const versions = JSON.parse(readFileSync(file, 'utf8'));",
        `const owned = (n) => ${JSON.stringify(REPORT_FILES)}.includes(n) || /^charts\\/[^/]+\\.(svg|vl\\.json)$/.test(n);`,
        "process.stdout.write('ready\\n');",
        'for (let i = Number(start); ; i++) writeOutputFolder(dir, versions[i % 2], { owned });',
      ].join('\n'),
    );
    const seen = new Set<string>();
    let missing = 0;
    /** One kill: a writer started on `dir`, killed after a random delay, and the folder checked. */
    const killOnce = async (dir: string, k: number) => {
      const child = spawn(process.execPath, [path.join(work, 'child.mjs'), dir, path.join(work, 'versions.json'), String(k % 2)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      // What a reader sees right after the kill: a complete version, or (between the two
      // renames) no folder at all — never a mix.
      if (existsSync(dir)) seen.add(versionOf(dir, versions));
      else missing++;
      // What the next run starts from, after its recovery: always a complete version.
      recoverOutputFolder(dir);
      seen.add(versionOf(dir, versions));
      assert.deepEqual(siblings(dir), []);
    };
    // Five folders at a time (each its own writer), ten kills each: 50 kill points.
    const dirs = Array.from({ length: 5 }, () => seeded());
    for (let round = 0; round < 10; round++) await Promise.all(dirs.map((dir) => killOnce(dir, round)));
    assert.equal(seen.size, 2, `kills landed in both versions: ${[...seen].join(', ')} (${missing} between renames)`);
    for (const dir of dirs) assert.ok(statSync(dir).isDirectory());
  });
});
