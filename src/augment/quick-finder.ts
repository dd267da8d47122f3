/**
 * The finder augment uses: the engine's `mentionFinder`, made fast for training sets. The engine's
 * finder is one regular expression over every form of a lexicon; over the countries lexicon (some
 * 800 forms) it costs milliseconds a text, minutes for a training set, although most texts mention
 * no group at all. Here a text goes to a finder over only the groups that have a form whose every
 * word is among the text's words (a form of any other group cannot match), compiled once per such
 * combination of groups. The mentions are the same. Pure.
 */
import { DEFAULT_LANGUAGE, fieldInfo, formsOf, mentionFinder, type Language, type Lexicon, type MentionFinder } from '../generate/index.js';

const WORD = /[\p{L}\p{N}_]+/gu;

const wordsOf = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

/** A form's key as the engine compares forms: lower case, single spaces, straight apostrophes. */
export const formKey = (form: string): string => form.trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();

/** Articles a form may be found without (the engine's rule is narrower; a wider one only lets more texts through). */
const ARTICLE = /^(?:the|el|la|los|las)\s+/i;

/**
 * What `mentionFinder(lexicon, language)` finds, less the mentions of the forms in `dropped` (form keys).
 */
export function quickFinder(
  lexicon: Lexicon,
  dropped: ReadonlySet<string> = new Set(),
  language: Language = DEFAULT_LANGUAGE,
): MentionFinder {
  const keep = (finder: MentionFinder): MentionFinder =>
    dropped.size === 0 ? finder : { find: (text) => finder.find(text).filter((m) => !dropped.has(formKey(m.form))) };
  // First word of a form → the words of that form and its group.
  const byFirst = new Map<string, { words: string[]; group: number }[]>();
  for (const field of Object.keys(lexicon.fields)) {
    const info = fieldInfo(lexicon, field);
    if (!info.swap || info.by !== undefined) continue;
    lexicon.groups.forEach((group, g) => {
      for (const form of formsOf(group, field) ?? []) {
        // A form with "the" (Spanish: an article) is also found without it: the words after it are
        // in every match, contracted ones ("del Perú") too.
        const words = wordsOf(form.replace(ARTICLE, ''));
        const first = words[0];
        if (first !== undefined) byFirst.set(first, [...(byFirst.get(first) ?? []), { words, group: g }]);
      }
    });
  }
  const compiled = new Map<string, MentionFinder>();
  return {
    find(text) {
      const words = new Set(wordsOf(text));
      const groups = new Set<number>();
      for (const word of words) {
        for (const form of byFirst.get(word) ?? []) if (form.words.every((w) => words.has(w))) groups.add(form.group);
      }
      if (groups.size === 0) return [];
      const chosen = [...groups].sort((a, b) => a - b);
      const key = chosen.join(',');
      let finder = compiled.get(key);
      if (finder === undefined) {
        const groupsOf = chosen.map((g) => lexicon.groups[g] as Lexicon['groups'][number]);
        compiled.set(key, (finder = keep(mentionFinder({ ...lexicon, groups: groupsOf }, language))));
      }
      return finder.find(text);
    },
  };
}
