/**
 * Counterfactual data augmentation, the pure core: a corpus and a plan → the rows to write and
 * their counts. The swaps are the perturbation engine's (`perturbCorpus`, as in corpus audits),
 * one axis at a time; what each swap changed is read off the texts (word-diff.ts).
 *
 *   two-sided   every row, then per axis its counterfactual copies          (CDA, Lu et al. 2018)
 *   substitute  one row per row, each axis swapped with probability 0.5     (CDS, Hall Maudslay et al. 2019)
 *
 * Randomness comes from a stream per row and axis (seed, mode, axis, row), so a row's draws do not
 * depend on any other row.
 */
import { corpusRows, perturbCorpus, type CorpusRow, type CorpusTable, type CounterfactualSet, type Sentence } from '../generate/index.js';
import { createRng, streamSeed, type Rng } from '../shared/rng.js';
import { AUGMENT_COLUMNS } from './io.js';
import type { AugmentAxis, AugmentCorpus, AugmentedRow, AugmentPlan, AugmentResult, AxisSummary, SkippedRow, Swap } from './types.js';
import { changes, lowerChanged } from './word-diff.js';

/** One axis perturbed over a corpus: the set of each row that can be swapped, and the rows that cannot. */
interface AxisPass {
  sets: Map<number, CounterfactualSet>;
  unsafe: Map<number, string>;
  nothing: number;
}

/** The texts of a row: its text and, when the corpus has one, its text pair. */
type Texts = [string, string | undefined];

/**
 * Augments a corpus along the plan's axes. Every input row is in the output (swapped or as
 * written); no row is dropped.
 */
export function augmentCorpus(corpus: AugmentCorpus, plan: AugmentPlan): AugmentResult {
  const rows = corpusRows({ columns: corpus.columns, rows: corpus.rows }, corpus);
  const summaries = plan.axes.map((a): AxisSummary => ({
    axis: a.axis.name,
    lexicon: a.axis.lexicon,
    groups: a.axis.groups,
    mentioned: Object.fromEntries(a.axis.groups.map((g) => [g, 0])),
    written: Object.fromEntries(a.axis.groups.map((g) => [g, 0])),
    unsafe: [],
    nothing_to_swap: 0,
  }));
  const out = plan.mode === 'two-sided' ? twoSided(corpus, rows, plan, summaries) : substitute(corpus, rows, plan, summaries);
  return {
    mode: plan.mode,
    file: corpus.file,
    format: corpus.format,
    columns: [...corpus.columns, ...AUGMENT_COLUMNS],
    text_columns: corpus.text_pair === undefined ? [corpus.text] : [corpus.text, corpus.text_pair],
    rows: out,
    rows_read: corpus.rows.length,
    lower_case: plan.lowerCase,
    seed: plan.seed,
    axes: summaries,
    names: plan.names,
    left_out_forms: plan.leftOutForms,
  };
}

function twoSided(corpus: AugmentCorpus, rows: CorpusRow[], plan: AugmentPlan, summaries: AxisSummary[]): AugmentedRow[] {
  const table: CorpusTable = { file: corpus.file, rows };
  const passes = plan.axes.map((a, k) => countPass(perturbAxis(table, a), summaries[k] as AxisSummary));
  const out: AugmentedRow[] = [];
  rows.forEach((row, i) => {
    const values = (corpus.rows[i] as AugmentCorpus['rows'][number]).values;
    out.push({ source_row: row.row, values, swaps: [], skipped: skippedOf(row.row, plan.axes, passes) });
    plan.axes.forEach((a, k) => {
      const set = passes[k]?.sets.get(row.row);
      if (set === undefined) return;
      const original = set.sentences.find((s) => s.original) as Sentence;
      const others = set.sentences.filter((s) => !s.original);
      const chosen = plan.copies === null || plan.copies >= others.length ? others : pick(others, plan.copies, rngFor(plan, a, row.row));
      for (const target of chosen) {
        const { texts, swap } = applied(a, original, target, textsOf(row), plan.lowerCase);
        (summaries[k] as AxisSummary).written[swap.to] = ((summaries[k] as AxisSummary).written[swap.to] ?? 0) + 1;
        out.push({ source_row: row.row, values: withTexts(values, corpus, texts), swaps: [swap], skipped: [] });
      }
    });
  });
  return out;
}

function substitute(corpus: AugmentCorpus, rows: CorpusRow[], plan: AugmentPlan, summaries: AxisSummary[]): AugmentedRow[] {
  let current = rows;
  const swaps: Swap[][] = rows.map(() => []);
  const passes: AxisPass[] = [];
  plan.axes.forEach((a, k) => {
    // Each axis perturbs the texts as the previous axes left them, so swaps compose.
    const pass = countPass(perturbAxis({ file: corpus.file, rows: current }, a), summaries[k] as AxisSummary);
    passes.push(pass);
    current = current.map((row, i) => {
      const rng = rngFor(plan, a, row.row);
      const heads = rng.next() < 0.5;
      const set = pass.sets.get(row.row);
      if (set === undefined) return row;
      const others = set.sentences.filter((s) => !s.original);
      const target = others[rng.int(others.length)] as Sentence;
      if (!heads) return row;
      const { texts, swap } = applied(a, set.sentences.find((s) => s.original) as Sentence, target, textsOf(row), plan.lowerCase);
      (summaries[k] as AxisSummary).written[swap.to] = ((summaries[k] as AxisSummary).written[swap.to] ?? 0) + 1;
      (swaps[i] as Swap[]).push(swap);
      return { ...row, text: texts[0], ...(texts[1] !== undefined ? { text_pair: texts[1] } : {}) };
    });
  });
  return current.map((row, i) => {
    const values = (corpus.rows[i] as AugmentCorpus['rows'][number]).values;
    const swapped = swaps[i] as Swap[];
    return { source_row: row.row, values: swapped.length > 0 ? withTexts(values, corpus, textsOf(row)) : values, swaps: swapped, skipped: skippedOf(row.row, plan.axes, passes) };
  });
}

/**
 * One axis over the corpus. A row without a set either mentions no group of the axis (nothing to
 * swap) or mentions one in a way the engine will not swap (several groups, a word of two groups).
 */
function perturbAxis(table: CorpusTable, a: AugmentAxis): AxisPass {
  const { sets, skipped } = perturbCorpus(table, [a]);
  const byRow = new Map(table.rows.map((r) => [r.row, r]));
  const unsafe = new Map<number, string>();
  let nothing = 0;
  const prefix = `${a.axis.name}: `;
  for (const s of skipped) {
    const row = byRow.get(s.row) as CorpusRow;
    const mentions = textsOf(row).flatMap((t) => (t === undefined ? [] : a.finder.find(t)));
    if (mentions.some((m) => m.senses.some((x) => a.axis.groups.includes(x.group)))) unsafe.set(s.row, s.reason.startsWith(prefix) ? s.reason.slice(prefix.length) : s.reason);
    else nothing++;
  }
  return { sets: new Map(sets.map((s) => [s.corpus_row as number, s])), unsafe, nothing };
}

/** Adds a pass's counts to its axis summary. */
function countPass(pass: AxisPass, summary: AxisSummary): AxisPass {
  for (const set of pass.sets.values()) {
    const group = set.sentences.find((s) => s.original)?.groups[summary.axis] as string;
    summary.mentioned[group] = (summary.mentioned[group] ?? 0) + 1;
  }
  for (const [row, reason] of pass.unsafe) summary.unsafe.push({ row, axis: summary.axis, reason });
  summary.unsafe.sort((x, y) => x.row - y.row);
  summary.nothing_to_swap += pass.nothing;
  return pass;
}

/** The target sentence's texts (lower-cased where they changed, for a lower-cased corpus) and the swap they make. */
function applied(a: AugmentAxis, original: Sentence, target: Sentence, before: Texts, lowerCase: boolean): { texts: Texts; swap: Swap } {
  const after: Texts = [target.text, target.text_pair];
  const words: Swap['words'] = [];
  const texts = before.map((b, i) => {
    const t = after[i];
    if (b === undefined || t === undefined) return t;
    const found = changes(b, t, a.finder.find(b));
    const written = lowerCase ? lowerChanged(t, found) : t;
    for (const c of found) words.push({ from: c.from, to: lowerCase ? c.to.toLowerCase() : c.to });
    return written;
  }) as Texts;
  const axis = a.axis.name;
  return { texts, swap: { axis, from: original.groups[axis] as string, to: target.groups[axis] as string, words } };
}

function textsOf(row: CorpusRow): Texts {
  return [row.text, row.text_pair];
}

/** The row's columns with its texts replaced. */
function withTexts(values: Record<string, unknown>, corpus: AugmentCorpus, texts: Texts): Record<string, unknown> {
  const out = { ...values, [corpus.text]: texts[0] };
  if (corpus.text_pair !== undefined && texts[1] !== undefined) out[corpus.text_pair] = texts[1];
  return out;
}

function skippedOf(row: number, axes: readonly AugmentAxis[], passes: readonly AxisPass[]): SkippedRow[] {
  return axes.flatMap((a, k) => {
    const reason = passes[k]?.unsafe.get(row);
    return reason === undefined ? [] : [{ row, axis: a.axis.name, reason }];
  });
}

function rngFor(plan: AugmentPlan, a: AugmentAxis, row: number): Rng {
  return createRng(streamSeed(plan.seed, `${plan.mode}\u0000${a.axis.name}\u0000${row}`));
}

/** `n` of the items, drawn without replacement, in their original order. */
function pick<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const index = items.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(index.length - i);
    [index[i], index[j]] = [index[j] as number, index[i] as number];
  }
  return index
    .slice(0, n)
    .sort((x, y) => x - y)
    .map((i) => items[i] as T);
}
