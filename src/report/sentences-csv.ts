/**
 * sentences.csv: every generated sentence with the model's answer, one row each. Columns:
 * sentence_id, set_id, template_id, one column per axis (the sentence's group there, empty where
 * that axis does not vary in the sentence), text, predicted, and p:<label> per label.
 */
import { stringify } from 'csv-stringify/sync';
import type { SentenceRow } from './types.js';

/** Renders sentences.csv (RFC 4180 quoting by csv-stringify, so any text survives a round trip). */
export function renderSentencesCsv(rows: readonly SentenceRow[], axes: readonly string[], labels: readonly string[]): string {
  const header = ['sentence_id', 'set_id', 'template_id', ...axes, 'text', 'predicted', ...labels.map((l) => `p:${l}`)];
  const records = rows.map((r) => [
    r.sentence_id,
    r.set_id,
    r.template_id ?? '',
    ...axes.map((a) => r.groups[a] ?? ''),
    r.text,
    r.predicted,
    ...r.probs.map((p) => String(p)),
  ]);
  return stringify([header, ...records], { record_delimiter: '\n' });
}
