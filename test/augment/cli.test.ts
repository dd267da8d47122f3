import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { augmentFile } from '../../src/augment/index.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { cli, tempDir } from '../helpers.ts';

const CSV = `id,review,sentiment
1,"She loved it, and so did her mom.",POSITIVE
2,He told her the plot.,NEGATIVE
3,The weather was fine.,POSITIVE
`;

function corpus(name: string, content: string): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

describe('counterfair augment', () => {
  it('writes the corpus with its copies in the same format and prints counts per axis and group', async () => {
    const { dir, file } = corpus('reviews.csv', CSV);
    const out = path.join(dir, 'out', 'reviews-cda.csv');
    const r = await cli('augment', file, '--axes', 'gender', '--text', 'review', '--label', 'sentiment', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      readFileSync(out, 'utf8'),
      `id,review,sentiment,augment_source_row,augment_swaps,augment_skipped
1,"She loved it, and so did her mom.",POSITIVE,0,,
1,"He loved it, and so did his dad.",POSITIVE,0,"gender female→male: She→He, her→his, mom→dad",
2,He told her the plot.,NEGATIVE,1,,"gender: mentions several groups (male, female)"
3,The weather was fine.,POSITIVE,2,,
`,
    );
    assert.deepEqual(r.stdout.split('\n'), [
      `read 3 rows from ${file}; wrote 4 rows to ${out} (two-sided: counterfactual data augmentation, CDA (Lu et al. 2018); seed 1)`,
      'gender: 1 row mentions one group (female 1); 1 counterfactual row written (swapped to male 1)',
      'gender: 1 row not swapped, as the engine cannot do it safely (kept as written, with why in augment_skipped):',
      '  1 mentions several groups (male, female): row 1',
      'gender: 1 row mentions no group of female, male',
      '',
    ]);
    assert.deepEqual(readdirSync(path.dirname(out)), ['reviews-cda.csv'], 'no temporary file left behind');
  });

  it('JSON Lines in, JSON Lines out, with the values\' own types', async () => {
    const { dir, file } = corpus('c.jsonl', '{"text": "I met Jessica.", "label": 1, "tags": ["a"]}\n');
    const out = path.join(dir, 'c-n.jsonl');
    const r = await cli('augment', file, '--axes', 'gender', '--names', '--mode', 'two-sided', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)), [
      { text: 'I met Jessica.', label: 1, tags: ['a'], augment_source_row: 0, augment_swaps: '', augment_skipped: '' },
      { text: 'I met Michael.', label: 1, tags: ['a'], augment_source_row: 0, augment_swaps: 'gender female→male: Jessica→Michael', augment_skipped: '' },
    ]);
    assert.match(r.stdout, /^names: 19 pairs of first names swapped with gender/m);
  });

  it('bad input is one located line, exit 2, and nothing written', async () => {
    const { dir, file } = corpus('reviews.csv', CSV);
    const out = path.join(dir, 'o.csv');
    const cases: [string[], string][] = [
      [['--axes', 'gendr', '--text', 'review'], '--axes gendr: unknown axis (did you mean "gender"?); axes: "gender", "country", "religion", or a lexicon file (.yaml, .yml, .json)'],
      [['--axes', 'gender', '--text', 'reviw'], `${file}:1: --text reviw: the header has no column "reviw" (did you mean "review"?); columns: "id", "review", "sentiment"`],
      [['--axes', 'gender'], `${file}:1: --text text: the header has no column "text"; columns: "id", "review", "sentiment"`],
      [['--axes', 'country', '--text', 'review', '--groups', 'country=Irak,India'], '--groups country=…: no group "Irak" in the country lexicon (did you mean "Iran" or "Iraq"?)'],
      [['--axes', 'country', '--text', 'review', '--names'], '--names swaps first names along with the gender axis: add gender to --axes'],
      [['--axes', 'gender', '--text', 'review', '--mode', 'substitute', '--copies', '2'], '--copies applies to --mode two-sided only: substitute writes one row per row'],
    ];
    for (const [args, line] of cases) {
      const r = await cli('augment', file, ...args, '--out', out);
      assert.deepEqual([r.code, r.stderr], [2, `${line}\n`], args.join(' '));
      assert.equal(existsSync(out), false);
    }
    const missing = await cli('augment', path.join(dir, 'none.csv'), '--axes', 'gender', '--out', out);
    assert.deepEqual([missing.code, missing.stderr], [2, `${path.join(dir, 'none.csv')}: cannot read the corpus: ENOENT\n`]);
    const format = await cli('augment', file, '--axes', 'gender', '--text', 'review', '--out', path.join(dir, 'o.jsonl'));
    const jsonl = path.join(dir, 'o.jsonl');
    assert.deepEqual([format.code, format.stderr], [2, `${jsonl}: --out must be a .csv file, the format of the corpus\n`]);
    const bad = corpus('bad.csv', 'text,label\n"unclosed,1\n');
    const malformed = await cli('augment', bad.file, '--axes', 'gender', '--out', path.join(bad.dir, 'o.csv'));
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, new RegExp(`^${bad.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: invalid CSV: .*\\n$`));
  });

  it('the library reports every problem at once, each with its id', () => {
    const { file } = corpus('reviews.csv', CSV);
    try {
      augmentFile(file, { axes: ['gendr', 'country'], groups: { country: ['Atlantis', 'Iraq'] }, text: 'txt' });
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(err instanceof CounterfairError);
      assert.deepEqual(
        err.problems.map((p) => [p.id, p.location?.file, p.location?.line]),
        [
          ['augment.unknown-axis', undefined, undefined],
          ['augment.unknown-group', undefined, undefined],
          ['augment.missing-column', file, 1],
        ],
      );
    }
  });
});
