/**
 * Lower-cased corpora (GLUE's SST-2 is one): the perturbation engine finds a form written with a
 * capital ("France", "Mr.") only as written or in capitals, so in "i loved france" it finds
 * nothing. Here every form is lower-cased, so it is found in any case and written in lower case;
 * the forms whose capital letter was all that told them apart from a common English word
 * ("China" / china, "Turkey" / turkey, "the US" / us, "French" / to french, "Miss" / to miss) are
 * not searched for. Pure.
 */
import { fieldInfo, formsOf, isCommonEnglishWord, type Form, type Lexicon } from '../generate/index.js';
import { formKey } from './quick-finder.js';

/** A lexicon for a lower-cased corpus, and the forms not to search for. */
export interface LowerCased {
  lexicon: Lexicon;
  /** Keys (formKey) of the forms not searched for. */
  dropped: Set<string>;
  /** The same, sorted, for the summary. */
  leftOut: string[];
}

function lowerForm(form: Form): Form {
  if (typeof form === 'string') return form.toLowerCase();
  if (Array.isArray(form)) return form.map((f) => f.toLowerCase());
  const lower = (v: string | string[]): string | string[] => (typeof v === 'string' ? v.toLowerCase() : v.map((f) => f.toLowerCase()));
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, lower(v)]));
}

/** The lexicon with every form lower-cased, and the forms that would read common words as mentions. */
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
        for (const f of bare === form ? [form] : [form, bare]) (f === f.toLowerCase() ? alreadyLower : capitalised).add(formKey(f));
      }
    }
  }
  const dropped = new Set<string>();
  for (const f of capitalised) {
    const bare = f.replace(/^the /, '');
    if (!alreadyLower.has(f) && (isCommonEnglishWord(f) || isCommonEnglishWord(bare))) dropped.add(f);
  }
  return { lexicon: lowered, dropped, leftOut: [...dropped].sort() };
}
