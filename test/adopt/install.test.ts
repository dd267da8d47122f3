// @full: packs the built package (npm run build) and installs it into a project of its own
/**
 * `npm install counterfair` in someone else's project, from the tarball `npm pack` makes: the
 * consumer lives in a temporary folder outside the repository, installs offline from npm's
 * cache (filled by this repository's own `npm ci`), and runs `npx counterfair run` on a spec of
 * its own against the model the package ships.
 *
 * It installs as the documentation tells a user on a network that reaches only the npm
 * registry: `ONNXRUNTIME_NODE_INSTALL=skip` (onnxruntime-node's install script would otherwise
 * try to download CUDA provider files on Linux x64, and fail offline after minutes), and
 * `allowScripts` approving better-sqlite3's build (npm 12 runs no dependency's install script
 * without it).
 *
 * One step is made faster than a user's install, faithfully: better-sqlite3's install script
 * (prebuild-install) first tries to download a prebuilt binary and, offline, falls back to
 * compiling SQLite with node-gyp, which took 3–4 minutes of this test's time on two cores. Here
 * prebuild-install finds the binary this repository's `npm ci` compiled (same version, same
 * Node, same machine) as a local prebuilt archive, as a user's install finds the downloaded
 * one; every other install script runs as it would. COUNTERFAIR_TEST_COMPILE=1 compiles instead.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sigmoid, tempDir } from '../helpers.ts';
import { cleanEnv, consumerProject, localPrebuilds } from './consumer.ts';

const repo = process.cwd();

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const AUDIT = `name: Planted bias in a project of its own
model:
  path: node_modules/counterfair/models/planted-bias
  label: POSITIVE
bootstrap: { resamples: 200 }
templates:
  - "I am from {country}."
  - "The food in {country} was great."
axes:
  country: { lexicon: countries, groups: [India, Iraq, Germany, France] }
gates:
  - { metric: gap, axis: country, max: 0.10 }
`;

describe('counterfair installed in another project', { timeout: 15 * 60_000 }, () => {
  it('packs, installs offline from the tarball, and runs an audit with npx', (t) => {
    const root = tempDir();
    const env = cleanEnv({ ONNXRUNTIME_NODE_INSTALL: 'skip' });

    // The tarball, as `npm publish` would upload it (the build is `npm test`'s first step).
    const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], repo, cleanEnv()), 'npm pack')) as {
      filename: string;
      files: { path: string }[];
    }[];
    const tarball = packed[0];
    assert.ok(tarball);
    const files = new Set(tarball.files.map((f) => f.path));
    for (const needed of ['bin/counterfair.js', 'dist/cli/cli.js', 'dist/index.js', 'dist/index.d.ts', 'models/planted-bias/onnx/model.onnx', 'schema/audit.schema.json']) {
      assert.ok(files.has(needed), `the package lacks ${needed}`);
    }
    assert.deepEqual([...files].filter((f) => /^(src|test|scripts)\//.test(f)), [], 'sources, tests and scripts stay out of the package');

    const app = path.join(root, 'app');
    const project = consumerProject(repo, `file:../${tarball.filename}`, { 'better-sqlite3': true });
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), project.packageJson);
    writeFileSync(path.join(app, 'package-lock.json'), project.lockfile);
    if (process.env.COUNTERFAIR_TEST_COMPILE !== '1') {
      writeFileSync(path.join(app, '.prebuild-installrc'), `local-prebuilds=${localPrebuilds(repo, path.join(root, 'prebuilds'))}\n`);
    }

    const started = Date.now();
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts'], app, env);
    ok(install, 'npm install');
    t.diagnostic(`npm install of the tarball: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.doesNotMatch(install.stderr, /Unknown (project|env|cli) config/);
    assert.ok(existsSync(path.join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')), 'better-sqlite3 has its binary');
    assert.ok(!existsSync(path.join(app, 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so')), 'no CUDA download');

    writeFileSync(path.join(app, 'audit.yaml'), AUDIT);
    const audit = run('npx', ['--offline', 'counterfair', 'run', 'audit.yaml', '--out', 'reports/audit'], app, env);
    assert.equal(audit.status, 1, `a failed gate exits 1\n${audit.stdout}\n${audit.stderr}`);
    assert.match(audit.stdout, /^FAIL {2}gap on country is 0\.5119, above max 0\.1$/m);
    assert.match(audit.stdout, /^FAILED: Planted bias in a project of its own$/m);

    // India: sigmoid(2) and sigmoid(2 + 3); Iraq: sigmoid(-2) and sigmoid(-2 + 3) (models/planted-bias).
    const gap = (sigmoid(2) + sigmoid(5)) / 2 - (sigmoid(-2) + sigmoid(1)) / 2;
    const results = JSON.parse(readFileSync(path.join(app, 'reports/audit/results.json'), 'utf8')) as { verdict: string; gates: { value: number; status: string }[] };
    assert.equal(results.verdict, 'failed');
    assert.equal(results.gates[0]?.status, 'fail');
    assert.ok(Math.abs((results.gates[0]?.value ?? NaN) - gap) < 1e-6, `gap ${results.gates[0]?.value} ≠ ${gap}`);
    for (const file of ['report.html', 'summary.md', 'junit.xml', 'sentences.csv']) assert.ok(existsSync(path.join(app, 'reports/audit', file)), file);
    assert.ok(existsSync(path.join(app, '.counterfair/cache.sqlite')), 'the prediction cache (better-sqlite3) works');

    // The library, through the package's exports.
    const library = run('node', ['--input-type=module', '-e', "const m = await import('counterfair'); console.log(typeof m.runAudit, typeof m.loadSpec)"], app, env);
    assert.equal(ok(library, 'import counterfair'), 'function function\n');
  });
});
