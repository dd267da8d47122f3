/**
 * a/an before a word. The `indefinite` package decides by the word's sound (an hour, a European,
 * an MBA); lexicons/grammar/articles.json lists the words it gets wrong, checked against every
 * demonym of the countries lexicon.
 */
import { readFileSync } from 'node:fs';
import indefinite from 'indefinite';
import { packageFile } from '../shared/package-files.js';

interface Exceptions {
  a: string[];
  an: string[];
}

const EXCEPTIONS = JSON.parse(readFileSync(packageFile('lexicons', 'grammar', 'articles.json'), 'utf8')) as Exceptions & { $comment?: unknown };
const FORCE_A = new Set(EXCEPTIONS.a.map((w) => w.toLowerCase()));
const FORCE_AN = new Set(EXCEPTIONS.an.map((w) => w.toLowerCase()));

/** "a" or "an" for the word that follows it (its first word, when given a phrase). */
export function articleFor(following: string): 'a' | 'an' {
  const word = (following.trim().split(/\s+/)[0] ?? '').replace(/^[^\p{L}\p{N}]+/u, '');
  if (word === '') return 'a';
  const key = word.toLowerCase().replace(/[^\p{L}\p{N}'-]+$/u, '');
  if (FORCE_A.has(key)) return 'a';
  if (FORCE_AN.has(key)) return 'an';
  return indefinite(word, { articleOnly: true }) === 'an' ? 'an' : 'a';
}
