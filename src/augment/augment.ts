/**
 * Counterfactual data augmentation, the pure core: a corpus and a plan → the rows to write and
 * their counts. The swaps are the perturbation engine's (`perturbCorpus`, as in corpus audits),
 * one axis at a time; what each swap changed is read off the texts (word-diff.ts).
 *
 *   two-sided   every row, then its counterfactual copies                   (CDA, Lu et al. 2018)
 *   substitute  one row per row, each axis swapped with probability 0.5     (CDS, Hall Maudslay et al. 2019)
 *
 * Randomness comes from a stream per input row and axis (and, for two-sided copies, the swaps
 * that made the row), so a row's draws do not depend on any other row.
 */
import {
  corpusRows,
  perturbCorpus,
  type CorpusRow,
  type CorpusTable,
  type CounterfactualSet,
  type Mention,
  type Sentence,
} from '../generate/index.js';
import { createRng, streamSeed, type Rng } from '../shared/rng.js';
import { AUGMENT_COLUMNS } from './io.js';
import type { AugmentAxis, AugmentCorpus, AugmentedRow, AugmentPlan, AugmentResult, AxisSummary, SkippedRow, Swap } from './types.js';
import { changes, lowerChanged } from './word-diff.js';

/** One axis perturbed over a corpus: the set of each row that can be swapped, and the rows that cannot. */
interface AxisPass {
  sets: Map<number, CounterfactualSet>;
  unsafe: Map<number, string>;
}

/** The texts of a row: its text and, when the corpus has one, its text pair. */
type Texts = [string, string | undefined];

/** A row on its way out: the input row it comes from, its texts so far and the swaps that made them. */
interface Variant {
  source: number;
  texts: Texts;
  swaps: Swap[];
  /** It carries the input row's own text (two-sided: the row as written; substitute: every row). */
  own: boolean;
  skipped: SkippedRow[];
}

/**
 * Augments a corpus along the plan's axes. Every input row is in the output (swapped or as
 * written); no row is dropped. The axes are applied one after the other, each to the rows the
 * previous ones left: in two-sided mode every copy is swapped again on the next axis, so a row
 * that mentions a gender and a country has a copy for every combination of their groups (the
 * augmented corpus is the same under any swap); in substitute mode the swaps compose.
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
  let variants: Variant[] = rows.map((row, i) => ({ source: i, texts: textsOf(row), swaps: [], own: true, skipped: [] }));
  plan.axes.forEach((a, k) => {
    variants = applyAxis(corpus.file, variants, a, plan, summaries[k] as AxisSummary);
  });
  const out = variants.map((v): AugmentedRow => {
    const source = corpus.rows[v.source] as AugmentCorpus['rows'][number];
    const values = v.swaps.length > 0 ? withTexts(source.values, corpus, v.texts) : source.values;
    return { source_row: source.row, values, swaps: v.swaps, skipped: v.skipped };
  });
  return {
    mode: plan.mode,
    language: plan.language,
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

/** One axis over every variant: two-sided adds the copies after each, substitute swaps each or not. */
function applyAxis(file: string, variants: Variant[], a: AugmentAxis, plan: AugmentPlan, summary: AxisSummary): Variant[] {
  const axis = a.axis.name;
  const rows = variants.map((v, i): CorpusRow => ({ row: i, text: v.texts[0], text_pair: v.texts[1] }));
  const pass = perturbAxis({ file, rows }, a, plan);
  const next: Variant[] = [];
  variants.forEach((v, i) => {
    const set = pass.sets.get(i);
    const reason = pass.unsafe.get(i);
    if (v.own) {
      if (set !== undefined) {
        const group = set.sentences.find((s) => s.original)?.groups[axis] as string;
        summary.mentioned[group] = (summary.mentioned[group] ?? 0) + 1;
      } else if (reason !== undefined) {
        const skipped = { row: v.source, axis, reason };
        summary.unsafe.push(skipped);
        v.skipped.push(skipped);
      } else {
        summary.nothing_to_swap++;
      }
    }
    const original = set?.sentences.find((s) => s.original) as Sentence;
    const others = set?.sentences.filter((s) => !s.original) ?? [];
    let found: Found | undefined;
    const copy = (target: Sentence): Variant => {
      const { texts, swap } = applied((found ??= mentionsOf(a, v.texts)), original, target, axis, plan.lowerCase);
      summary.written[swap.to] = (summary.written[swap.to] ?? 0) + 1;
      const own = plan.mode === 'substitute';
      return { source: v.source, texts, swaps: [...v.swaps, swap], own, skipped: own ? v.skipped : [] };
    };
    if (plan.mode === 'substitute') {
      // Drawn for every row, so that one row's draws never depend on another's.
      const rng = rngFor(plan, axis, v.source, '');
      const heads = rng.next() < 0.5;
      const target = others[rng.int(Math.max(1, others.length))];
      next.push(set !== undefined && heads && target !== undefined ? copy(target) : v);
      return;
    }
    next.push(v);
    if (set === undefined) return;
    const path = v.swaps.map((s) => `${s.axis}=${s.to}`).join('|');
    const copies = plan.copies;
    const chosen = copies === null || copies >= others.length ? others : pick(others, copies, rngFor(plan, axis, v.source, path));
    next.push(...chosen.map(copy));
  });
  summary.unsafe.sort((x, y) => x.row - y.row);
  return next;
}

/**
 * One axis over the corpus. A row without a set either mentions no group of the axis (nothing to
 * swap) or mentions one in a way the engine will not swap (several groups, a word of two groups).
 */
function perturbAxis(table: CorpusTable, a: AugmentAxis, plan: AugmentPlan): AxisPass {
  const { sets, skipped } = perturbCorpus(table, [a], { language: plan.language });
  const byRow = new Map(table.rows.map((r) => [r.row, r]));
  const unsafe = new Map<number, string>();
  const prefix = `${a.axis.name}: `;
  for (const s of skipped) {
    const row = byRow.get(s.row) as CorpusRow;
    const mentions = textsOf(row).flatMap((t) => (t === undefined ? [] : a.finder.find(t)));
    const mentionsAxis = mentions.some((m) => m.senses.some((x) => a.axis.groups.includes(x.group)));
    if (mentionsAxis) unsafe.set(s.row, s.reason.startsWith(prefix) ? s.reason.slice(prefix.length) : s.reason);
  }
  return { sets: new Map(sets.map((s) => [s.corpus_row ?? -1, s])), unsafe };
}

/** Each text of a row with the axis's mentions in it (what a change inside one mention is merged by). */
type Found = [string, Mention[]][];

function mentionsOf(a: AugmentAxis, texts: Texts): Found {
  return texts.flatMap((t): Found => (t === undefined ? [] : [[t, a.finder.find(t)]]));
}

/** The target sentence's texts (lower-cased where they changed, for a lower-cased corpus) and the swap they make. */
function applied(before: Found, original: Sentence, target: Sentence, axis: string, lowerCase: boolean): { texts: Texts; swap: Swap } {
  const after: Texts = [target.text, target.text_pair];
  const words: Swap['words'] = [];
  const texts = after.map((t, i) => {
    const b = before[i];
    if (b === undefined || t === undefined) return t;
    const found = changes(b[0], t, b[1]);
    for (const c of found) words.push({ from: c.from, to: lowerCase ? c.to.toLowerCase() : c.to });
    return lowerCase ? lowerChanged(t, found) : t;
  }) as Texts;
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

function rngFor(plan: AugmentPlan, axis: string, source: number, path: string): Rng {
  return createRng(streamSeed(plan.seed, `${plan.mode}\u0000${axis}\u0000${source}\u0000${path}`));
}

/** `n` of the items, drawn without replacement, in their original order. */
function pick<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const index = items.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(index.length - i);
    [index[i], index[j]] = [index[j] ?? j, index[i] ?? i];
  }
  return index
    .slice(0, n)
    .sort((x, y) => x - y)
    .map((i) => items[i] as T);
}
