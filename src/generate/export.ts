/** `counterfair generate`: the sentences of an audit as JSON Lines or CSV, with counts. */
import { guardCell } from '../shared/csv-cell.js';
import { writeCsv } from '../shared/csv-write.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';
import type { CounterfactualSet, Generated, Sentence } from './types.js';

/** How many skipped corpus rows the counts name one by one; the rest are counted. */
const SKIPPED_SHOWN = 20;

/**
 * Renders every sentence and a count line per axis and group (and, for a corpus, rows read, sets
 * made and every skipped row with why).
 *
 * JSON Lines: one object per sentence with its ids, groups, text, the filled values, and where
 * present its text pair, corpus row, original flag, the set's filler words and groups and gold label.
 * CSV: sentence_id, set_id, template_id, corpus_row, one column per axis (the sentence's group;
 * empty where the axis does not vary), per filler one column (the filler's group for a lexicon
 * filler, else its word) and for a lexicon filler `<filler>_word`, then text, text_pair,
 * original, label. Cells are guarded against formula injection as in sentences.csv (src/csv-cell.ts).
 */
export function renderGenerated(generated: Generated, format: 'jsonl' | 'csv'): { content: string; counts: string[] } {
  const rows = generated.sets.flatMap((set) => set.sentences.map((s) => ({ set, s })));
  const content = format === 'jsonl' ? rows.map(({ set, s }) => `${JSON.stringify(jsonRecord(set, s))}\n`).join('') : csv(generated, rows);
  return { content, counts: counts(generated, rows.map((r) => r.s)) };
}

/**
 * What names a sentence in every output that lists sentences (generate's JSON Lines, the rows of
 * sentences.csv), in this order: its ids, its template or corpus row, its groups and its text.
 */
export function sentenceIdentity(s: Sentence): Pick<Sentence, 'set_id' | 'template_id' | 'corpus_row' | 'groups' | 'text' | 'text_pair'> & { sentence_id: string } {
  return {
    sentence_id: s.id,
    set_id: s.set_id,
    template_id: s.template_id,
    corpus_row: s.corpus_row,
    groups: s.groups,
    text: s.text,
    text_pair: s.text_pair,
  };
}

function jsonRecord(set: CounterfactualSet, s: Sentence): Record<string, unknown> {
  return Object.assign(sentenceIdentity(s), {
    values: s.values,
    original: s.original,
    fillers: set.fillers,
    filler_groups: set.filler_groups,
    label: set.label,
  });
}

function csv(generated: Generated, rows: { set: CounterfactualSet; s: Sentence }[]): string {
  const axes = generated.axes.map((a) => a.name);
  const fillerNames = [...new Set(generated.templates.flatMap((t) => t.fillers ?? []))];
  const lexiconFillers = new Set(generated.sets.flatMap((s) => Object.keys(s.filler_groups ?? {})));
  const fillerColumns = fillerNames.flatMap((f) => (lexiconFillers.has(f) ? [f, `${f}_word`] : [f]));
  const header = ['sentence_id', 'set_id', 'template_id', 'corpus_row', ...axes, ...fillerColumns, 'text', 'text_pair', 'original', 'label'];
  const records = rows.map(({ set, s }) => [
    s.id,
    s.set_id,
    s.template_id ?? '',
    s.corpus_row === undefined ? '' : String(s.corpus_row),
    ...axes.map((a) => s.groups[a] ?? ''),
    ...fillerNames.flatMap((f) => {
      const words = [...new Set(Object.entries(set.fillers ?? {}).filter(([slot]) => slot === f || slot.startsWith(`${f}.`)).map(([, w]) => w))].join(' / ');
      return lexiconFillers.has(f) ? [set.filler_groups?.[f] ?? '', words] : [words];
    }),
    s.text,
    s.text_pair ?? '',
    s.original ? 'true' : '',
    set.label ?? '',
  ]);
  // Texts, groups, fillers and labels are untrusted: guard every cell against formula injection.
  return writeCsv([header, ...records].map((r) => r.map(guardCell)));
}

function counts(generated: Generated, sentences: Sentence[]): string[] {
  const lines = [`${sentences.length} sentences in ${generated.sets.length} sets`];
  for (const axis of generated.axes) {
    const inAxis = sentences.filter((s) => axis.name in s.groups);
    const perGroup = axis.groups.map((g) => `${g} ${inAxis.filter((s) => s.groups[axis.name] === g).length}`);
    lines.push(`${axis.name}: ${inAxis.length} sentences, ${generated.sets.filter((s) => s.axes.includes(axis.name)).length} sets; ${perGroup.join(', ')}`);
  }
  const combos = new Map<string, number>();
  for (const set of generated.sets) {
    if (set.axes.length < 2) continue;
    const name = set.axes.join(COMBINATION_SEPARATOR);
    combos.set(name, (combos.get(name) ?? 0) + 1);
  }
  for (const [name, n] of combos) lines.push(`${name}: ${n} sets`);
  const corpus = generated.corpus;
  if (corpus) {
    lines.push(`corpus ${corpus.file}: ${corpus.rows} rows (numbered from 0 after the header), ${corpus.sets} sets, ${corpus.skipped.length} rows skipped`);
    for (const s of corpus.skipped.slice(0, SKIPPED_SHOWN)) lines.push(`  skipped row ${s.row}: ${s.reason}`);
    if (corpus.skipped.length > SKIPPED_SHOWN) lines.push(`  … and ${corpus.skipped.length - SKIPPED_SHOWN} more (every one is in results.json under corpus.skipped)`);
  }
  return lines;
}
