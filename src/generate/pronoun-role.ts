/**
 * The role of a word that is two fields of one group (her: object or possessive; his: possessive
 * determiner or possessive pronoun), decided by the words after it. The word lists and the rule
 * are in lexicons/grammar/pronoun-roles.json.
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../shared/package-files.js';

interface RoleWords {
  degree: string[];
  standalone_before: string[];
}

const WORDS = JSON.parse(readFileSync(packageFile('lexicons', 'grammar', 'pronoun-roles.json'), 'utf8')) as RoleWords;
const DEGREE = new Set(WORDS.degree);
const STANDALONE_BEFORE = new Set(WORDS.standalone_before);
const WORD = /^\s*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u;

/**
 * "standalone" when the text after the pronoun ends, starts with punctuation, or starts with a
 * closed-class word (after any degree words); else "determiner" (a noun phrase follows).
 * @param after the text right after the pronoun.
 */
export function pronounRole(after: string): 'determiner' | 'standalone' {
  let rest = after;
  for (;;) {
    const m = WORD.exec(rest);
    if (!m) return 'standalone';
    const word = (m[1] as string).toLowerCase();
    if (DEGREE.has(word)) {
      rest = rest.slice(m[0].length);
      continue;
    }
    return STANDALONE_BEFORE.has(word) ? 'standalone' : 'determiner';
  }
}
