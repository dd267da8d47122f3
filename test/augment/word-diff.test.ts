import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadBuiltinLexicon, mentionFinder } from '../../src/generate/index.ts';
import { changes, lowerChanged } from '../../src/augment/word-diff.ts';

const countries = mentionFinder(loadBuiltinLexicon('countries'));

const pairs = (before: string, after: string, finder = countries): [string, string][] =>
  changes(before, after, finder.find(before)).map((c) => [c.from, c.to]);

describe('the swaps read off a text before and after', () => {
  it('a mention, the article that changed with it, and nothing else', () => {
    assert.deepEqual(pairs('an Iraqi chef from Iraq', 'a German chef from Germany'), [
      ['an', 'a'],
      ['Iraqi', 'German'],
      ['Iraq', 'Germany'],
    ]);
  });

  it('a multi-word mention is one swap, in either direction, with a possessive left outside', () => {
    assert.deepEqual(pairs("The United States's film", "Iraq's film"), [['The United States', 'Iraq']]);
    assert.deepEqual(pairs("Iraq's film", "The United States' film"), [["Iraq's", "The United States'"]]);
    assert.deepEqual(pairs("The United States' film", "Iraq's film"), [["The United States'", "Iraq's"]]);
    assert.deepEqual(pairs('I love the Netherlands.', 'I love the United States.'), [['the Netherlands', 'the United States']]);
    assert.deepEqual(pairs('Iraq is big', 'The Central African Republic is big'), [['Iraq', 'The Central African Republic']]);
  });

  it('words are never split, even where the texts share letters', () => {
    assert.deepEqual(pairs('she said', 'he said', mentionFinder(loadBuiltinLexicon('gender'))), [['she', 'he']]);
    assert.deepEqual(pairs('Iran and', 'Iraq and'), [['Iran', 'Iraq']]);
    assert.deepEqual(pairs('x Mali', 'x Malawi'), [['Mali', 'Malawi']]);
  });

  it('equal texts have no swap; offsets point into both texts', () => {
    assert.deepEqual(changes('same', 'same'), []);
    const [c] = changes('I met him today', 'I met her today');
    assert.deepEqual(c, { from: 'him', to: 'her', fromStart: 6, fromEnd: 9, toStart: 6, toEnd: 9 });
  });

  it('lower-cases only what changed', () => {
    const before = 'i met Bob in iraq .';
    const after = 'i met Bob in The United States .';
    assert.equal(lowerChanged(after, changes(before, after)), 'i met Bob in the united states .');
  });

  it('rebuilds the text after from the text before and the swaps, whatever the texts', () => {
    const word = fc.constantFrom('a', 'an', 'she', 'he', 'Iraq', 'the', 'United', 'States', 'Mali', 'Malawi', "'s", ',', '.');
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '  ', '')), { maxLength: 12 })
      .map((ws) => ws.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        let rebuilt = '';
        let cursor = 0;
        for (const c of changes(before, after)) {
          assert.equal(before.slice(c.fromStart, c.fromEnd), c.from);
          assert.equal(after.slice(c.toStart, c.toEnd), c.to);
          rebuilt += before.slice(cursor, c.fromStart) + c.to;
          cursor = c.fromEnd;
        }
        assert.equal(rebuilt + before.slice(cursor), after);
      }),
      { seed: 16, numRuns: 500 },
    );
  });
});
