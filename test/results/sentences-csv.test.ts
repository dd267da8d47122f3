import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CounterfairError, type SentenceRow } from '../../src/index.ts';
import { readSentencesCsv, renderSentencesCsv } from '../../src/results/index.ts';
import { guardCell, unguardCell } from '../../src/shared/csv-cell.ts';

const NASTY = [
  'plain',
  'Tom "the, best" & ]]> O\'Brien',
  'two\nlines',
  'carriage\rreturn and\r\nCRLF',
  'controls \u0000\u0001\u001b\u007f end',
  'emoji 👩🏽‍🔬 and 🇮🇳',
  '=HYPERLINK("http://evil","x")',
  '+1',
  '-2',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading CR',
  "'quoted",
  "'=both",
  '',
];

function row(i: number, text: string, extra: Partial<SentenceRow> = {}): SentenceRow {
  return {
    sentence_id: `s${i}`,
    set_id: `set${i % 3}`,
    template_id: `t${i % 2}`,
    groups: i % 2 === 0 ? { who: text === '' ? 'empty' : text } : { who: `g${i}`, where: '=here' },
    text,
    predicted: 'POSITIVE',
    probs: [1 / 3 + i * 1e-17, 2 / 3],
    ...extra,
  };
}

/** Asserts `fn` throws a CounterfairError whose message is one line matching `re`. */
function throwsLine(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CounterfairError, String(err));
    assert.doesNotMatch(err.message, /\n/);
    assert.match(err.message, re);
    return true;
  });
}

describe('sentences.csv', () => {
  it('round-trips every text exactly: quotes, newlines, CR, ]]>, control characters, emoji, formula prefixes', () => {
    const rows = NASTY.map((t, i) => row(i, t));
    const csv = renderSentencesCsv(rows, ['who', 'where'], ['NEGATIVE', 'POSITIVE']);
    const back = readSentencesCsv(csv, 'sentences.csv', ['who', 'where'], ['NEGATIVE', 'POSITIVE']);
    assert.deepEqual(back, rows);
  });

  it('round-trips text pairs, corpus rows and original flags, and leaves their columns out when unused', () => {
    const rows = [
      { ...row(0, 'premise'), template_id: undefined, corpus_row: 0, text_pair: '-hypothesis', original: true },
      { ...row(1, 'premise 2'), template_id: undefined, corpus_row: 12, text_pair: 'h2' },
    ].map(({ template_id: _, ...r }) => r as SentenceRow);
    const csv = renderSentencesCsv(rows, ['who', 'where'], ['NEGATIVE', 'POSITIVE']);
    assert.equal(csv.split('\n')[0], 'sentence_id,set_id,template_id,corpus_row,who,where,text,text_pair,original,predicted,p:NEGATIVE,p:POSITIVE');
    assert.deepEqual(readSentencesCsv(csv, 'f.csv', ['who', 'where'], ['NEGATIVE', 'POSITIVE']), rows);
    const plain = renderSentencesCsv([row(1, 'x')], ['who'], ['NEGATIVE', 'POSITIVE']);
    assert.equal(plain.split('\n')[0], 'sentence_id,set_id,template_id,who,text,predicted,p:NEGATIVE,p:POSITIVE');
  });

  it('never starts a cell with a formula character, as any CSV reader sees it', () => {
    const rows = NASTY.map((t, i) => row(i, t));
    const csv = renderSentencesCsv(rows, ['who', 'where'], ['=NEG', 'POSITIVE']);
    const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat();
    for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
    // The probability columns stay plain numbers.
    assert.equal((parse(csv) as string[][])[1]?.at(-1), String(2 / 3));
  });

  it('guards reversibly', () => {
    for (const t of NASTY) assert.equal(unguardCell(guardCell(t)), t);
    assert.equal(guardCell('=1+1'), "'=1+1");
    assert.equal(guardCell("'a"), "''a");
    assert.equal(guardCell('a=b'), 'a=b');
  });

  it('reports a bad value as file:line:col, counting lines inside quoted fields', () => {
    const rows = [row(0, 'one'), row(1, 'two\nlines'), row(2, 'three')];
    const csv = renderSentencesCsv(rows, ['who', 'where'], ['NEGATIVE', 'POSITIVE']).replace(String(2 / 3), '1.5');
    assert.throws(
      () => readSentencesCsv(csv, 'run/sentences.csv', ['who', 'where'], ['NEGATIVE', 'POSITIVE']),
      (err: unknown) => err instanceof CounterfairError && err.message === `run/sentences.csv:2:${csv.split('\n')[1]!.indexOf('1.5') + 1}: p:POSITIVE: expected a probability from 0 to 1, found "1.5"`,
    );
    const later = renderSentencesCsv(rows, ['who', 'where'], ['NEGATIVE', 'POSITIVE']).split('\n');
    // The second row's text spans lines 3 and 4, so the third row is line 5.
    later[4] = later[4]!.replace(/,[^,]*$/, ',x');
    throwsLine(() => readSentencesCsv(later.join('\n'), 'f.csv', ['who', 'where'], ['NEGATIVE', 'POSITIVE']), /^f\.csv:5:\d+: p:POSITIVE: expected a probability from 0 to 1, found "x"$/);
    // A cell after a multi-line cell of the same row is on the later line.
    const split = renderSentencesCsv(rows, ['who', 'where'], ['NEGATIVE', 'POSITIVE']).split('\n');
    split[3] = split[3]!.replace(/,[^,]*$/, ',-1');
    throwsLine(() => readSentencesCsv(split.join('\n'), 'f.csv', ['who', 'where'], ['NEGATIVE', 'POSITIVE']), new RegExp(`^f\\.csv:4:${split[3]!.lastIndexOf(',') + 2}: p:POSITIVE: expected a probability from 0 to 1, found "-1"$`));
  });

  it('names missing columns and malformed CSV in one line', () => {
    throwsLine(() => readSentencesCsv('sentence_id,set_id\n', 'f.csv', ['who'], ['POSITIVE']), /^f\.csv:1:1: missing columns "template_id", "who", "text", "predicted", "p:POSITIVE"$/);
    throwsLine(() => readSentencesCsv('a,b\n1,"x\n', 'f.csv', [], []), /^f\.csv:2: not valid CSV: Quote Not Closed/);
    throwsLine(() => readSentencesCsv('', 'f.csv', [], []), /^f\.csv:1:1: the file is empty/);
  });
});
