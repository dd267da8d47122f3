/**
 * The edges of augment: reading a corpus with every column (by the reader corpus audits use),
 * and writing the augmented corpus atomically in the same format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCorpusRecords } from '../generate/index.js';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { writeCsv } from '../shared/csv-write.js';
import { writeFilesAtomically } from '../shared/write-atomic.js';
import { MESSAGES } from './messages.js';
import type { AugmentCorpus, AugmentResult, AugmentedRow, SkippedRow, Swap } from './types.js';

/** Columns augment adds to every row, after the corpus's own. */
export const AUGMENT_COLUMNS = ['augment_source_row', 'augment_swaps', 'augment_skipped'] as const;

/** The corpus format a file name says, or undefined. */
export function formatOf(file: string): 'csv' | 'jsonl' | undefined {
  return /\.csv$/i.test(file) ? 'csv' : /\.jsonl$/i.test(file) ? 'jsonl' : undefined;
}

/**
 * Reads a corpus file (CSV with a header row, or JSON Lines) with every column.
 * @param file as the user named it (relative to the working folder).
 * @throws CounterfairError (`input`) located in the file: unknown format, unreadable file,
 *   malformed line, a named column missing, a column augment would write already there.
 */
export function readAugmentCorpus(file: string, columns: { text: string; text_pair?: string; label?: string }): AugmentCorpus {
  const format = formatOf(file);
  if (format === undefined) throw new CounterfairError('input', MESSAGES.badFormat(file));
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CounterfairError('input', MESSAGES.unreadable(file, (err as NodeJS.ErrnoException).code ?? String(err)));
  }
  const records = parseCorpusRecords(content, format, file);
  const problems: Problem[] = [];
  const flags = { text: '--text', text_pair: '--text-pair', label: '--label' } as const;
  for (const key of ['text', 'text_pair', 'label'] as const) {
    const column = columns[key];
    if (column === undefined || records.columns.includes(column)) continue;
    problems.push(MESSAGES.missingColumn(file, format === 'csv', flags[key], column, records.columns));
  }
  for (const c of AUGMENT_COLUMNS) if (records.columns.includes(c)) problems.push(MESSAGES.reservedColumn(file, c));
  if (problems.length > 0) throw new CounterfairError('input', problems);
  return { file, format, columns: records.columns, ...columns, rows: records.rows };
}

/** A row's swaps as one cell: `gender female→male: she→he, her→his; country …`. */
export function swapsCell(swaps: readonly Swap[]): string {
  return swaps.map((s) => `${s.axis} ${s.from}→${s.to}: ${s.words.map((w) => `${w.from}→${w.to}`).join(', ')}`).join('; ');
}

/** A row's skipped axes as one cell: `gender: mentions several groups (female, male)`. */
export function skippedCell(skipped: readonly SkippedRow[]): string {
  return skipped.map((s) => `${s.axis}: ${s.reason}`).join('; ');
}

/**
 * The augmented corpus in its input's format: every input column (CSV cells exactly as read, JSON
 * values with their types), then `augment_source_row`, `augment_swaps` and `augment_skipped`.
 * Cells are not guarded against spreadsheet formulas: the file is training data, and a guard
 * would change the corpus's own text.
 */
export function renderAugmented(result: AugmentResult): string {
  const extra = (r: AugmentedRow): [number, string, string] => [r.source_row, swapsCell(r.swaps), skippedCell(r.skipped)];
  if (result.format === 'jsonl') {
    return result.rows
      .map((r) => {
        const [source, swaps, skipped] = extra(r);
        return `${JSON.stringify({ ...r.values, augment_source_row: source, augment_swaps: swaps, augment_skipped: skipped })}\n`;
      })
      .join('');
  }
  const own = result.columns.slice(0, result.columns.length - AUGMENT_COLUMNS.length);
  const records = result.rows.map((r) => [...own.map((c) => cell(r.values[c])), ...extra(r).map(String)]);
  return writeCsv([result.columns, ...records]);
}

function cell(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Writes the augmented corpus to `out` atomically (a temporary file renamed into place).
 * @throws CounterfairError (`input`) when `out` is not in the corpus's format; (`io`) when it cannot be written.
 */
export function writeAugmented(out: string, result: AugmentResult): string {
  if (formatOf(out) !== result.format) throw new CounterfairError('input', MESSAGES.outFormat(out, result.format));
  const [written] = writeFilesAtomically(path.dirname(path.resolve(out)), { [path.basename(out)]: renderAugmented(result) });
  return written as string;
}
