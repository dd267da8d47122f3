/**
 * The GitHub Action (action.yml at the repository root): its structure, and the step that turns
 * exit codes into the step's result (scripts/ci/verdict.sh). The steps that run counterfair
 * are tested on real runs in action-run.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { cleanEnv } from './consumer.ts';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync('action.yml', 'utf8')) as Action;
const steps = action.runs.steps;
const scriptOf = (step: Step): string | undefined => /"\$GITHUB_ACTION_PATH\/(scripts\/ci\/[\w-]+\.sh)"/.exec(step.run ?? '')?.[1];
/** Every `${{ … }}` expression and `if:` condition of the steps and outputs, as one text. */
const expressions = JSON.stringify([action.outputs, steps]);

describe('action.yml', () => {
  it('is a composite action with a name, a description and described inputs and outputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `input ${name} has no description`);
    for (const [name, output] of Object.entries(action.outputs)) assert.ok(output.description && output.value, `output ${name}`);
    assert.deepEqual(Object.keys(action.inputs).filter((k) => action.inputs[k]?.required), ['spec']);
    assert.deepEqual(Object.keys(action.outputs), ['verdict', 'exit-code', 'results', 'report-dir', 'comparison']);
  });

  it('uses every input it declares and declares every input it uses', () => {
    const used = new Set([...expressions.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]));
    assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
  });

  it('runs each shell step as a script of scripts/ci that exists and reads the variables the step sets', () => {
    const shellSteps = steps.filter((s) => s.run !== undefined);
    assert.deepEqual(shellSteps.map(scriptOf), ['scripts/ci/install.sh', 'scripts/ci/audit.sh', 'scripts/ci/compare.sh', 'scripts/ci/verdict.sh']);
    for (const step of shellSteps) {
      const script = scriptOf(step) ?? '';
      assert.equal(step.shell, 'bash', `${step.name}: a composite step needs its shell`);
      assert.ok(existsSync(script), script);
      const text = readFileSync(script, 'utf8');
      for (const variable of Object.keys(step.env ?? {})) assert.match(text, new RegExp(`\\$\\{?${variable}\\b`), `${script} never reads ${variable}`);
      assert.equal(spawnSync('bash', ['-n', script]).status, 0, `${script} is not valid bash`);
    }
  });

  it('reads only outputs that its steps write', () => {
    const ids = new Map(steps.filter((s) => s.id).map((s) => [s.id, readFileSync(scriptOf(s) ?? '', 'utf8')]));
    const reads = [...expressions.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)];
    assert.ok(reads.length > 0);
    for (const [, id, output] of reads) {
      const script = ids.get(id);
      assert.ok(script !== undefined, `no step has the id ${id}`);
      assert.match(script, new RegExp(`^\\s*output ${output} `, 'm'), `step ${id} never writes ${output}`);
    }
  });

  it('uses current majors of the official actions', () => {
    assert.deepEqual(steps.filter((s) => s.uses).map((s) => s.uses), ['actions/setup-node@v7', 'actions/upload-artifact@v7']);
  });
});

describe('scripts/ci/verdict.sh', () => {
  const verdict = (audit: string, compare: string, failOn: string) =>
    spawnSync('bash', ['scripts/ci/verdict.sh'], { env: cleanEnv({ AUDIT_EXIT: audit, COMPARE_EXIT: compare, INPUT_FAIL_ON: failOn }), encoding: 'utf8' }).status;

  it('fails the step as the CLI would by default: on anything but a pass', () => {
    assert.deepEqual(['0', '1', '2', '3'].map((code) => verdict(code, '', 'inconclusive')), [0, 1, 2, 3]);
  });

  it('with fail-on: failed, lets an inconclusive audit through, not a failed one', () => {
    assert.deepEqual(['0', '1', '2', '3'].map((code) => verdict(code, '', 'failed')), [0, 1, 2, 0]);
  });

  it('fails on a regression or an impossible comparison once the audit itself passed', () => {
    assert.deepEqual([verdict('0', '0', 'inconclusive'), verdict('0', '1', 'inconclusive'), verdict('0', '2', 'failed'), verdict('3', '1', 'failed')], [0, 1, 2, 1]);
    assert.equal(verdict('1', '1', 'inconclusive'), 1, "the audit's own code comes first");
  });

  it('with fail-on: never, fails nothing; and rejects an unknown fail-on', () => {
    assert.deepEqual([verdict('1', '', 'never'), verdict('2', '1', 'never')], [0, 0]);
    assert.equal(verdict('0', '', 'sometimes'), 2);
  });
});
