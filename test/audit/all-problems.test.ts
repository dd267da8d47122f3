/** A spec with a mistake of every kind is fixed in one edit: validate and run report them all, before inference. */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, tempDir } from '../helpers.ts';

describe('every problem at once', () => {
  it('reports schema, gate, lexicon, group and template mistakes in one run, in the order of the file', async () => {
    const dir = tempDir();
    const model = path.relative(dir, path.resolve('models', 'planted-bias'));
    const file = path.join(dir, 'audit.yaml');
    writeFileSync(
      file,
      [
        'name: Many mistakes',
        `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
        'bootstrap: { resamples: 5 }', // 3: schema (at least 100)
        'templates:',
        '  - "I am from {contry}."', // 5: template names an undeclared axis
        '  - "{gender.subject} left."',
        'axes:',
        '  country: { lexicon: countries, groups: [India, Irak] }', // 8: no such group
        '  team: { lexicon: ./missing.yaml }', // 9: lexicon file not found
        '  gender: { lexicon: gender }',
        'gates:',
        '  - { metric: gap, axis: contry, max: 0.1 }', // 12: gate names an undeclared axis
        '  - { metric: positive_rate, max: 1.5 }', // 13: threshold outside the metric's range
        '',
      ].join('\n'),
    );
    for (const command of ['validate', 'run']) {
      const r = await cli(command, file, ...(command === 'run' ? ['--out', path.join(dir, 'out'), '--no-cache'] : []));
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.trimEnd().split('\n');
      assert.deepEqual(
        lines.map((l) => l.slice(file.length + 1).split(':').slice(0, 2).join(':')),
        ['3:25', '5:5', '8:50', '9:20', '12:26', '13:35'],
        r.stderr,
      );
      assert.doesNotMatch(r.stderr, /inference|classified/);
    }
  });

  it('finds corpus gold labels the model does not have before inference, once per label', async () => {
    const dir = tempDir();
    const model = path.relative(dir, path.resolve('models', 'planted-bias'));
    writeFileSync(path.join(dir, 'reviews.csv'), ['text,gold', 'She is good.,positive', 'He is bad.,NEGATIVE', 'She is fine.,positive', 'He is ok.,meh', ''].join('\n'));
    const file = path.join(dir, 'audit.yaml');
    writeFileSync(
      file,
      [
        'name: Gold labels',
        `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
        'corpus: { path: reviews.csv, text: text, label: gold }',
        'perturb: [gender]',
        'axes: { gender: { lexicon: gender } }',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'out');
    for (const command of ['validate', 'run']) {
      const r = await cli(command, file, ...(command === 'run' ? ['--out', out, '--no-cache'] : []));
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(r.stderr.trimEnd().split('\n'), [
        `${file}:3:49: corpus row 0 (and 1 more row) has gold label "positive", which is not a label of the model (NEGATIVE, POSITIVE)`,
        `${file}:3:49: corpus row 3 has gold label "meh", which is not a label of the model (NEGATIVE, POSITIVE)`,
      ]);
      assert.equal(existsSync(out), false);
    }
  });

  it('reports a perturbed axis whose lexicon does not exist, as a template audit does (found by the long fuzz run)', async () => {
    const file = path.join(tempDir(), 'audit.yaml');
    const corpus = path.resolve('test', 'fixtures', 'corpus', 'planted-reviews.csv');
    const model = path.resolve('models', 'planted-bias');
    writeFileSync(
      file,
      [
        'name: Typo in a lexicon',
        `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
        `corpus: { path: ${JSON.stringify(corpus)}, text: text, label: gold }`,
        'perturb: [gender]',
        'axes: { gender: { lexicon: ender } }',
        '',
      ].join('\n'),
    );
    const r = await cli('validate', file);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      `${file}:5:28: unknown lexicon "ender" (did you mean "gender"?); built-in lexicons are countries, gender, race-names, religions, or give a path to a YAML/JSON file\n`,
    );
  });
});
