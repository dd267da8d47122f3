/**
 * Lower-cased corpora (GLUE's SST-2 is one): the perturbation engine finds a form written with a
 * capital ("France", "Mr.") only as written or in capitals, so in "i loved france" it finds
 * nothing. Here every form is lower-cased, so it is found in any case and written in lower case;
 * the forms whose capital letter was all that told them apart from a common English word
 * ("China" / china, "Turkey" / turkey, "the US" / us, "French" / to french, "Miss" / to miss) are
 * not searched for. Pure.
 */
import { fieldInfo, formsOf, isCommonEnglishWord, mentionFinder, type Form, type Lexicon, type MentionFinder } from '../generate/index.js';

/** A lexicon and finder for a lower-cased corpus, and the forms left out of the search. */
export interface LowerCased {
  lexicon: Lexicon;
  finder: MentionFinder;
  /** Lower-cased forms not searched for, sorted. */
  leftOut: string[];
}

const key = (form: string): string => form.trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();

function lowerForm(form: Form): Form {
  if (typeof form === 'string') return form.toLowerCase();
  if (Array.isArray(form)) return form.map((f) => f.toLowerCase());
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v.toLowerCase() : v.map((f) => f.toLowerCase())]));
}

/** The lexicon with every form lower-cased, and a finder without the forms that would read common words as mentions. */
export function lowerCased(lexicon: Lexicon): LowerCased {
  const lowered: Lexicon = {
    ...lexicon,
    groups: lexicon.groups.map((g) => ({ ...g, forms: Object.fromEntries(Object.entries(g.forms).map(([f, v]) => [f, lowerForm(v)])) })),
  };
  const alreadyLower = new Set<string>();
  const capitalised = new Set<string>();
  for (const field of Object.keys(lexicon.fields)) {
    const info = fieldInfo(lexicon, field);
    if (!info.swap || info.by !== undefined) continue;
    for (const group of lexicon.groups) {
      for (const form of formsOf(group, field) ?? []) {
        const bare = form.replace(/^the\s+/i, '');
        for (const f of bare === form ? [form] : [form, bare]) (f === f.toLowerCase() ? alreadyLower : capitalised).add(key(f));
      }
    }
  }
  const dropped = new Set<string>();
  for (const f of capitalised) {
    const bare = f.replace(/^the /, '');
    if (!alreadyLower.has(f) && (isCommonEnglishWord(f) || isCommonEnglishWord(bare))) dropped.add(f);
  }
  const inner = mentionFinder(lowered);
  return {
    lexicon: lowered,
    finder: { find: (text) => inner.find(text).filter((m) => !dropped.has(key(m.form))) },
    leftOut: [...dropped].sort(),
  };
}
