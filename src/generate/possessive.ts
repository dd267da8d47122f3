/**
 * English possessives of words ending in s: a plural form takes a bare apostrophe ("the United
 * States' desert", "my sisters' house"), anything else 's ("Cyprus's", "James's"). Which words
 * are plural is data: lexicons/grammar/possessives.json.
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../shared/package-files.js';

interface PossessiveWords {
  plural: string[];
  singular: string[];
}

/** The grammar data, as read (the tests check it covers the built-in lexicons). */
export const POSSESSIVE_WORDS = JSON.parse(readFileSync(packageFile('lexicons', 'grammar', 'possessives.json'), 'utf8')) as PossessiveWords;
const PLURAL = new Set(POSSESSIVE_WORDS.plural.map((w) => w.toLowerCase()));

/** A possessive ending right at the start of a text: "'s" or a bare "'" (straight or curly). */
const ENDING = /^(['’])(s?)(?![\p{L}\p{N}])/u;

/** The last word of a value, e.g. "Philippines" of "the Republic of the Philippines". */
function lastWord(value: string): string {
  return value.trim().split(/\s+/).pop()?.replace(/[^\p{L}\p{N}]+$/u, '') ?? '';
}

/** True when a value's possessive is a bare apostrophe: its last word is a plural in s. */
export function takesBareApostrophe(value: string): boolean {
  return PLURAL.has(lastWord(value).toLowerCase());
}

/**
 * The possessive ending that should follow `value`, given the text that follows it: where that
 * text starts with "'s" or "'" marking a possessive, the ending `value` takes instead, else the
 * text unchanged. A bare "'" is only read as a possessive after `previous`, the word it followed
 * before a swap, when that was a plural in s (otherwise it may close a quotation).
 */
export function fixPossessive(value: string, following: string, previous?: string): string {
  const m = ENDING.exec(following);
  if (!m) return following;
  const [whole, apostrophe, s] = m as unknown as [string, string, string];
  if (s === '' && (previous === undefined || !takesBareApostrophe(previous))) return following;
  const ending = takesBareApostrophe(value) ? apostrophe : `${apostrophe}s`;
  return ending + following.slice(whole.length);
}
