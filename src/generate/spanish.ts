/**
 * Spanish grammar, read from lexicons/grammar/es.json: contractions (de el → del, a el → al),
 * the articles, and the agreement tables corpus perturbation uses (determiners, adjectives,
 * copulas, words known not to agree, endings that may mark agreement).
 */
import { existsSync, readFileSync } from 'node:fs';
import { packageFile } from '../shared/package-files.js';

interface SpanishData {
  contractions: { preposition: string; article: string; becomes: string }[];
  articles: string[];
  determiners: [string, string][];
  prenominal: [string, string][];
  adjectives: [string, string, string, string][];
  adjectives_from: { lexicon: string; fields: [string, string, string, string] };
  copulas: string[];
  degree: string[];
  negation: string[];
  closed_words: string[];
  gendered_endings: { female: string[]; male: string[] };
}

const DATA = JSON.parse(readFileSync(packageFile('lexicons', 'grammar', 'es.json'), 'utf8')) as SpanishData;

/** Definite articles, lower case: dropped from a form to find the name without it. */
export const SPANISH_ARTICLES: readonly string[] = DATA.articles;

/**
 * Contracts a preposition at the end of `before` with an article that begins `value`:
 * ("Soy de ", "el Perú") → ("Soy del", " Perú"). Only the lower-case article contracts ("de El
 * Salvador" stays), and the case of the preposition is kept ("De" → "Del", "DE" → "DEL").
 */
export function contractBefore(before: string, value: string): { before: string; value: string } {
  for (const c of DATA.contractions) {
    const art = new RegExp(`^${c.article}(?![\\p{L}\\p{N}])`, 'u');
    if (!art.test(value)) continue;
    const prep = new RegExp(`(^|[^\\p{L}\\p{N}])(${c.preposition})\\s+$`, 'iu');
    const m = prep.exec(before);
    if (!m) continue;
    const written = m[2] as string;
    const becomes = written === written.toUpperCase() && written !== written.toLowerCase() ? c.becomes.toUpperCase() : written[0] === written[0]?.toUpperCase() ? c.becomes[0]?.toUpperCase() + c.becomes.slice(1) : c.becomes;
    return { before: before.slice(0, m.index) + (m[1] as string) + becomes, value: value.slice(c.article.length) };
  }
  return { before, value };
}

/** The contracted forms (del, al) with the preposition each holds. */
export const SPANISH_CONTRACTIONS: readonly { preposition: string; article: string; becomes: string }[] = DATA.contractions;

/** Agreement tables for corpus perturbation, between the groups female and male. */
export interface SpanishAgreement {
  /** Determiner (one or two words, lower case) → its form for the other gender. */
  determiner: Map<string, { gender: 'female' | 'male'; other: string }>;
  /** Adjective → its gender and the form for the other gender. */
  adjective: Map<string, { genders: ('female' | 'male')[]; other: string }>;
  /** The same, before a noun, where "buen" pairs with "buena" (after one, "bueno" does). */
  prenominal: Map<string, { genders: ('female' | 'male')[]; other: string }>;
  copulas: Set<string>;
  degree: Set<string>;
  negation: Set<string>;
  closed: Set<string>;
  endings: { female: string[]; male: string[] };
}

let agreement: SpanishAgreement | undefined;

/** The agreement tables, read once (adjectives: the data file's and the demonyms of the lexicon it names). */
export function spanishAgreement(): SpanishAgreement {
  if (agreement) return agreement;
  const determiner = new Map<string, { gender: 'female' | 'male'; other: string }>();
  for (const [f, m] of DATA.determiners) {
    determiner.set(f, { gender: 'female', other: m });
    determiner.set(m, { gender: 'male', other: f });
  }
  const adjective = new Map<string, { genders: ('female' | 'male')[]; other: string }>();
  const add = (f: string, m: string): void => {
    if (f === m) return; // invariable: nothing to swap
    adjective.set(f.toLowerCase(), { genders: ['female'], other: m });
    adjective.set(m.toLowerCase(), { genders: ['male'], other: f });
  };
  const quads: [string, string, string, string][] = [...DATA.adjectives];
  const file = packageFile('lexicons', ...DATA.adjectives_from.lexicon.split('/'));
  if (existsSync(file)) {
    const lexicon = JSON.parse(readFileSync(file, 'utf8')) as { groups: { forms: Record<string, unknown> }[] };
    for (const g of lexicon.groups) {
      const forms = DATA.adjectives_from.fields.map((f) => g.forms[f]);
      if (forms.every((x) => typeof x === 'string')) quads.push(forms as [string, string, string, string]);
    }
  }
  for (const [f, m, fp, mp] of quads) {
    add(f, m);
    add(fp, mp);
  }
  const prenominal = new Map(adjective);
  for (const [f, m] of DATA.prenominal) {
    prenominal.set(f, { genders: ['female'], other: m });
    prenominal.set(m, { genders: ['male'], other: f });
  }
  agreement = {
    determiner,
    adjective,
    prenominal,
    copulas: new Set(DATA.copulas),
    degree: new Set(DATA.degree),
    negation: new Set(DATA.negation),
    closed: new Set(DATA.closed_words),
    endings: DATA.gendered_endings,
  };
  return agreement;
}
