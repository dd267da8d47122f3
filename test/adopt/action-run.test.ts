// @full: runs bin/counterfair.js, which loads the bundled CLI (npm run build)
/**
 * The GitHub Action's shell steps (scripts/ci/*.sh), run here as the runner runs them: with
 * GITHUB_ACTIONS=true and GITHUB_OUTPUT and GITHUB_STEP_SUMMARY pointing at files, on real
 * audits of models/planted-bias.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixture, tempDir } from '../helpers.ts';
import { cleanEnv } from './consumer.ts';

const repo = process.cwd();
const bin = path.join(repo, 'bin', 'counterfair.js');

interface Step {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs scripts/ci/<script> in `cwd` as a step of the action would run, with `env` as its inputs. */
function step(script: string, env: Record<string, string>, cwd = repo): Step {
  const dir = tempDir();
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary') };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  const r = spawnSync('bash', [path.join(repo, 'scripts', 'ci', script)], { cwd, env: cleanEnv({ GITHUB_ACTIONS: 'true', ...files, ...env }), encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

function audit(spec: string, out: string): Step {
  return step('audit.sh', { COUNTERFAIR_BIN: bin, INPUT_SPEC: spec, INPUT_OUT: out, INPUT_ARGS: '--no-cache --seed 7' });
}

describe('scripts/ci/install.sh', () => {
  it("with version: project, finds the counterfair the workspace's project installed", () => {
    const project = tempDir();
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(repo, path.join(project, 'node_modules', 'counterfair'));
    const r = step('install.sh', { INPUT_VERSION: 'project' }, project);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { bin: path.join(realpathSync(repo), 'bin', 'counterfair.js') });
    assert.match(r.stdout, /^counterfair \d+\.\d+\.\d+ on Node v\d+/m);
  });

  it('with version: project, says how to install counterfair when the project has not', () => {
    const r = step('install.sh', { INPUT_VERSION: 'project' }, tempDir());
    assert.equal(r.status, 2);
    assert.match(r.stdout, /^::error title=counterfair::version is 'project' but counterfair is not installed here .*npm install --save-dev counterfair/m);
    assert.deepEqual(r.outputs, {});
  });
});

describe('scripts/ci/audit.sh', () => {
  it('a failed audit: annotations on the spec lines, the summary, verdict outputs, and exit 0 for the steps after it', () => {
    const out = path.join(tempDir(), 'run');
    const r = audit(fixture('planted.yaml'), out);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { verdict: 'failed', 'exit-code': '1', results: path.join(out, 'results.json'), 'report-dir': out });
    assert.equal(r.summary, readFileSync(path.join(out, 'summary.md'), 'utf8'));
    assert.match(r.summary, /^## ❌ FAILED: Planted bias$/m);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(
      annotations.map((l) => l.slice(0, l.indexOf(',title='))),
      ['::error file=test/fixtures/planted.yaml,line=18,col=5', '::error file=test/fixtures/planted.yaml,line=19,col=5', '::error file=test/fixtures/planted.yaml,line=19,col=5'],
    );
    assert.match(r.stdout, /^counterfair: failed \(exit 1\)$/m);
    assert.match(r.stderr, /^16 sentences in 5 sets/m, 'progress still reaches the log');
  });

  it('a passed audit and an inconclusive one', () => {
    const passed = audit(fixture('planted-pass.yaml'), path.join(tempDir(), 'run'));
    assert.equal(passed.status, 0, passed.stderr);
    assert.equal(passed.outputs.verdict, 'passed');
    assert.equal(passed.outputs['exit-code'], '0');
    assert.match(passed.summary, /^## ✅ PASSED/m);
    assert.ok(!passed.stdout.includes('::error'));

    const undecided = audit(fixture('few-sets.yaml'), path.join(tempDir(), 'run'));
    assert.equal(undecided.status, 0, undecided.stderr);
    assert.equal(undecided.outputs.verdict, 'inconclusive');
    assert.equal(undecided.outputs['exit-code'], '3');
  });

  it('an audit that could not run: each located problem annotated, the error in the summary, no results', () => {
    const out = path.join(tempDir(), 'run');
    const r = audit(fixture('bad-gates.yaml'), out);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { verdict: 'error', 'exit-code': '2', results: '', 'report-dir': out });
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(
      annotations.map((l) => l.slice(0, l.indexOf('::', 2))),
      [10, 11, 12].map((line, i) => `::error file=test/fixtures/bad-gates.yaml,line=${line},col=${[44, 15, 15][i]},title=counterfair%3A the audit could not run`),
    );
    assert.match(annotations[0] ?? '', /::"Irak" is not a group of country \(did you mean "Iraq"\?\)$/);
    assert.match(r.summary, /^### counterfair could not run test\/fixtures\/bad-gates\.yaml \(exit 2\)$/m);
    assert.match(r.summary, /^test\/fixtures\/bad-gates\.yaml:10:44: "Irak" is not a group of country/m);
  });

  it('passes extra arguments on: a flag counterfair does not know is an error of the run', () => {
    const r = step('audit.sh', { COUNTERFAIR_BIN: bin, INPUT_SPEC: fixture('planted.yaml'), INPUT_OUT: tempDir(), INPUT_ARGS: '--no-cache  --frobnicate' });
    assert.equal(r.outputs.verdict, 'error');
    assert.match(r.stderr, /unknown option '--frobnicate'/);
    assert.match(r.stdout, /^::error title=counterfair%3A the audit could not run::/m);
  });
});

describe('scripts/ci/compare.sh', () => {
  const planted = path.join(tempDir(), 'planted');

  it('against a baseline of the same audit: no regression, compare.md in the summary', () => {
    assert.equal(audit(fixture('planted.yaml'), planted).outputs.verdict, 'failed');
    const candidate = path.join(tempDir(), 'candidate');
    audit(fixture('planted.yaml'), candidate);
    const r = step('compare.sh', { COUNTERFAIR_BIN: bin, INPUT_BASELINE: planted, INPUT_OUT: candidate, INPUT_MAX_REGRESSION: '0' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { comparison: 'no-regression', 'comparison-exit-code': '0' });
    assert.equal(r.summary, `\n${readFileSync(path.join(candidate, 'compare', 'compare.md'), 'utf8')}`);
  });

  it('against a worse model: a regression', () => {
    // The same audit of a model without the planted country weights (models/sst2-bow) as the baseline.
    const dir = tempDir();
    const spec = path.join(dir, 'planted.yaml');
    writeFileSync(spec, readFileSync(fixture('planted.yaml'), 'utf8').replace('../../models/planted-bias', path.join(repo, 'models', 'sst2-bow')));
    const baseline = path.join(dir, 'baseline');
    assert.notEqual(audit(spec, baseline).outputs.verdict, 'error');
    const candidate = path.join(dir, 'candidate');
    audit(fixture('planted.yaml'), candidate);
    const r = step('compare.sh', { COUNTERFAIR_BIN: bin, INPUT_BASELINE: baseline, INPUT_OUT: candidate, INPUT_MAX_REGRESSION: '0.05' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { comparison: 'regressed', 'comparison-exit-code': '1' });
    assert.match(r.stdout, /^REGRESSED {2}gap on country/m);
  });

  it('against a run of another audit: an error, annotated', () => {
    // An audit that shares no template with planted.yaml (runs that share some are compared on those).
    const dir = tempDir();
    const spec = path.join(dir, 'other.yaml');
    writeFileSync(
      spec,
      readFileSync(fixture('planted-pass.yaml'), 'utf8')
        .replace('../../models/planted-bias', path.join(repo, 'models', 'planted-bias'))
        .replace('"I saw {gender.object}."', '"I called {gender.object}."'),
    );
    const other = path.join(dir, 'other');
    audit(spec, other);
    const r = step('compare.sh', { COUNTERFAIR_BIN: bin, INPUT_BASELINE: other, INPUT_OUT: planted });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.outputs, { comparison: 'error', 'comparison-exit-code': '2' });
    assert.match(r.stdout, /^::error title=counterfair%3A cannot compare with the baseline::/m);
    assert.match(r.summary, /^### counterfair could not compare with /m);
  });
});
