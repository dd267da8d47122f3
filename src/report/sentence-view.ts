/**
 * The sentence table of report.html: every sentence with the model's answer, paged in the
 * browser. The page holds the first page as HTML (complete without scripts) and all rows as one
 * JSON data block; the table script shows a page at a time (a bounded number of rows in the
 * DOM, however many sentences), filtered by group, template, filler, predicted label and text.
 */
import type { AuditResults, SentenceRow, TemplateInfo } from '../results/index.js';
import { formatNumber } from './format.js';
import { jsonForScriptBlock } from './page-assets.js';

/** Rows per page of the sentence table. */
export const SENTENCE_PAGE = 50;

/** One row as the page shows it. */
export interface SentenceView {
  set: string;
  template: string;
  groups: string[];
  fillers: string[];
  text: string;
  textPair: string;
  original: boolean;
  gold: string;
  predicted: string;
  probs: { shown: string; exact: string }[];
}

/** A filter of the table: a select of the values one column takes. */
export interface FilterView {
  /** Column index in the data rows (see the data block's `columns`). */
  column: number;
  label: string;
  options: string[];
}

/** The sentence table: its columns, first page, filters and data block. */
export interface SentenceTableView {
  axes: string[];
  fillers: string[];
  labels: string[];
  hasPairs: boolean;
  hasGold: boolean;
  total: number;
  pageSize: number;
  firstPage: SentenceView[];
  filters: FilterView[];
  /** JSON for a `<script type="application/json">` block. */
  json: string;
}

/** Filler slot → word of a sentence, where the sentences carry them. */
export function fillersOf(row: SentenceRow): Record<string, string> {
  return { ...row.fillers };
}

/** The template column of a sentence: T1, T2 … (as in the templates table) or its corpus row. */
export function templateLabel(row: Pick<SentenceRow, 'template_id' | 'corpus_row'>, templateNumber: ReadonlyMap<string, number>): string {
  if (row.template_id === undefined) return row.corpus_row === undefined ? '' : `row ${row.corpus_row}`;
  const n = templateNumber.get(row.template_id);
  return n === undefined ? row.template_id : `T${n}`;
}

/** Gold label of each corpus row, from results.json (`corpus.gold`). */
export function goldLabels(results: AuditResults): Map<number, string> {
  return new Map((results.corpus?.gold ?? []).map((g) => [g.row, g.label]));
}

/** Builds the sentence table of `sentences`. */
export function sentenceTable(
  results: AuditResults,
  sentences: readonly SentenceRow[],
  templates: readonly TemplateInfo[],
): SentenceTableView {
  const templateNumber = new Map(templates.map((t, i) => [t.id, i + 1]));
  const axes = results.axes.filter((a) => a.axes.length === 1).map((a) => a.name);
  const fillers = [...new Set(sentences.flatMap((s) => Object.keys(fillersOf(s))))];
  const gold = goldLabels(results);
  const hasGold = gold.size > 0;
  const view = (s: SentenceRow): Omit<SentenceView, 'probs'> => {
    const f = fillersOf(s);
    return {
      set: s.set_id,
      template: templateLabel(s, templateNumber),
      groups: axes.map((a) => (Object.hasOwn(s.groups, a) ? (s.groups[a] as string) : '')),
      fillers: fillers.map((name) => (Object.hasOwn(f, name) ? (f[name] as string) : '')),
      text: s.text,
      textPair: s.text_pair ?? '',
      original: s.original === true,
      gold: s.corpus_row !== undefined ? (gold.get(s.corpus_row) ?? '') : '',
      predicted: s.predicted,
    };
  };
  const rows = sentences.map(view);
  // Only the first page is rendered as markup; every row goes in the data as numbers.
  const firstPage = sentences.slice(0, SENTENCE_PAGE).map((s, i) => ({ ...(rows[i] as Omit<SentenceView, 'probs'>), probs: s.probs.map((p) => ({ shown: formatNumber(p), exact: String(p) })) }));
  // Columns of the data rows: set, template, each axis, each filler, text, pair, original, gold, predicted, each P.
  const columns = [
    'set',
    'template',
    ...axes.map((a) => `axis:${a}`),
    ...fillers.map((f) => `filler:${f}`),
    'text',
    'text_pair',
    'original',
    'gold',
    'predicted',
    ...results.model.labels.map((l) => `p:${l}`),
  ];
  const data = rows.map((r, i) => [
    r.set,
    r.template,
    ...r.groups,
    ...r.fillers,
    r.text,
    r.textPair,
    r.original ? 1 : 0,
    r.gold,
    r.predicted,
    ...(sentences[i] as SentenceRow).probs.map((p) => Number(p.toPrecision(6))),
  ]);
  const distinct = (column: number) => [...new Set(data.map((d) => String(d[column] ?? '')).filter((v) => v !== ''))];
  const filter = (name: string, label: string, order: (a: string, b: string) => number): FilterView => {
    const column = columns.indexOf(name);
    return { column, label, options: distinct(column).sort(order) };
  };
  const labelOrder = (a: string, b: string) => results.model.labels.indexOf(a) - results.model.labels.indexOf(b);
  const filters: FilterView[] = [
    ...axes.map((a) => filter(`axis:${a}`, a, byText)),
    filter('template', 'template', byTemplate),
    ...fillers.map((f) => filter(`filler:${f}`, f, byText)),
    filter('predicted', 'predicted', labelOrder),
  ].filter((f) => f.options.length > 1);
  return {
    axes,
    fillers,
    labels: results.model.labels,
    hasPairs: rows.some((r) => r.textPair !== ''),
    hasGold,
    total: rows.length,
    pageSize: SENTENCE_PAGE,
    firstPage,
    filters,
    json: jsonForScriptBlock({ columns, pageSize: SENTENCE_PAGE, labels: results.model.labels, rows: data }),
  };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** T2 before T10; corpus rows after templates, by number. */
function byTemplate(a: string, b: string): number {
  const key = (s: string) => {
    const m = /^(T|row )(\d+)$/.exec(s);
    return m ? [m[1] === 'T' ? 0 : 1, Number(m[2])] : [2, 0];
  };
  const [ka, kb] = [key(a), key(b)];
  return (ka[0] as number) - (kb[0] as number) || (ka[1] as number) - (kb[1] as number) || byText(a, b);
}
