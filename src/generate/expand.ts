/**
 * A planned template → its counterfactual sets. A set is one position of every filler and every
 * paired series the template uses (so those multiply sets); inside a set, one sentence per
 * combination of the groups of its axes, and per item of an unpaired list (first names), whose
 * scores the metrics average within the set.
 */
import { createRng, streamSeed } from '../shared/rng.js';
import { fieldInfo, formsOf, groupNamed } from './fields.js';
import { stableId } from './hash.js';
import type { Filler, TemplatePlan } from './plan.js';
import { doubledWord } from './doubled.js';
import type { Language } from './language.js';
import { fillTemplate, type Slot } from './template.js';
import type { AxisInfo, CounterfactualSet, Lexicon, Sentence } from './types.js';

/** One dimension that multiplies sets: a filler's words, or a paired series' positions. */
type Dimension =
  | { kind: 'filler'; name: string; size: number; at: (i: number) => { group?: string; index: number; word?: string } }
  | { kind: 'series'; axis: string; series: string; size: number };

/** A set's position along every dimension. */
interface Position {
  fillerGroup: Record<string, string>;
  fillerIndex: Record<string, { group?: string; index: number; word?: string }>;
  series: Record<string, number>;
}

/** A word a slot doubles in a generated sentence ("The Hindu Hindu temple"), with the sentence and its groups. */
export interface Doubled {
  word: string;
  sentence: string;
  groups: Record<string, string>;
  /** In the second text of a pair. */
  pair: boolean;
}

/** How a template is filled: its language, and where to report a doubled word (the first of the template is enough). */
export interface ExpandOptions {
  language: Language;
  onDoubled?: (d: Doubled) => void;
}

/**
 * Expands one template into its sets, in a fixed order (fillers outermost, then series). With
 * `maxSets`, keeps that many positions drawn without replacement by the seeded generator, in
 * generation order.
 */
export function expandTemplate(
  plan: TemplatePlan,
  axes: readonly AxisInfo[],
  lexicons: Readonly<Record<string, Lexicon>>,
  fillers: Readonly<Record<string, Filler>>,
  seed: number,
  options: ExpandOptions = { language: 'en' },
): CounterfactualSet[] {
  const dims = dimensions(plan, lexicons, fillers);
  const total = dims.reduce((n, d) => n * d.size, 1);
  const positions = plan.maxSets !== undefined && total > plan.maxSets ? sample(total, plan.maxSets, seed, plan.id) : range(total);
  return positions.map((flat) => buildSet(plan, decode(flat, dims), axes, lexicons, fillers, options));
}

/**
 * How many sets and sentences a template makes, without making them: the product of its
 * dimensions (after `max_sets`), each set as large as its first. Checked before expanding, so
 * a template that would make billions of sentences fails at once instead of exhausting memory.
 */
export function countTemplate(
  plan: TemplatePlan,
  axes: readonly AxisInfo[],
  lexicons: Readonly<Record<string, Lexicon>>,
  fillers: Readonly<Record<string, Filler>>,
): { sets: number; sentences: number } {
  const dims = dimensions(plan, lexicons, fillers);
  const total = dims.reduce((n, d) => n * d.size, 1);
  const sets = plan.maxSets !== undefined ? Math.min(total, plan.maxSets) : total;
  if (sets === 0) return { sets: 0, sentences: 0 };
  const first = decode(0, dims);
  const words = fillerWordsAt(plan, first, fillers);
  // Counted, not built: building every set twice (here and in expandTemplate) took a tenth of a
  // cached re-run of the bench's 10k-sentence audit.
  const slots = [...plan.slots, ...plan.pairSlots];
  let size = 0;
  for (const combo of combinations(plan.axes, axes)) {
    size += [...slotOptions(slots, combo, first, lexicons, words).options.values()].reduce((n, list) => n * list.length, 1);
  }
  return { sets, sentences: sets * size };
}

function dimensions(plan: TemplatePlan, lexicons: Readonly<Record<string, Lexicon>>, fillers: Readonly<Record<string, Filler>>): Dimension[] {
  const dims: Dimension[] = [];
  for (const name of plan.fillers) {
    const filler = fillers[name] as Filler;
    if (filler.kind === 'list') {
      dims.push({ kind: 'filler', name, size: filler.words.length, at: (i) => ({ index: i, word: filler.words[i] as string }) });
      continue;
    }
    const field = [...plan.slots, ...plan.pairSlots].find((s) => s.axis === name)?.field ?? filler.lexicon.default_field;
    const entries = filler.lexicon.groups.flatMap((g) => (formsOf(g, field) ?? []).map((_, index) => ({ group: g.group, index })));
    dims.push({ kind: 'filler', name, size: entries.length, at: (i) => entries[i] as { group: string; index: number } });
  }
  for (const { axis, series } of plan.series) {
    const lexicon = lexicons[axis] as Lexicon;
    const field = Object.keys(lexicon.fields).find((f) => fieldInfo(lexicon, f).paired === series) as string;
    dims.push({ kind: 'series', axis, series, size: formsOf(lexicon.groups[0] as Lexicon['groups'][number], field)?.length ?? 0 });
  }
  return dims;
}

function decode(flat: number, dims: readonly Dimension[]): Position {
  const pos: Position = { fillerGroup: {}, fillerIndex: {}, series: {} };
  let rest = flat;
  for (let d = dims.length - 1; d >= 0; d--) {
    const dim = dims[d] as Dimension;
    const i = rest % dim.size;
    rest = Math.floor(rest / dim.size);
    if (dim.kind === 'series') pos.series[`${dim.axis}.${dim.series}`] = i;
    else {
      const at = dim.at(i);
      pos.fillerIndex[dim.name] = at;
      if (at.group !== undefined) pos.fillerGroup[dim.name] = at.group;
    }
  }
  return pos;
}

/** k of n positions without replacement (Floyd's algorithm), sorted. */
function sample(n: number, k: number, seed: number, templateId: string): number[] {
  const rng = createRng(streamSeed(seed, `max_sets:${templateId}`));
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function buildSet(plan: TemplatePlan, pos: Position, axes: readonly AxisInfo[], lexicons: Readonly<Record<string, Lexicon>>, fillers: Readonly<Record<string, Filler>>, options: ExpandOptions): CounterfactualSet {
  const slots = [...plan.slots, ...plan.pairSlots];
  const fillerWords = fillerWordsAt(plan, pos, fillers);
  const setId = stableId(plan.id, plan.text, plan.textPair ?? '', JSON.stringify(fillerWords), JSON.stringify(pos.series));
  const sentences: Sentence[] = [];
  for (const combo of combinations(plan.axes, axes)) {
    for (const values of variants(slots, combo, pos, lexicons, fillerWords)) {
      const filled = fillTemplate(plan.text, plan.slots, plan.slots.map((s) => values[s.raw] ?? ''), options.language);
      const filledPair = plan.textPair === undefined ? undefined : fillTemplate(plan.textPair, plan.pairSlots, plan.pairSlots.map((s) => values[s.raw] ?? ''), options.language);
      const text = filled.text;
      const textPair = filledPair?.text;
      if (options.onDoubled) {
        for (const [f, pair] of [[filled, false], [filledPair, true]] as const) {
          const word = f && doubledWord(f.text, f.spans, options.language);
          if (f && word !== undefined) options.onDoubled({ word, sentence: f.text, groups: combo, pair });
        }
      }
      sentences.push({
        id: stableId(setId, JSON.stringify(combo), text, textPair ?? ''),
        set_id: setId,
        template_id: plan.id,
        groups: combo,
        text,
        ...(textPair !== undefined ? { text_pair: textPair } : {}),
        values,
      });
    }
  }
  return {
    id: setId,
    template_id: plan.id,
    axes: [...plan.axes],
    ...(Object.keys(fillerWords).length > 0 ? { fillers: fillerWords } : {}),
    ...(Object.keys(pos.fillerGroup).length > 0 ? { filler_groups: pos.fillerGroup } : {}),
    ...(Object.keys(pos.series).length > 0 ? { pairs: pos.series } : {}),
    sentences,
  };
}

function fillerWord(filler: Filler, slot: Slot, at: { group?: string; index: number; word?: string }): string {
  if (filler.kind === 'list') return at.word as string;
  const group = groupNamed(filler.lexicon, at.group);
  return (group && formsOf(group, slot.field ?? filler.lexicon.default_field)?.[at.index]) ?? '';
}

/** Every combination of the groups of the template's axes, the first axis outermost. */
function combinations(names: readonly string[], axes: readonly AxisInfo[]): Record<string, string>[] {
  let rows: Record<string, string>[] = [{}];
  for (const name of names) {
    const groups = axes.find((a) => a.name === name)?.groups ?? [];
    rows = rows.flatMap((row) => groups.map((g) => ({ ...row, [name]: g })));
  }
  return rows;
}

/** The words the fillers of a template take at a position, by slot (`{emotion}` → "angry"). */
function fillerWordsAt(plan: TemplatePlan, pos: Position, fillers: Readonly<Record<string, Filler>>): Record<string, string> {
  const words: Record<string, string> = {};
  for (const s of [...plan.slots, ...plan.pairSlots]) {
    const filler = fillers[s.axis];
    if (!filler || s.article) continue;
    words[s.raw] = fillerWord(filler, s, pos.fillerIndex[s.axis] as { group?: string; index: number; word?: string });
  }
  return words;
}

/**
 * Every assignment of values to the slots for one combination of groups. A paired field takes
 * the set's position; an unpaired list gives one sentence per item (the same field used twice
 * takes the same item both times).
 */
function variants(slots: readonly Slot[], combo: Record<string, string>, pos: Position, lexicons: Readonly<Record<string, Lexicon>>, fillerWords: Record<string, string>): Record<string, string>[] {
  const { options, keyOf } = slotOptions(slots, combo, pos, lexicons, fillerWords);
  let rows: Record<string, string>[] = [{}];
  for (const [key, list] of options) rows = rows.flatMap((row) => list.map((v) => ({ ...row, [key]: v })));
  return rows.map((row) =>
    Object.fromEntries(
      slots.filter((s) => !s.article).map((s) => [s.raw, fillerWords[s.raw] ?? (row[keyOf.get(s.raw) as string] as string)]),
    ),
  );
}

/**
 * The forms each lexicon slot of a combination can take (`country.name` → its names), keyed by
 * lexicon field, and the key of each slot: a set has one sentence per choice of one form per key.
 */
function slotOptions(
  slots: readonly Slot[],
  combo: Record<string, string>,
  pos: Position,
  lexicons: Readonly<Record<string, Lexicon>>,
  fillerWords: Record<string, string>,
): { options: Map<string, string[]>; keyOf: Map<string, string> } {
  const options = new Map<string, string[]>();
  const keyOf = new Map<string, string>();
  for (const s of slots) {
    const lexicon = lexicons[s.axis];
    if (s.article || fillerWords[s.raw] !== undefined || !lexicon) continue;
    const field = s.field ?? lexicon.default_field;
    const info = fieldInfo(lexicon, field);
    const group = groupNamed(lexicon, combo[s.axis]);
    const forms = (group && formsOf(group, field, info.by === undefined ? undefined : combo[info.by])) ?? [];
    const key = `${s.axis}.${field}`;
    keyOf.set(s.raw, key);
    if (info.paired !== undefined) options.set(key, [forms[pos.series[`${s.axis}.${info.paired}`] ?? 0] as string]);
    else options.set(key, forms);
  }
  return { options, keyOf };
}
