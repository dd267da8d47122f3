/**
 * A word doubled by a slot: "The {religion.adjective} {religion.place_of_worship}" gives "The
 * Hindu Hindu temple" for one group and "The Christian church" for another, so the audit would
 * score a typo as if it were the group. Words a language may correctly repeat ("I gave her her
 * book") are listed in lexicons/grammar/doubled-words.json.
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../shared/package-files.js';
import type { Language } from './language.js';

const DATA = JSON.parse(readFileSync(packageFile('lexicons', 'grammar', 'doubled-words.json'), 'utf8')) as { allowed: Record<string, string[]> };
const ALLOWED = new Map(Object.entries(DATA.allowed).map(([lang, words]) => [lang, new Set(words.map((w) => w.toLowerCase()))]));

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The first word that stands twice in a row where at least one of the two comes from a slot, or
 * undefined.
 * @param spans where the slot values lie in `text` (start inclusive, end exclusive).
 */
export function doubledWord(text: string, spans: readonly { start: number; end: number }[], language: Language): string | undefined {
  const allowed = ALLOWED.get(language) ?? new Set<string>();
  const inSlot = (start: number, end: number): boolean => spans.some((s) => start < s.end && end > s.start);
  let previous: { word: string; start: number; end: number } | undefined;
  for (const m of text.matchAll(WORD)) {
    const current = { word: m[0], start: m.index, end: m.index + m[0].length };
    const between = previous ? text.slice(previous.end, current.start) : '';
    if (previous && /^\s+$/.test(between) && previous.word.toLowerCase() === current.word.toLowerCase()) {
      if (!allowed.has(current.word.toLowerCase()) && (inSlot(previous.start, previous.end) || inSlot(current.start, current.end))) return current.word;
    }
    previous = current;
  }
  return undefined;
}
