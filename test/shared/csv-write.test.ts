import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { describe, it } from 'node:test';
import { createRng } from '../../src/metrics/index.ts';
import { csvField, writeCsv } from '../../src/shared/csv-write.ts';

describe('writeCsv', () => {
  it('quotes a field with a comma, a quote, a line feed or a carriage return, and nothing else', () => {
    assert.deepEqual(
      ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '', ' padded ', "'=1+1", 'tab\there', 'ünïcödé'].map(csvField),
      ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\rhere"', '', ' padded ', "'=1+1", 'tab\there', 'ünïcödé'],
    );
    assert.equal(writeCsv([['h1', 'h2'], ['x', 'y,z'], ['', '"']]), 'h1,h2\nx,"y,z"\n,""""\n');
    assert.equal(writeCsv([]), '');
  });

  it('reads back exactly through csv-parse, whatever the fields hold', () => {
    const rng = createRng(11);
    const alphabet = ['a', 'Z', ' ', ',', '"', '\n', '\r', '\r\n', "'", '=', '\t', 'é', '😀', ';'];
    const field = () => Array.from({ length: rng.int(8) }, () => alphabet[rng.int(alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const width = 1 + rng.int(4);
      const records = Array.from({ length: 1 + rng.int(5) }, () => Array.from({ length: width }, field));
      assert.deepEqual(parse(writeCsv(records), { relax_column_count: false }), records);
    }
  });
});
