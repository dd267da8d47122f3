/** What reaches the terminal (and a CI runner reading it) is inert, whatever the names hold. */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/index.ts';
import { inert, inertLines } from '../../src/cli/context.ts';
import { cli, tempDir } from '../helpers.ts';

/** An audit whose name and groups carry newlines followed by GitHub workflow commands. */
function hostileSpec(dir: string): string {
  const model = path.relative(dir, path.resolve('models', 'planted-bias'));
  writeFileSync(
    path.join(dir, 'lexicon.yaml'),
    [
      'name: hostile',
      'source: test fixture',
      'default_field: name',
      'fields: { name: a name }',
      'groups:',
      '  - { group: "India\\n::error title=forged::ALL GATES PASSED", forms: { name: India } }',
      '  - { group: "Iraq\\r\\n::stop-commands::token\\u001b]0;title\\u0007", forms: { name: Iraq } }',
      '',
    ].join('\n'),
  );
  const file = path.join(dir, 'audit.yaml');
  writeFileSync(
    file,
    [
      'name: "Audit\\n::add-mask::x\\n::set-output name=verdict::passed"',
      `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
      'bootstrap: { resamples: 100 }',
      'templates: ["I am from {who}.", "We met in {who}.", "Food in {who} is fine.", "I flew to {who}.", "{who} is big."]',
      'axes: { who: { lexicon: ./lexicon.yaml } }',
      'gates: [{ metric: delta, axis: who, min: -0.01 }, { metric: gap, max: 0.01 }]',
      '',
    ].join('\n'),
  );
  return file;
}

describe('terminal output', () => {
  it('never lets a name start a line: no workflow command but the annotations counterfair prints', async () => {
    const dir = tempDir();
    for (const env of [{}, { GITHUB_ACTIONS: 'true' }]) {
      let stdout = '';
      let stderr = '';
      const code = await main(['run', hostileSpec(dir), '--out', path.join(dir, 'out'), '--no-cache'], {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        env,
        cwd: dir,
      });
      assert.equal(code, 1, stderr);
      const lines = `${stdout}\n${stderr}`.split('\n');
      const commands = lines.filter((l) => l.startsWith('::'));
      // Only counterfair's own annotations, one per failed gate, and only under GitHub Actions.
      assert.ok(commands.every((l) => /^::error file=audit\.yaml,line=\d+,col=\d+,title=counterfair%3A gate failed /.test(l)), commands.join('\n'));
      assert.equal(commands.length, 'GITHUB_ACTIONS' in env ? 2 : 0);
      assert.ok(!/[\r\u0007]|\u001b\]/.test(stdout + stderr), 'no raw control characters');
      assert.match(stdout, /^FAILED: Audit\\n::add-mask::x\\n::set-output name=verdict::passed$/m);
    }
  });

  it('escapes controls but keeps colours and line breaks', () => {
    assert.equal(inert('a\nb\r\u0007c\td'), 'a\\nb\\r\\u0007c\\td');
    assert.equal(inertLines('ok\n::error::x\n\u001b[31mred\u001b[0m \u001b]0;t\u0007'), 'ok\n ::error::x\n\u001b[31mred\u001b[0m \\u001b]0;t\\u0007');
  });
});

describe('flags that take a path', () => {
  it('refuse a flag taken for the value: `--out --no-cache` creates no folder named --no-cache', async () => {
    const dir = tempDir();
    const r = await cli('run', 'audits/demo.yaml', '--out', '--no-cache');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /option '-o, --out <dir>' argument '--no-cache' is invalid\. needs a path, not "--no-cache"/);
    assert.equal(existsSync('--no-cache'), false);
    assert.equal(existsSync(path.join(dir, '--no-cache')), false);
  });
});

describe('checks before inference', () => {
  it('refuses an output folder that cannot be written before the model loads', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), 'x');
    for (const out of [path.join(dir, 'file'), path.join(dir, 'file', 'reports')]) {
      const r = await cli('run', 'test/fixtures/planted.yaml', '--out', out);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot write reports here: `));
      // Nothing ran: no inference line, no progress.
      assert.doesNotMatch(r.stderr, /inference|classified/);
    }
  });
});
