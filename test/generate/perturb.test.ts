import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBuiltinLexicon, perturbCorpus, pronounRole, type AxisInfo, type CorpusTable, type Lexicon } from '../../src/generate/index.ts';

const countries = loadBuiltinLexicon('countries');
const gender = loadBuiltinLexicon('gender');
const religions = loadBuiltinLexicon('religions');

function axis(name: string, lexicon: Lexicon, groups: string[]): { axis: AxisInfo; lexicon: Lexicon } {
  return { axis: { name, lexicon: lexicon.name, groups }, lexicon };
}

const COUNTRY = axis('country', countries, ['Iraq', 'India', 'Netherlands', 'United States', 'Germany']);
const GENDER = axis('gender', gender, ['female', 'male']);

function corpus(...texts: string[]): CorpusTable {
  return { file: 'c.csv', rows: texts.map((text, row) => ({ row, text })) };
}

/** The row's sentences as group → text. */
function swaps(text: string, a = GENDER): Record<string, string> {
  const { sets, skipped } = perturbCorpus(corpus(text), [a]);
  assert.deepEqual(skipped, [], `skipped: ${JSON.stringify(skipped)}`);
  return Object.fromEntries((sets[0]?.sentences ?? []).map((s) => [Object.values(s.groups)[0], s.text]));
}

describe('corpus perturbation: gender', () => {
  it('resolves her to him or his by its role', () => {
    assert.equal(swaps('I gave her the book.').male, 'I gave him the book.');
    assert.equal(swaps('I read her book.').male, 'I read his book.');
    assert.equal(swaps('Her. Only her.').male, 'Him. Only him.');
    assert.equal(swaps('Her sister met her at noon, and I love her so much.').male, 'His brother met him at noon, and I love him so much.');
    assert.equal(swaps('It was her very best film.').male, 'It was his very best film.');
  });

  it('resolves his to her or hers the same way, and keeps case', () => {
    assert.deepEqual(swaps('The idea was his, not his brother’s.'), { female: 'The idea was hers, not her sister’s.', male: 'The idea was his, not his brother’s.' });
    assert.equal(swaps('HE SAID HIS DAD WAS THERE.').female, 'SHE SAID HER MOM WAS THERE.');
    assert.equal(swaps('Mr. Smith thanked the actor.').female, 'Ms. Smith thanked the actress.');
  });

  it('marks the original, swaps whole words only', () => {
    const { sets } = perturbCorpus(corpus('She said the mother ship was theirs.'), [GENDER]);
    assert.deepEqual(sets[0]?.sentences.map((s) => [s.groups.gender, s.original ?? false, s.text]), [
      ['female', true, 'She said the mother ship was theirs.'],
      ['male', false, 'He said the father ship was theirs.'],
    ]);
  });

  it('known limit: an open-class word after object "her" reads as a noun', () => {
    assert.equal(swaps('I found her charming.').male, 'I found his charming.');
    assert.equal(pronounRole(' charming.'), 'determiner');
    assert.equal(pronounRole(' the book'), 'standalone');
  });
});

describe('corpus perturbation: countries', () => {
  it('finds multi-word names with and without their article, and aliases', () => {
    assert.deepEqual(swaps('The United States is big, and the US is rich; United States citizens agree.', COUNTRY), {
      Iraq: 'Iraq is big, and Iraq is rich; Iraq citizens agree.',
      India: 'India is big, and India is rich; India citizens agree.',
      Netherlands: 'The Netherlands is big, and the Netherlands is rich; Netherlands citizens agree.',
      'United States': 'The United States is big, and the US is rich; United States citizens agree.',
      Germany: 'Germany is big, and Germany is rich; Germany citizens agree.',
    });
  });

  it('keeps a possessive, as a bare apostrophe after a plural in s, and fixes a/an before a demonym', () => {
    const out = swaps("Iraq's food is great; an Iraqi chef cooked it.", COUNTRY);
    assert.equal(out.India, "India's food is great; an Indian chef cooked it.");
    assert.equal(out.Germany, "Germany's food is great; a German chef cooked it.");
    assert.equal(out['United States'], "The United States' food is great; an American chef cooked it.");
    assert.equal(out.Netherlands, "The Netherlands' food is great; a Dutch chef cooked it.");
    // And back: the bare apostrophe of a plural becomes 's after a singular name.
    const back = swaps("The United States’ food is great, the United States' too.", axis('country', countries, ['United States', 'Iraq']));
    assert.equal(back.Iraq, "Iraq’s food is great, Iraq's too.");
    assert.equal(swaps("'I love the US' she said.", axis('country', countries, ['United States', 'Iraq'])).Iraq, "'I love Iraq' she said.");
  });

  it('matches capitalised names only as written or in capitals: "turkey" and "us" are not countries', () => {
    const { sets, skipped } = perturbCorpus(corpus('Tell us about the turkey.', 'I LOVE IRAQ.'), [COUNTRY]);
    assert.deepEqual(skipped, [{ row: 0, reason: 'no mention of country' }]);
    assert.equal(sets[0]?.sentences[1]?.text, 'I LOVE INDIA.');
  });
});

describe('corpus perturbation: rows that give no set are reported', () => {
  it('says why: no mention, several groups, a word of several groups, a group outside the axis', () => {
    const c = corpus('The food was fine.', 'She met him.', 'I love Iraq and India.', 'Dominican food is great.', 'I am from Chad.', 'She is from Iraq.');
    const dominican = axis('country', countries, ['Dominica', 'Dominican Republic', 'Iraq']);
    const { sets, skipped } = perturbCorpus(c, [GENDER, { ...COUNTRY, axis: { ...COUNTRY.axis, groups: [...COUNTRY.axis.groups] } }]);
    assert.deepEqual(skipped, [
      { row: 0, reason: 'no mention of gender or country' },
      { row: 1, reason: 'gender: mentions several groups (female, male); country: no mention' },
      { row: 2, reason: 'gender: no mention; country: mentions several groups (Iraq, India)' },
      { row: 3, reason: "gender: no mention; country: mentions Dominica, Dominican Republic, which are not one of the axis's groups" },
      { row: 4, reason: "gender: no mention; country: mentions Chad, which is not one of the axis's groups" },
    ]);
    assert.deepEqual(sets.map((s) => [s.corpus_row, s.axes]), [
      [5, ['gender']],
      [5, ['country']],
    ]);
    assert.deepEqual(perturbCorpus(corpus('Dominican food is great.'), [dominican]).skipped, [{ row: 0, reason: 'country: "Dominican" could be Dominica or Dominican Republic' }]);
  });

  it('religions: adjective or follower by role', () => {
    const out = swaps('A Christian school hired a Christian.', axis('religion', religions, ['Christianity', 'Judaism', 'Islam']));
    assert.deepEqual(out, { Christianity: 'A Christian school hired a Christian.', Judaism: 'A Jewish school hired a Jew.', Islam: 'A Muslim school hired a Muslim.' });
  });
});
