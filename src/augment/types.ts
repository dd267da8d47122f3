/** Plain, JSON-serialisable data of the augment stage: a corpus in, the augmented corpus and its counts out. */
import type { AxisInfo, Language, Lexicon, MentionFinder } from '../generate/index.js';

/** How each row's counterfactuals enter the output (the registry in modes.ts documents them). */
export type AugmentMode = 'two-sided' | 'substitute';

/** A corpus as read, every column kept so that rows are written back whole. */
export interface AugmentCorpus {
  /** The file as the user named it. */
  file: string;
  format: 'csv' | 'jsonl';
  /** Every column (CSV header; JSON Lines keys in order of first appearance). */
  columns: string[];
  /** The column holding the text whose mentions are swapped. */
  text: string;
  /** The column holding a second text (NLI hypothesis), swapped the same way. */
  text_pair?: string;
  /** The column holding the gold label: kept as it is on every copy. */
  label?: string;
  /** Data rows numbered from 0, with every column as read. */
  rows: { row: number; values: Record<string, unknown> }[];
}

/** An axis ready to swap: the groups, the lexicon the swaps come from and the finder of its mentions. */
export interface AugmentAxis {
  axis: AxisInfo;
  lexicon: Lexicon;
  finder: MentionFinder;
}

/** First-name pairs used by the names intervention, and those left out. */
export interface NamePairsInfo {
  /** Where the pairs come from (the built-in list's source, or the user's file). */
  source: string;
  /** Pairs swapped, as [female, male]. */
  pairs: [string, string][];
  /** Pairs not used, each with why (a common English word would be swapped where it is no name). */
  left_out: { pair: [string, string]; why: string }[];
}

/** Everything `augmentCorpus` needs besides the corpus, resolved once from options. */
export interface AugmentPlan {
  mode: AugmentMode;
  /** The corpus's language: the lexicons and the grammar rules of the swaps. */
  language: Language;
  axes: AugmentAxis[];
  /** Seed of every random draw (which rows substitute swaps, which copies two-sided keeps). */
  seed: number;
  /** two-sided: counterfactual copies per row and axis; null: one per other group. */
  copies: number | null;
  /** The corpus is lower-cased: swapped words are written in lower case. */
  lowerCase: boolean;
  /** The names intervention, when on. */
  names: NamePairsInfo | null;
  /** Lower-case corpora, per axis: forms not searched for, being common English words once lower-cased. */
  leftOutForms: Record<string, string[]>;
}

/** One word (or multi-word mention) swapped: as it was and as it became. */
export interface WordSwap {
  from: string;
  to: string;
}

/** One axis swapped in a row: from the group the row mentions to another. */
export interface Swap {
  axis: string;
  from: string;
  to: string;
  /** In text order (text, then text pair): each mention, and each article that changed with it. */
  words: WordSwap[];
}

/** A row whose mentions of an axis could not be swapped safely, and why. */
export interface SkippedRow {
  row: number;
  axis: string;
  reason: string;
}

/** One output row. */
export interface AugmentedRow {
  /** The input row it comes from (0-based data row). */
  source_row: number;
  /** Every column of the source row; the text columns swapped. */
  values: Record<string, unknown>;
  /** Swaps applied; empty for the row as written. */
  swaps: Swap[];
  /** On the row that carries the source row's own text: the axes it could not be swapped on, with why. */
  skipped: SkippedRow[];
}

/** Counts for one axis. */
export interface AxisSummary {
  axis: string;
  lexicon: string;
  groups: string[];
  /** Rows that could be swapped, by the group they mention. */
  mentioned: Record<string, number>;
  /** Counterfactual rows written, by the group swapped in. */
  written: Record<string, number>;
  /** Rows that mention the axis but could not be swapped safely, in row order. */
  unsafe: SkippedRow[];
  /** Rows that mention no group of the axis (nothing to swap). */
  nothing_to_swap: number;
}

/** What `augmentCorpus` returns: the rows to write and the counts the summary prints. */
export interface AugmentResult {
  mode: AugmentMode;
  language: Language;
  file: string;
  format: 'csv' | 'jsonl';
  /** Output columns: the input's, then `augment_source_row`, `augment_swaps`, `augment_skipped`. */
  columns: string[];
  /** The columns whose text is swapped: the text, and the text pair when there is one. */
  text_columns: string[];
  rows: AugmentedRow[];
  rows_read: number;
  /** The corpus was read as lower-cased (see lower-case.ts). */
  lower_case: boolean;
  seed: number;
  axes: AxisSummary[];
  names: NamePairsInfo | null;
  /** Lower-case corpora, per axis: forms not searched for (empty otherwise). */
  left_out_forms: Record<string, string[]>;
}
