/**
 * sentences.csv: every generated sentence with the model's answer, one row each, and the reader
 * `counterfair report` uses to re-render without running the model.
 *
 * Columns: sentence_id, set_id, template_id, corpus_row (when any sentence has one), one column
 * per single axis (the sentence's group there, empty where its set does not vary that axis),
 * one column per filler (its word; for a lexicon filler its group, and the word in
 * `<filler>_word`, as `counterfair generate` writes them; empty where the set has none), text,
 * text_pair (when any), original (when any), predicted, p:<label> per model label, and
 * x:<name> per number the backend reports besides (an LLM's outside_mass; not read back).
 * Quoting is RFC 4180, carriage returns quoted too (src/shared/csv-write.ts); text cells are guarded
 * against formula injection (see src/shared/csv-cell.ts). Every text, any character included, reads back
 * exactly; probabilities are written with full float64 precision.
 */
import { parse } from 'csv-parse/sync';
import { CounterfairError } from '../shared/errors.js';
import { guardCell, unguardCell } from '../shared/csv-cell.js';
import { writeCsv } from '../shared/csv-write.js';
import { resultsProblem } from './messages.js';
import type { SentenceRow } from './schema.js';

/** Renders sentences.csv. */
export function renderSentencesCsv(rows: readonly SentenceRow[], axes: readonly string[], labels: readonly string[]): string {
  const withCorpus = rows.some((r) => r.corpus_row !== undefined);
  const withPair = rows.some((r) => r.text_pair !== undefined);
  const withOriginal = rows.some((r) => r.original);
  const fillers = [...new Set(rows.flatMap((r) => Object.keys(r.fillers ?? {})))];
  const lexiconFillers = new Set(rows.flatMap((r) => Object.keys(r.filler_groups ?? {})));
  const extras = [...new Set(rows.flatMap((r) => Object.keys(r.extras ?? {})))];
  const header = [
    'sentence_id',
    'set_id',
    'template_id',
    ...(withCorpus ? ['corpus_row'] : []),
    ...axes,
    ...fillers.flatMap((f) => (lexiconFillers.has(f) ? [f, `${f}_word`] : [f])),
    'text',
    ...(withPair ? ['text_pair'] : []),
    ...(withOriginal ? ['original'] : []),
    'predicted',
    ...labels.map((l) => `p:${l}`),
    ...extras.map((x) => `x:${x}`),
  ];
  const records = rows.map((r) => [
    guardCell(r.sentence_id),
    guardCell(r.set_id),
    guardCell(r.template_id ?? ''),
    ...(withCorpus ? [r.corpus_row === undefined ? '' : String(r.corpus_row)] : []),
    ...axes.map((a) => guardCell(Object.hasOwn(r.groups, a) ? (r.groups[a] as string) : '')),
    ...fillers.flatMap((f) => {
      const word = guardCell(r.fillers?.[f] ?? '');
      return lexiconFillers.has(f) ? [guardCell(r.filler_groups?.[f] ?? ''), word] : [word];
    }),
    guardCell(r.text),
    ...(withPair ? [guardCell(r.text_pair ?? '')] : []),
    ...(withOriginal ? [r.original ? 'true' : ''] : []),
    guardCell(r.predicted),
    // String(number) is the shortest text that reads back as the same float64.
    ...labels.map((_, i) => String(r.probs[i])),
    ...extras.map((x) => (r.extras?.[x] === undefined ? '' : String(r.extras[x]))),
  ]);
  // Headers are guarded too: a label or axis name is as untrusted as a sentence.
  return writeCsv([header.map(guardCell), ...records]);
}

/**
 * Reads sentences.csv back into rows.
 * @param file the name used in messages.
 * @param axes the single axes of the results (each has a group column).
 * @param labels the model's labels (each has a `p:<label>` column).
 * @param fillers the fillers of the results' templates (a column each, where the file has it).
 * @throws CounterfairError (`input`) with `file:line:col` for a malformed file or value.
 */
export function readSentencesCsv(text: string, file: string, axes: readonly string[], labels: readonly string[], fillers: readonly string[] = []): SentenceRow[] {
  // Parsing with positions (`info`, `raw`) costs twice as much, and only a message needs them:
  // parse plainly first, and again with positions only when some value is wrong.
  let plain: string[][];
  try {
    plain = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch {
    return readWithPositions(text, file, axes, labels, fillers);
  }
  try {
    return readRecords(plain.map((record) => ({ record })), file, axes, labels, fillers);
  } catch (err) {
    if (err !== NEEDS_POSITIONS) throw err;
    return readWithPositions(text, file, axes, labels, fillers);
  }
}

/** Thrown by a record that has no position to report a problem at. */
const NEEDS_POSITIONS = Symbol('needs positions');

function readWithPositions(text: string, file: string, axes: readonly string[], labels: readonly string[], fillers: readonly string[]): SentenceRow[] {
  let records: ParsedRecord[];
  try {
    records = parse(text, { info: true, raw: true, bom: true, skip_empty_lines: true }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CounterfairError('input', resultsProblem('results.bad-csv', { file, line: e.lines }, e.message));
  }
  return readRecords(records, file, axes, labels, fillers);
}

/** A parsed CSV record, with its raw text and last line when parsed with positions. */
interface ParsedRecord {
  record: string[];
  raw?: string;
  info?: { lines: number };
}

function readRecords(records: readonly ParsedRecord[], file: string, axes: readonly string[], labels: readonly string[], fillers: readonly string[]): SentenceRow[] {
  const [head, ...body] = records;
  if (!head) throw new CounterfairError('input', resultsProblem('results.csv-empty', { file, line: 1, col: 1 }));
  const header = head.record.map(unguardCell);
  const index = new Map(header.map((h, i) => [h, i]));
  const required = ['sentence_id', 'set_id', 'template_id', ...axes, 'text', 'predicted', ...labels.map((l) => `p:${l}`)];
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new CounterfairError('input', resultsProblem('results.csv-missing-columns', { file, line: 1, col: 1 }, missing));
  }
  let startLine = (head.info?.lines ?? 0) + 1;
  return body.map(({ record, raw, info }) => {
    const line = startLine;
    startLine = (info?.lines ?? 0) + 1;
    const at = (column: string, message: string): never => {
      if (raw === undefined) throw NEEDS_POSITIONS;
      const i = index.get(column) as number;
      throw new CounterfairError('input', resultsProblem('results.csv-bad-cell', { file, ...positionOf(raw, i, line) }, column, message));
    };
    const cell = (column: string): string | undefined => {
      const i = index.get(column);
      return i === undefined ? undefined : record[i];
    };
    const textCell = (column: string): string => unguardCell(cell(column) ?? '');
    const groups: Record<string, string> = {};
    for (const a of axes) {
      const g = textCell(a);
      if (g !== '') groups[a] = g;
    }
    const probs = labels.map((l) => {
      const v = cell(`p:${l}`) ?? '';
      const p = Number(v);
      if (v.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) at(`p:${l}`, `expected a probability from 0 to 1, found ${JSON.stringify(v)}`);
      return p;
    });
    const corpus = cell('corpus_row');
    if (corpus !== undefined && corpus !== '' && !/^\d+$/.test(corpus)) at('corpus_row', `expected a row number, found ${JSON.stringify(corpus)}`);
    const sentenceId = textCell('sentence_id');
    if (sentenceId === '') at('sentence_id', 'is empty');
    const templateId = textCell('template_id');
    const textPair = cell('text_pair');
    const fillerWords: Record<string, string> = {};
    const fillerGroups: Record<string, string> = {};
    for (const f of fillers.filter((name) => index.has(name))) {
      const lexicon = index.has(`${f}_word`);
      const word = textCell(lexicon ? `${f}_word` : f);
      if (word !== '') fillerWords[f] = word;
      if (lexicon && textCell(f) !== '') fillerGroups[f] = textCell(f);
    }
    return {
      sentence_id: sentenceId,
      set_id: textCell('set_id'),
      ...(templateId !== '' ? { template_id: templateId } : {}),
      ...(corpus !== undefined && corpus !== '' ? { corpus_row: Number(corpus) } : {}),
      groups,
      text: textCell('text'),
      ...(textPair !== undefined && textPair !== '' ? { text_pair: unguardCell(textPair) } : {}),
      ...(cell('original') === 'true' ? { original: true } : {}),
      ...(Object.keys(fillerWords).length > 0 ? { fillers: fillerWords } : {}),
      ...(Object.keys(fillerGroups).length > 0 ? { filler_groups: fillerGroups } : {}),
      predicted: textCell('predicted'),
      probs,
    };
  });
}

/** Line and column (1-based) where field `field` of a raw record starting on `line` begins. */
function positionOf(raw: string, field: number, line: number): { line: number; col: number } {
  let current = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < raw.length && current < field; i++) {
    const ch = raw[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      current += 1;
      start = i + 1;
    }
  }
  const before = raw.slice(0, start);
  const newlines = before.split('\n').length - 1;
  const col = start - (before.lastIndexOf('\n') + 1) + 1;
  return { line: line + newlines, col };
}
