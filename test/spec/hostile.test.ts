/** Spec files built to break the loader get counterfair's own located errors, never an internal error. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CounterfairError, loadSpec } from '../../src/index.ts';
import { MAX_SHOWN_PROBLEMS } from '../../src/shared/errors.ts';
import { tempDir } from '../helpers.ts';

const MODEL = 'model: { path: ../models/planted-bias, label: POSITIVE }';

/** Loads spec text (or bytes) from a file; returns the error's problems, or the loaded spec. */
function load(content: string | Buffer): CounterfairError | ReturnType<typeof loadSpec> {
  const file = path.join(tempDir(), 'audit.yaml');
  writeFileSync(file, content);
  try {
    return loadSpec(file);
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    return err;
  }
}

function problems(content: string | Buffer): { line?: number; col?: number; id?: string; message: string }[] {
  const r = load(content);
  assert.ok(r instanceof CounterfairError, 'expected an error');
  return r.problems.map((p) => ({ line: p.location?.line, col: p.location?.col, id: p.id, message: p.message }));
}

describe('hostile spec files', () => {
  it('refuses bytes that are not UTF-8 at the byte, and hashes the file’s own bytes', () => {
    const latin1 = Buffer.from(`name: Caf\u00e9\n${MODEL}\n`, 'latin1');
    assert.deepEqual(problems(latin1).map((p) => [p.line, p.col, p.id]), [[1, 10, 'input.not-utf8']]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`name: x\n${MODEL}\ntemplates: ["I am {c}."]\naxes: { c: { lexicon: countries } }\n`)]);
    const loaded = load(bom);
    assert.ok(!(loaded instanceof CounterfairError));
    assert.equal(loaded.hash, createHash('sha256').update(bom).digest('hex'));
  });

  it('stops an alias bomb with one located line', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    assert.deepEqual(problems(`${levels.join('\n')}\nname: x\n`).map((p) => [p.line, p.col, p.id]), [[1, 1, 'yaml.alias-bomb']]);
  });

  it('refuses a __proto__ key and names that every object inherits', () => {
    assert.deepEqual(problems(`name: x\n${MODEL}\ntemplates: ["I am {c}."]\naxes: { __proto__: { lexicon: countries } }\n`).map((p) => [p.line, p.col, p.id]), [[4, 9, 'yaml.proto-key']]);
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const axis = problems(`name: x\n${MODEL}\ntemplates: ["I am {${name}}."]\naxes: { ${name}: { lexicon: countries } }\n`);
      assert.deepEqual(axis.map((p) => [p.line, p.col, p.message]), [[4, 9, `"${name}" cannot name an entry of "axes": it is a name every JavaScript object already has; choose another`]]);
      const filler = problems(`name: x\n${MODEL}\ntemplates: ["I am {c} {${name}}."]\nfillers: { ${name}: [a, b] }\naxes: { c: { lexicon: countries } }\n`);
      assert.deepEqual(filler.map((p) => [p.line, p.col]), [[4, 12]]);
    }
  });

  it('refuses a list or a mapping as a key, located, without a warning from the YAML library', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const found = problems(`name: x\n${MODEL}\n? [India, Iraq]\n: 1\naxes:\n  ? { a: 1 }\n  : x\n`);
      assert.deepEqual(found.map((p) => [p.line, p.col, p.id]), [[3, 3, 'yaml.collection-key'], [6, 5, 'yaml.collection-key']]);
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });

  it('prints at most 50 problems and counts the rest', () => {
    const err = new CounterfairError('spec', Array.from({ length: 130 }, (_, i) => ({ message: `problem ${i}` })));
    const lines = err.message.split('\n');
    assert.equal(lines.length, MAX_SHOWN_PROBLEMS + 1);
    assert.equal(lines.at(-1), '… and 80 more problems');
    assert.equal(err.problems.length, 130);
  });

  it('keeps every problem on one line, whatever its text holds', () => {
    const err = new CounterfairError('spec', { location: { file: 'a.yaml', line: 2, col: 3 }, message: 'group "x\n::error::y" is unknown' });
    assert.equal(err.message, 'a.yaml:2:3: group "x\\n::error::y" is unknown');
  });
});
