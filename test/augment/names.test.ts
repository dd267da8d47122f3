import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { builtinNamePairs, readNamePairs } from '../../src/augment/index.ts';
import { builtinNamePairsFile } from '../../src/augment/names.ts';
import { formsOf, isCommonEnglishWord, loadBuiltinLexicon } from '../../src/generate/index.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { tempDir } from '../helpers.ts';

function file(name: string, content: string): string {
  const f = path.join(tempDir(), name);
  writeFileSync(f, content);
  return f;
}

function problemOf(fn: () => unknown): { id?: string; line?: number; col?: number; message: string } {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CounterfairError, String(err));
    const p = err.problems[0];
    assert.ok(p);
    return { id: p.id, line: p.location?.line, col: p.location?.col, message: p.message };
  }
  assert.fail('expected an error');
}

describe('the built-in name pairs', () => {
  it('pair the gender lexicon\'s SSA names rank for rank, ranks 1 to 19, none a common word', () => {
    const gender = loadBuiltinLexicon('gender');
    const builtin = builtinNamePairsFile();
    const names = (g: string) => formsOf(gender.groups.find((x) => x.group === g) as (typeof gender.groups)[number], 'first_name') ?? [];
    assert.deepEqual(builtin.pairs.map((p) => p.rank), Array.from({ length: 19 }, (_, i) => i + 1));
    assert.deepEqual(builtin.pairs.map((p) => p.female), names('female'));
    assert.deepEqual(builtin.pairs.map((p) => p.male), names('male').slice(0, 19));
    const info = builtinNamePairs();
    assert.equal(info.pairs.length, 19);
    assert.deepEqual(info.left_out, []);
    assert.deepEqual(info.pairs[0], ['Jessica', 'Michael']);
    assert.ok(info.pairs.flat().every((n) => !isCommonEnglishWord(n)));
  });
});

describe('a name pairs file', () => {
  it("reads Hall Maudslay et al.'s layout ([male, female], lower case) and leaves out common words and repeats, with why", () => {
    const pairs = [['james', 'barbara'], ['will', 'grace'], ['john', 'mary'], ['jon', 'barbara'], ['billy joe', 'mary-kate'], ['kim', 'kim']];
    const info = readNamePairs(file('p.json', JSON.stringify(pairs)), 'p.json');
    assert.deepEqual(info.pairs, [
      ['Barbara', 'James'],
      ['Mary', 'John'],
      ['Mary-Kate', 'Billy Joe'],
    ]);
    assert.deepEqual(info.left_out, [
      { pair: ['Grace', 'Will'], why: '"Grace" is a common English word' },
      { pair: ['Barbara', 'Jon'], why: '"Barbara" is already paired (Barbara / James)' },
      { pair: ['Kim', 'Kim'], why: 'the same name on both sides' },
    ]);
  });

  it('reads the built-in layout ({ pairs: [{ female, male }] }), in YAML too, and keeps capitals as written', () => {
    const info = readNamePairs(file('p.yaml', 'pairs:\n  - { female: McKenzie, male: DeShawn }\n'), 'p.yaml');
    assert.deepEqual(info.pairs, [['McKenzie', 'DeShawn']]);
  });

  it('a bad file is one located line', () => {
    assert.deepEqual(problemOf(() => readNamePairs(file('p.json', '[["james", "barbara"],\n ["john"]]'), 'p.json')), {
      id: 'augment.bad-pairs',
      line: 2,
      col: 2,
      message: 'name pairs: pair 2 must be [male, female] or { female, male }, two names',
    });
    assert.equal(problemOf(() => readNamePairs(file('p.json', '[["james", '), 'p.json')).id, 'augment.bad-pairs');
    assert.equal(problemOf(() => readNamePairs(file('p.json', '{"names": []}'), 'p.json')).id, 'augment.bad-pairs');
    assert.equal(problemOf(() => readNamePairs(path.join(tempDir(), 'none.json'), 'none.json')).id, 'augment.pairs-not-found');
  });
});
