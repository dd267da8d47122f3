/**
 * The corpus section of report.html, for audits that perturb a corpus: which file, how many rows
 * became sets and which were skipped and why, the gold labels, and each row as written beside
 * its counterfactuals with their scores — the rows whose scores move most first.
 */
import { formatNumber, formatSigned } from './format.js';
import { goldLabels } from './sentence-view.js';
import type { AuditResults, SentenceRow } from '../results/index.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';

/** How many corpus rows the section shows beside their counterfactuals (the sentence table has all). */
export const CORPUS_ROWS_SHOWN = 25;

/** One sentence of a corpus set. */
interface CorpusSentence {
  groups: string;
  text: string;
  p: string;
  predicted: string;
}

/** A corpus row beside its counterfactuals. */
export interface CorpusRowView {
  row: number;
  gold: string;
  original: CorpusSentence;
  counterfactuals: (CorpusSentence & { change: string; flipped: boolean })[];
  /** The largest |P(cf) − P(original)|, formatted. */
  widest: string;
}

/** The corpus section. */
export interface CorpusView {
  file: string;
  rows: number;
  sets: number;
  skipped: { row: number; reason: string }[];
  /** "POSITIVE 6, NEGATIVE 5", or "" without gold labels. */
  gold: string;
  shown: CorpusRowView[];
  /** Corpus rows with counterfactuals in all. */
  total: number;
}

/** The corpus section of a run, or undefined when the audit perturbs no corpus. */
export function corpusView(results: AuditResults, sentences: readonly SentenceRow[]): CorpusView | undefined {
  const corpus = results.corpus;
  if (!corpus) return undefined;
  const label = results.model.labels.indexOf(results.model.audited_label);
  const gold = goldLabels(results);
  const bySet = new Map<string, SentenceRow[]>();
  for (const s of sentences) {
    if (s.corpus_row === undefined) continue;
    const list = bySet.get(s.set_id) ?? [];
    list.push(s);
    bySet.set(s.set_id, list);
  }
  const groupsText = (s: SentenceRow) => Object.values(s.groups).join(COMBINATION_SEPARATOR);
  const p = (s: SentenceRow) => s.probs[label] ?? NaN;
  const views = [...bySet.values()].flatMap((rows) => {
    const original = rows.find((r) => r.original === true);
    if (!original) return [];
    const base = p(original);
    const counterfactuals = rows
      .filter((r) => r !== original)
      .map((r) => ({
        groups: groupsText(r),
        text: r.text,
        p: formatNumber(p(r)),
        predicted: r.predicted,
        change: formatSigned(p(r) - base),
        flipped: r.predicted !== original.predicted,
        d: Math.abs(p(r) - base),
      }));
    const widest = Math.max(0, ...counterfactuals.map((c) => (Number.isFinite(c.d) ? c.d : 0)));
    return [
      {
        row: original.corpus_row as number,
        gold: gold.get(original.corpus_row as number) ?? '',
        original: { groups: groupsText(original), text: original.text, p: formatNumber(base), predicted: original.predicted },
        counterfactuals: counterfactuals.map(({ d: _d, ...c }) => c),
        widest: formatNumber(widest),
        sortKey: widest,
      },
    ];
  });
  views.sort((a, b) => b.sortKey - a.sortKey || a.row - b.row);
  const counts = new Map<string, number>();
  for (const l of gold.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  return {
    file: corpus.file,
    rows: corpus.rows,
    sets: corpus.sets,
    skipped: corpus.skipped,
    gold: [...counts].map(([l, n]) => `${l} ${n}`).join(', '),
    shown: views.slice(0, CORPUS_ROWS_SHOWN).map(({ sortKey: _k, ...v }) => v),
    total: views.length,
  };
}
