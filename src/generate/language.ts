/**
 * The languages an audit may be written in: a typed table (code, name, doc line, where its
 * built-in lexicons live, which template constructs its grammar has). The grammar rules
 * themselves are data files under lexicons/grammar/.
 */

/** What the generator knows of one language. */
export interface LanguageInfo {
  name: string;
  doc: string;
  /** Folder of its built-in lexicons under lexicons/ ('' for the top level). */
  lexiconDir: string;
  /** Template constructs besides slots that its grammar implements, e.g. `a/an`. */
  constructs: readonly string[];
  /** How to write an article in this language, for the message on an `{a/an}` it cannot take. */
  articleHint?: string;
}

/** Every supported language. A spec's `language:` is one of these codes. */
export const LANGUAGES: Readonly<Record<'en' | 'es', LanguageInfo>> = {
  en: {
    name: 'English',
    doc: "English: {a/an}, possessives ('s, or ' after a plural in s), pronoun roles in corpora",
    lexiconDir: '',
    constructs: ['a/an'],
  },
  es: {
    name: 'Spanish',
    doc: 'Spanish: de el → del, a el → al; gender agreement through fields declared by: gender; noun-phrase agreement in corpora',
    lexiconDir: 'es',
    constructs: [],
    articleHint: 'take the article from the gender lexicon, which agrees with the person: {gender.indefinite} (una / un) or {gender.article} (la / el)',
  },
};

/** A supported language code. */
export type Language = keyof typeof LANGUAGES;

/** The codes, for the spec schema's enum. */
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [Language, ...Language[]];

/** The default language of a spec and of a lexicon that declares none. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** True for a supported language code. */
export function isLanguage(code: string): code is Language {
  return Object.hasOwn(LANGUAGES, code);
}

/** The languages whose grammar has a construct (e.g. `a/an` → English). */
export function languagesWith(construct: string): Language[] {
  return LANGUAGE_CODES.filter((code) => LANGUAGES[code].constructs.includes(construct));
}
