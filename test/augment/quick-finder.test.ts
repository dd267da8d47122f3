import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadBuiltinLexicon, mentionFinder } from '../../src/generate/index.ts';
import { quickFinder } from '../../src/augment/quick-finder.ts';
import { lowerCased } from '../../src/augment/lower-case.ts';

describe('the quick finder finds what the engine finds', () => {
  for (const name of ['countries', 'gender', 'religions']) {
    it(`${name}: the same mentions on texts built from the lexicon's own words`, () => {
      const lexicon = loadBuiltinLexicon(name);
      const slow = mentionFinder(lexicon);
      const fast = quickFinder(lexicon);
      const listed = (f: string | string[] | Record<string, unknown>): string[] => (typeof f === 'string' ? [f] : Array.isArray(f) ? f : []);
      const forms = lexicon.groups.flatMap((g) => Object.values(g.forms).flatMap(listed));
      const others = fc.constantFrom('the', 'of', "'s", 'film', ',', 'us', 'Republic');
      const piece = fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...forms).map((f) => f.toUpperCase()), others);
      const text = fc.array(piece, { maxLength: 8 }).map((ws) => ws.join(' '));
      fc.assert(
        fc.property(text, (t) => assert.deepEqual(fast.find(t), slow.find(t))),
        { seed: 16, numRuns: 300 },
      );
    });
  }

  it('less the forms it is told to drop', () => {
    const lower = lowerCased(loadBuiltinLexicon('countries'));
    const finder = quickFinder(lower.lexicon, lower.dropped);
    const found = finder.find('tell us about the turkey from china , made in the united states');
    assert.deepEqual(found.map((m) => m.text), ['the united states']);
  });
});
