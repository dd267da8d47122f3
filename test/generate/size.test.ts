/** The size of an audit is known before it is generated: a spec that would make too much stops at once. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, tempDir } from '../helpers.ts';

/** Three fillers of 200 words each in one template with every country: 200³ × 197 ≈ 1.6 billion sentences. */
function hugeSpec(dir: string, extra = ''): string {
  const words = (p: string) => `[${Array.from({ length: 200 }, (_, i) => `${p}${i}`).join(', ')}]`;
  const model = path.relative(dir, path.resolve('models', 'planted-bias'));
  const file = path.join(dir, 'huge.yaml');
  writeFileSync(
    file,
    [
      'name: Too big',
      `model: { path: ${JSON.stringify(model)}, label: POSITIVE }`,
      'templates:',
      '  - "I am from {country}."',
      '  - "The {a} {b} of {country} was {c}."',
      `fillers: { a: ${words('a')}, b: ${words('b')}, c: ${words('c')} }`,
      'axes: { country: { lexicon: countries } }',
      extra,
    ].join('\n'),
  );
  return file;
}

describe('size guard', () => {
  it('validate and run stop before generating, at the largest template, with the counts and the fix', async () => {
    const dir = tempDir();
    const file = hugeSpec(dir);
    for (const command of ['validate', 'run', 'generate']) {
      const r = await cli(command, file, ...(command === 'run' ? ['--out', path.join(dir, 'out')] : []));
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assert.equal(
        r.stderr,
        `${file}:5:5: the templates would make 1,576,000,197 sentences in 8,000,001 sets (this one 1,576,000,000 in 8,000,000 sets), ` +
          'more than max_sentences 5,000,000: set max_sets (at the top, or on a template) to sample fewer sets, or raise max_sentences (--max-sentences)\n',
      );
    }
  });

  it('counts sampled sets: max_sets brings the audit under the limit, and --max-sentences lowers it', async () => {
    const dir = tempDir();
    const file = hugeSpec(dir, 'max_sets: 10');
    const ok = await cli('validate', file);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, `${file}: valid (1 axis, 11 sets, 2167 sentences)\n`);
    const low = await cli('validate', file, '--max-sentences', '2000');
    assert.equal(low.code, 2);
    assert.match(low.stderr, /would make 2,167 sentences in 11 sets .*more than max_sentences 2,000/);
  });
});

describe('the count before generating', () => {
  // Every shipped audit of templates: one sentence more than the limit allows stops, at the very
  // count that generating makes (pairs, fillers, names with several forms per group, Spanish).
  const audits = ['demo', 'gender-country', 'gender-occupation', 'nli-gender', 'eec', 'es/genero', 'es/paises'];
  for (const name of audits) {
    it(`is the number of sentences generated: audits/${name}.yaml`, async () => {
      const file = path.join('audits', `${name}.yaml`);
      const ok = await cli('validate', file);
      assert.equal(ok.code, 0, ok.stderr);
      const made = Number(/, (\d+) sentences\)/.exec(ok.stdout)?.[1]);
      assert.ok(made > 0, ok.stdout);
      const low = await cli('validate', file, '--max-sentences', String(made - 1));
      assert.equal(low.code, 2);
      assert.match(low.stderr, new RegExp(`would make ${made.toLocaleString('en-US')} sentences`));
    });
  }
});
