/**
 * Corpus perturbation: each real sentence that mentions one group of an axis becomes a set of
 * the original plus one counterfactual per other group, with every mention swapped. Pure.
 *
 * A row gives no set for an axis when it mentions none of its words, when a word could belong to
 * several groups ("Dominican"), when it mentions several groups (she … his), or when the group it
 * mentions is not one of the axis's groups; a row that gives no set at all is reported with why.
 */
import { articleFor } from './article.js';
import type { CorpusRow, CorpusTable } from './corpus-read.js';
import { fieldInfo, formsOf } from './fields.js';
import { stableId } from './hash.js';
import { mentionFinder, type Mention, type MentionFinder, type MentionSense } from './mentions.js';
import { pronounRole } from './pronoun-role.js';
import { capitalise, startsSentence } from './template.js';
import type { AxisInfo, CounterfactualSet, Lexicon, Sentence } from './types.js';

/** An axis to perturb, with its lexicon. */
export interface PerturbAxis {
  axis: AxisInfo;
  lexicon: Lexicon;
  /** Finds the mentions to swap; default `mentionFinder(lexicon)` (augment passes a case-folded one for lower-cased corpora). */
  finder?: MentionFinder;
}

/** Sets made from a corpus, and the rows that gave none. */
export interface PerturbResult {
  sets: CounterfactualSet[];
  skipped: { row: number; reason: string }[];
}

/** Perturbs every row of a corpus along every axis given, in row order, then axis order. */
export function perturbCorpus(corpus: CorpusTable, axes: readonly PerturbAxis[]): PerturbResult {
  const finders = axes.map((a) => ({ ...a, finder: a.finder ?? mentionFinder(a.lexicon) }));
  const sets: CounterfactualSet[] = [];
  const skipped: PerturbResult['skipped'] = [];
  for (const row of corpus.rows) {
    const reasons: string[] = [];
    const before = sets.length;
    for (const a of finders) {
      const result = perturbRow(corpus.file, row, a.axis, a.lexicon, a.finder);
      if (typeof result === 'string') reasons.push(`${a.axis.name}: ${result}`);
      else sets.push(result);
    }
    if (sets.length === before) {
      const none = reasons.every((r) => r.endsWith(': no mention'));
      skipped.push({ row: row.row, reason: none ? `no mention of ${axes.map((a) => a.axis.name).join(' or ')}` : reasons.join('; ') });
    }
  }
  return { sets, skipped };
}

/** One row's set for one axis, or why there is none. */
function perturbRow(file: string, row: CorpusRow, axis: AxisInfo, lexicon: Lexicon, finder: MentionFinder): CounterfactualSet | string {
  const texts = row.text_pair === undefined ? [row.text] : [row.text, row.text_pair];
  const everything = texts.map((t) => finder.find(t));
  if (everything.every((f) => f.length === 0)) return 'no mention';
  // Only the axis's groups count: a word of another group (neutral "they" in a female/male
  // audit) is left as it is.
  const found = everything.map((f) => f.map((m) => ({ ...m, senses: m.senses.filter((x) => axis.groups.includes(x.group)) })).filter((m) => m.senses.length > 0));
  const all = found.flat();
  const groupsOf = (m: Mention): string[] => [...new Set(m.senses.map((x) => x.group))];
  if (all.length === 0) {
    const others = [...new Set(everything.flat().flatMap(groupsOf))];
    return `mentions ${others.join(', ')}, which ${others.length === 1 ? 'is' : 'are'} not one of the axis's groups`;
  }
  const ambiguous = all.find((m) => groupsOf(m).length > 1);
  if (ambiguous) return `"${ambiguous.text}" could be ${groupsOf(ambiguous).join(' or ')}`;
  const mentioned = [...new Set(all.flatMap(groupsOf))];
  if (mentioned.length > 1) return `mentions several groups (${mentioned.join(', ')})`;
  const original = mentioned[0] as string;

  const setId = stableId('corpus', file, String(row.row), axis.name, ...texts);
  const firstText = (found[0]?.length ?? 0) > 0 ? 0 : 1;
  const first = all[0] as Mention;
  const sentences: Sentence[] = axis.groups.map((group) => {
    const swapped = texts.map((t, i) => (group === original ? t : swapAll(t, found[i] as Mention[], group, lexicon)));
    const [text, textPair] = swapped as [string, string | undefined];
    return {
      id: stableId(setId, group, text, textPair ?? ''),
      set_id: setId,
      corpus_row: row.row,
      groups: { [axis.name]: group },
      text,
      ...(textPair !== undefined ? { text_pair: textPair } : {}),
      values: { [axis.name]: group === original ? first.text : replacement(first, texts[firstText] as string, group, lexicon) },
      ...(group === original ? { original: true } : {}),
    };
  });
  return { id: setId, corpus_row: row.row, axes: [axis.name], ...(row.label !== undefined ? { label: row.label } : {}), sentences };
}

/** The text with every mention swapped for the target group's form, a/an fixed before each. */
function swapAll(text: string, mentions: readonly Mention[], target: string, lexicon: Lexicon): string {
  let out = '';
  let cursor = 0;
  for (const m of mentions) {
    let head = text.slice(cursor, m.start);
    const value = replacement(m, text, target, lexicon);
    // "a German" → "an Iraqi": the article before a swapped word follows the new word.
    head = head.replace(/(^|[^\p{L}\p{N}])(a|an|A|An|AN)(\s+)$/u, (_all, pre: string, art: string, space: string) => `${pre}${articleCase(articleFor(value), art)}${space}`);
    out += head + value;
    cursor = m.end;
  }
  return out + text.slice(cursor);
}

/** What one mention becomes for the target group, in the mention's case. */
function replacement(m: Mention, text: string, target: string, lexicon: Lexicon): string {
  const sense = pickSense(m.senses, text.slice(m.end), lexicon);
  const info = fieldInfo(lexicon, sense.field);
  const field = typeof info.swap === 'string' ? info.swap : sense.field;
  const group = lexicon.groups.find((g) => g.group === target);
  const forms = (group && formsOf(group, field)) ?? [];
  const paired = fieldInfo(lexicon, field).paired !== undefined && field === sense.field;
  let value = (paired ? forms[sense.index] : forms[0]) ?? forms[0] ?? m.text;
  if (sense.bare) value = value.replace(/^the\s+/i, '');
  return matchCase(value, m, startsSentence(text.slice(0, m.start)));
}

/** The article in the case of the one it replaces (a → an, A → An, AN → A). */
function articleCase(article: string, old: string): string {
  if (old.length > 1 && old === old.toUpperCase()) return article.toUpperCase();
  return old.charAt(0) === old.charAt(0).toUpperCase() ? capitalise(article) : article;
}

/** Where one word is several fields of its group (her), the one whose role fits the next words. */
function pickSense(senses: readonly MentionSense[], after: string, lexicon: Lexicon): MentionSense {
  if (senses.length === 1) return senses[0] as MentionSense;
  const role = pronounRole(after);
  return senses.find((s) => fieldInfo(lexicon, s.field).role === role) ?? (senses[0] as MentionSense);
}

/**
 * The value in the case of the text it replaces: all capitals when the text is and the lexicon's
 * form is not ("HER" → "HIM", but "US" stays an acronym's replacement "India"); a capital first
 * letter at the start of a sentence, or where the text has one and the form does not ("Her." →
 * "Him."); else as the lexicon writes it.
 */
function matchCase(value: string, m: Mention, sentenceStart: boolean): string {
  const letters = m.text.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && m.form !== m.form.toUpperCase()) return value.toUpperCase();
  const first = (s: string): string => s.match(/\p{L}/u)?.[0] ?? '';
  const isUpper = (c: string): boolean => c !== '' && c === c.toUpperCase() && c !== c.toLowerCase();
  if (sentenceStart || (isUpper(first(m.text)) && !isUpper(first(m.form)))) return capitalise(value);
  return value;
}
