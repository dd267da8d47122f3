import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildMapCodes } from '../../scripts/build-map-codes.ts';
import { loadBuiltinLexicon } from '../../src/index.ts';

describe('templates/maps/country-codes.json', () => {
  const file = readFileSync('templates/maps/country-codes.json', 'utf8');

  it('is what scripts/build-map-codes.ts writes from world-countries', () => {
    assert.equal(file, buildMapCodes());
  });

  it('places every group of the countries lexicon', () => {
    const codes = (JSON.parse(file) as { codes: Record<string, { atlas: string | null }> }).codes;
    const missing = loadBuiltinLexicon('countries').groups.filter((g) => !Object.hasOwn(codes, g.forms['iso3'] as string)).map((g) => g.group);
    assert.deepEqual(missing, []);
  });
});
