/**
 * Reads a user's corpus (CSV with a header row, or JSON Lines) into rows of text. I/O at the
 * edge: perturbation itself (perturb.ts) is pure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CounterfairError, SpecIssueError } from '../shared/errors.js';
import type { CorpusSpec } from './schema.js';
import { suggestion } from '../shared/suggest.js';

/** One corpus row: its 0-based data row, text, optional second text and gold label. */
export interface CorpusRow {
  row: number;
  text: string;
  text_pair?: string;
  label?: string;
}

/** A corpus as read: the file as the user named it, and its rows in file order. */
export interface CorpusTable {
  file: string;
  rows: CorpusRow[];
}

/**
 * Reads the corpus a spec names.
 * @param specDir folder of the spec; the corpus path is relative to it.
 * @throws SpecIssueError (located at `corpus.*` in the spec) for an unreadable file, an unknown
 *   format or a missing column; CounterfairError (located in the corpus) for a malformed line.
 */
export function readCorpus(spec: CorpusSpec, specDir: string): CorpusTable {
  const file = path.resolve(specDir, spec.path);
  const shown = path.relative(process.cwd(), file) || file;
  const format = /\.csv$/i.test(file) ? 'csv' : /\.jsonl$/i.test(file) ? 'jsonl' : undefined;
  if (format === undefined) throw new SpecIssueError([{ path: ['corpus', 'path'], message: `corpus ${spec.path} must be a .csv or .jsonl file` }]);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SpecIssueError([{ path: ['corpus', 'path'], message: `cannot read corpus ${spec.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)} (looked at ${shown})` }]);
  }
  const records = parseCorpusRecords(content, format, shown);
  const columns = records.columns;
  const wanted = (['text', 'text_pair', 'label'] as const).filter((k) => spec[k] !== undefined);
  const missing = wanted.filter((k) => !columns.includes(spec[k] as string));
  if (missing.length > 0) {
    throw new SpecIssueError(
      missing.map((k) => ({
        path: ['corpus', k],
        message: `${format === 'csv' ? 'column' : 'key'} "${spec[k]}" is not in ${spec.path}${suggestion(spec[k] as string, columns)}; its ${format === 'csv' ? 'columns' : 'keys'} are ${columns.map((c) => `"${c}"`).join(', ')}`,
      })),
    );
  }
  return { file: spec.path, rows: corpusRows(records, spec) };
}

/** A corpus file's records with every column as read: CSV cells are strings, JSON Lines values keep their types. */
export interface CorpusRecords {
  /** The CSV header, or every key of any JSON Lines object in order of first appearance. */
  columns: string[];
  /** One per data row, numbered from 0 (after the header; blank JSON Lines lines are not rows). */
  rows: { row: number; values: Record<string, unknown> }[];
}

/**
 * Parses a corpus file's content, keeping every column (for tools that write the corpus back).
 * @param shown how the file is named in errors.
 * @throws CounterfairError (`input`) located in the file for a malformed line.
 */
export function parseCorpusRecords(content: string, format: 'csv' | 'jsonl', shown: string): CorpusRecords {
  if (format === 'csv') return readCsv(content, shown);
  const records = readJsonl(content, shown);
  return { columns: [...new Set(records.rows.flatMap((r) => Object.keys(r.values)))], rows: records.rows };
}

/** The rows of parsed records as an audit reads them: the text, text pair and label columns a corpus section names. */
export function corpusRows(records: CorpusRecords, columns: Pick<CorpusSpec, 'text' | 'text_pair' | 'label'>): CorpusRow[] {
  return records.rows.map(({ row, values }): CorpusRow => {
    const text = String(values[columns.text] ?? '');
    const pair = columns.text_pair === undefined ? undefined : values[columns.text_pair];
    const label = columns.label === undefined ? undefined : values[columns.label];
    return {
      row,
      text,
      ...(pair !== undefined && pair !== null ? { text_pair: String(pair) } : {}),
      ...(label !== undefined && label !== null && label !== '' ? { label: String(label) } : {}),
    };
  });
}

type RawRows = CorpusRecords;

function readCsv(content: string, shown: string): RawRows {
  try {
    const records = parse(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false }) as Record<string, string>[];
    const header = parse(content, { to_line: 1, bom: true }) as string[][];
    return { columns: header[0] ?? [], rows: records.map((values, row) => ({ row, values })) };
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new CounterfairError('input', { location: { file: shown, ...(e.lines !== undefined ? { line: e.lines } : {}) }, message: `invalid CSV: ${(e.message ?? String(err)).split('\n')[0]}` });
  }
}

function readJsonl(content: string, shown: string): RawRows {
  const rows: RawRows['rows'] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new CounterfairError('input', { location: { file: shown, line: i + 1, col: 1 }, message: `invalid JSON: ${(err as Error).message}` });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new CounterfairError('input', { location: { file: shown, line: i + 1, col: 1 }, message: 'each line must be a JSON object' });
    }
    rows.push({ row: rows.length, values: value as Record<string, unknown> });
  });
  return { columns: [], rows };
}
