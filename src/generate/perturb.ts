/**
 * Corpus perturbation: each real sentence that mentions one group of an axis becomes a set of
 * the original plus one counterfactual per other group, with every mention swapped. Pure.
 *
 * A row gives no set for an axis when it mentions none of its words, when a word could belong to
 * several groups ("Dominican"), when it mentions several groups (she … his), or when the group it
 * mentions is not one of the axis's groups; a row that gives no set at all is reported with why.
 *
 * English: "a"/"an" before a swapped word follows the new word, and a possessive follows it too
 * ("Iraq's" → "the United States'"). Spanish: the words that agree with a swapped gendered word
 * follow it within its noun phrase and a copula's complement (agreement.ts); "de"/"a" before a
 * swapped "el …" contract ("del Perú"); a row where that cannot be done safely by rule is
 * reported with why instead.
 */
import { agreementEdits, type AgreeingMention, type Edit } from './agreement.js';
import { articleFor } from './article.js';
import type { CorpusRow, CorpusTable } from './corpus-read.js';
import { fieldInfo, formsOf } from './fields.js';
import { stableId } from './hash.js';
import { DEFAULT_LANGUAGE, type Language } from './language.js';
import { mentionFinder, type Mention, type MentionFinder, type MentionSense } from './mentions.js';
import { fixPossessive } from './possessive.js';
import { pronounRole } from './pronoun-role.js';
import { contractBefore, spanishAgreement, SPANISH_ARTICLES } from './spanish.js';
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

/** How to perturb: the corpus's language (English by default), which picks the grammar rules. */
export interface PerturbOptions {
  language?: Language;
}

/** Perturbs every row of a corpus along every axis given, in row order, then axis order. */
export function perturbCorpus(corpus: CorpusTable, axes: readonly PerturbAxis[], options: PerturbOptions = {}): PerturbResult {
  const language = options.language ?? DEFAULT_LANGUAGE;
  const finders = axes.map((a) => ({ ...a, finder: a.finder ?? mentionFinder(a.lexicon, language) }));
  const sets: CounterfactualSet[] = [];
  const skipped: PerturbResult['skipped'] = [];
  for (const row of corpus.rows) {
    const reasons: string[] = [];
    const before = sets.length;
    for (const a of finders) {
      const result = perturbRow(corpus.file, row, a.axis, a.lexicon, a.finder, language);
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
function perturbRow(file: string, row: CorpusRow, axis: AxisInfo, lexicon: Lexicon, finder: MentionFinder, language: Language): CounterfactualSet | string {
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

  const swapped = new Map<string, string[]>();
  for (const group of axis.groups) {
    if (group === original) continue;
    const out: string[] = [];
    for (const [i, t] of texts.entries()) {
      const result = swapAll(t, found[i] as Mention[], original, group, lexicon, language);
      if (typeof result !== 'string') return result.unsafe;
      out.push(result);
    }
    swapped.set(group, out);
  }
  const setId = stableId('corpus', file, String(row.row), axis.name, ...texts);
  const firstText = (found[0]?.length ?? 0) > 0 ? 0 : 1;
  const first = all[0] as Mention;
  const sentences: Sentence[] = axis.groups.map((group) => {
    const [text, textPair] = (swapped.get(group) ?? texts) as [string, string | undefined];
    return {
      id: stableId(setId, group, text, textPair ?? ''),
      set_id: setId,
      corpus_row: row.row,
      groups: { [axis.name]: group },
      text,
      ...(textPair !== undefined ? { text_pair: textPair } : {}),
      values: { [axis.name]: group === original ? first.text : (replacement(first, texts[firstText] as string, group, lexicon, language) ?? first.text) },
      ...(group === original ? { original: true } : {}),
    };
  });
  return { id: setId, corpus_row: row.row, axes: [axis.name], ...(row.label !== undefined ? { label: row.label } : {}), sentences };
}

/** The text with every mention swapped for the target group's form and the grammar around it fixed, or why that is unsafe. */
function swapAll(text: string, mentions: readonly Mention[], original: string, target: string, lexicon: Lexicon, language: Language): string | { unsafe: string } {
  const edits: (Edit & { mention?: Mention })[] = [];
  for (const m of mentions) {
    const value = replacement(m, text, target, lexicon, language);
    if (value === undefined) return { unsafe: `"${m.text}" could be ${m.senses.map((s) => s.field).join(' or ')} here, and the ${target} forms differ` };
    edits.push({ start: m.start, end: m.end, text: value, mention: m });
  }
  if (language === 'es' && isGender(original) && isGender(target)) {
    const agreeing: AgreeingMention[] = mentions.map((m) => ({ start: m.start, end: m.end, kind: standalone(m, lexicon) ? 'standalone' : 'noun' }));
    const agreement = agreementEdits(text, agreeing, original);
    if ('unsafe' in agreement) return agreement;
    edits.push(...agreement.edits);
    edits.sort((a, b) => a.start - b.start);
  }
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    let head = text.slice(cursor, e.start);
    let value = e.text;
    if (language === 'en' && e.mention) {
      // "a German" → "an Iraqi": the article before a swapped word follows the new word.
      head = head.replace(/(^|[^\p{L}\p{N}])(a|an|A|An|AN)(\s+)$/u, (_all, pre: string, art: string, space: string) => `${pre}${articleCase(articleFor(value), art)}${space}`);
    }
    out += head;
    if (language === 'es') ({ before: out, value } = contractBefore(out, value));
    out += value;
    cursor = e.end;
    if (language === 'en' && e.mention) {
      // "Iraq's" → "the United States'", and back.
      const ending = /^['’]s?(?![\p{L}\p{N}])/u.exec(text.slice(cursor))?.[0];
      if (ending !== undefined) {
        out += fixPossessive(value, ending, e.mention.text);
        cursor += ending.length;
      }
    }
  }
  return out + text.slice(cursor);
}

function isGender(group: string): group is 'female' | 'male' {
  return group === 'female' || group === 'male';
}

/** A mention that is a whole noun phrase (a pronoun, a name) rather than the head of one. */
function standalone(m: Mention, lexicon: Lexicon): boolean {
  return m.senses.every((s) => {
    const info = fieldInfo(lexicon, s.field);
    return info.role === 'standalone' || info.names === true;
  });
}

/** What one mention becomes for the target group, in the mention's case; undefined when its sense cannot be told and the forms differ. */
function replacement(m: Mention, text: string, target: string, lexicon: Lexicon, language: Language): string | undefined {
  const candidates = pickSenses(m.senses, text, m, lexicon, language).map((sense) => ({ sense, value: valueFor(sense, m, target, lexicon, language) }));
  if (new Set(candidates.map((c) => c.value)).size > 1) return undefined;
  const chosen = candidates[0] as { sense: MentionSense; value: string };
  let value = chosen.value;
  if (chosen.sense.lead !== undefined) {
    const joined = contractBefore(`${chosen.sense.lead} `, value);
    value = joined.before + joined.value;
  }
  // Spanish: the case the lexicon writes the matched sense in ("Argentina" the name, not "argentina").
  const form = language === 'es' && chosen.sense.lead === undefined ? ownForm(chosen.sense, lexicon, language) : m.form;
  return matchCase(value, { ...m, form }, startsSentence(text.slice(0, m.start)));
}

/** The form a sense was found as: its own group's form of its field (without the article when found bare). */
function ownForm(sense: MentionSense, lexicon: Lexicon, language: Language): string {
  const own = lexicon.groups.find((g) => g.group === sense.group);
  const form = (own && formsOf(own, sense.field)?.[sense.index]) ?? '';
  if (!sense.bare) return form;
  return language === 'es' ? form.replace(new RegExp(`^(?:${SPANISH_ARTICLES.join('|')})\\s+`), '') : form.replace(/^the\s+/i, '');
}

/** The target group's form for one sense of a mention, before case is matched. */
function valueFor(sense: MentionSense, m: Mention, target: string, lexicon: Lexicon, language: Language): string {
  const info = fieldInfo(lexicon, sense.field);
  const field = typeof info.swap === 'string' ? info.swap : sense.field;
  const group = lexicon.groups.find((g) => g.group === target);
  const forms = (group && formsOf(group, field)) ?? [];
  const paired = fieldInfo(lexicon, field).paired !== undefined && field === sense.field;
  let value = (paired ? forms[sense.index] : forms[0]) ?? forms[0] ?? m.text;
  if (sense.bare) value = language === 'es' ? value.replace(new RegExp(`^(?:${SPANISH_ARTICLES.join('|')})\\s+`), '') : value.replace(/^the\s+/i, '');
  return value;
}

/** The article in the case of the one it replaces (a → an, A → An, AN → A). */
function articleCase(article: string, old: string): string {
  if (old.length > 1 && old === old.toUpperCase()) return article.toUpperCase();
  return old.charAt(0) === old.charAt(0).toUpperCase() ? capitalise(article) : article;
}

/**
 * Where one word is several fields of its group, the ones whose role fits: English by the
 * words after it (her: object or possessive), Spanish by a determiner before it ("una iraquí":
 * feminine). Every sense when nothing decides.
 */
function pickSenses(senses: readonly MentionSense[], text: string, m: Mention, lexicon: Lexicon, language: Language): MentionSense[] {
  if (senses.length === 1) return [...senses];
  if (language === 'es') {
    let left = [...senses];
    // "Argentina" the country, "argentina" the demonym: mid-sentence, the capital tells them apart.
    if (!startsSentence(text.slice(0, m.start)) && m.text !== m.text.toUpperCase()) {
      const sameCase = left.filter((s) => s.lead !== undefined || isUpperFirst(ownForm(s, lexicon, language)) === isUpperFirst(m.text));
      if (sameCase.length > 0) left = sameCase;
    }
    const role = spanishRole(text.slice(0, m.start));
    const fitting = role === undefined ? [] : left.filter((s) => fieldInfo(lexicon, s.field).role === role);
    if (fitting.length > 0) return fitting;
    // "México" is both the name and the name with its (absent) article: the plain name wins.
    const plain = left.filter((s) => s.field === lexicon.default_field);
    return plain.length > 0 ? plain : left;
  }
  const role = pronounRole(text.slice(m.end));
  return [senses.find((s) => fieldInfo(lexicon, s.field).role === role) ?? (senses[0] as MentionSense)];
}

function isUpperFirst(s: string): boolean {
  const c = s.match(/\p{L}/u)?.[0] ?? '';
  return c !== '' && c === c.toUpperCase() && c !== c.toLowerCase();
}

/** Spanish: the gender a determiner right before a word (or before one word before it) gives it. */
function spanishRole(before: string): 'feminine' | 'masculine' | undefined {
  const m = /(?:(\p{L}+)\s+)?(\p{L}+)\s+$/u.exec(before.toLowerCase());
  const table = spanishAgreement().determiner;
  for (const w of [m?.[2], m?.[1]]) {
    const d = w === undefined ? undefined : table.get(w);
    if (d) return d.gender === 'female' ? 'feminine' : 'masculine';
  }
  return undefined;
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
