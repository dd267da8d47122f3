/**
 * Spanish agreement in corpus perturbation: when a gendered noun is swapped ("ingeniera" →
 * "ingeniero"), the words that agree with it within its noun phrase follow (determiner before it,
 * adjectives before and after it), and so does the complement of a copula after it or after a
 * pronoun or name ("ella es alta" → "él es alto"). The tables are lexicons/grammar/es.json.
 *
 * Safe by rule only: a word right after the noun or the copula that is in no table but has an
 * ending that may mark agreement ("pelirroja") makes the row unsafe, and it is counted with the
 * reason instead of swapped half-way.
 */
import { spanishAgreement } from './spanish.js';

/** A replacement of text[start, end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A swapped mention: where it is, and whether it heads a noun phrase or is one (él, María). */
export interface AgreeingMention {
  start: number;
  end: number;
  kind: 'noun' | 'standalone';
}

type Gender = 'female' | 'male';

interface Token {
  word: string;
  lower: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The edits that make every word agreeing with a swapped mention take the target gender, or why
 * that cannot be done safely.
 * @param from the gender of the original text; the edits give the other one.
 */
export function agreementEdits(text: string, mentions: readonly AgreeingMention[], from: Gender): { edits: Edit[] } | { unsafe: string } {
  const t = spanishAgreement();
  const tokens: Token[] = [...text.matchAll(WORD)].map((m) => ({ word: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  const isMention = (k: Token): boolean => mentions.some((m) => k.start >= m.start && k.end <= m.end);
  // Two tokens belong to one phrase when only spaces stand between them.
  const joined = (a: Token | undefined, b: Token | undefined): boolean => a !== undefined && b !== undefined && /^\s+$/.test(text.slice(a.end, b.start));
  const edits = new Map<number, Edit>();
  const swap = (start: number, end: number, original: string, other: string): void => {
    edits.set(start, { start, end, text: keepCase(other, original) });
  };
  const endsGendered = (k: Token): boolean => t.endings[from].some((e) => k.lower.endsWith(e) && k.lower.length > e.length + 1);
  const unknown = (k: Token): boolean => !t.adjective.has(k.lower) && !t.determiner.has(k.lower) && !t.closed.has(k.lower) && !t.copulas.has(k.lower) && !t.degree.has(k.lower) && !isMention(k);
  const adjectiveOf = (k: Token, table = t.adjective): string | undefined => {
    const a = table.get(k.lower);
    return a && a.genders.includes(from) ? a.other : undefined;
  };

  for (const m of mentions) {
    const first = tokens.findIndex((k) => k.start >= m.start);
    let last = first;
    while (last + 1 < tokens.length && (tokens[last + 1] as Token).end <= m.end) last++;
    if (first < 0) continue;
    let after = last + 1;
    if (m.kind === 'noun') {
      // Before the noun: adjectives that agree, then one determiner ("la nueva ingeniera").
      let k = first - 1;
      while (k >= 0 && joined(tokens[k], tokens[k + 1]) && !isMention(tokens[k] as Token) && adjectiveOf(tokens[k] as Token, t.prenominal) !== undefined) {
        const tok = tokens[k] as Token;
        swap(tok.start, tok.end, tok.word, adjectiveOf(tok, t.prenominal) as string);
        k--;
      }
      // "una X ingeniera": a word between a determiner and the noun is an adjective; unknown, it is unsafe.
      const between = tokens[k];
      if (between && k >= 1 && joined(tokens[k - 1], between) && joined(between, tokens[k + 1]) && unknown(between) && endsGendered(between) && t.determiner.get((tokens[k - 1] as Token).lower)?.gender === from) {
        return { unsafe: unsafe(between.word, tokens[k - 1] as Token) };
      }
      const one = tokens[k];
      const two = k >= 1 && joined(tokens[k - 1], one) ? `${(tokens[k - 1] as Token).lower} ${one?.lower}` : undefined;
      const det2 = two === undefined ? undefined : t.determiner.get(two);
      const det1 = one && joined(one, tokens[k + 1]) ? t.determiner.get(one.lower) : undefined;
      if (det2 && det2.gender === from) swap((tokens[k - 1] as Token).start, (one as Token).end, text.slice((tokens[k - 1] as Token).start, (one as Token).end), det2.other);
      else if (one && det1 && det1.gender === from) swap(one.start, one.end, one.word, det1.other);
      // After the noun: adjectives that agree, until a word that surely does not.
      while (after < tokens.length && joined(tokens[after - 1], tokens[after])) {
        const tok = tokens[after] as Token;
        const other = adjectiveOf(tok);
        if (other !== undefined) swap(tok.start, tok.end, tok.word, other);
        else if (unknown(tok) && endsGendered(tok)) return { unsafe: unsafe(tok.word, tokens[after - 1] as Token) };
        else break;
        after++;
      }
    }
    const problem = predicate(tokens, after, joined, swap, adjectiveOf, unknown, endsGendered);
    if (problem !== undefined) return { unsafe: problem };
  }
  return { edits: [...edits.values()].sort((a, b) => a.start - b.start) };
}

/** The complement of a copula right after a mention ("es muy alta y simpática"); a reason when unsafe. */
function predicate(
  tokens: readonly Token[],
  at: number,
  joined: (a: Token | undefined, b: Token | undefined) => boolean,
  swap: (start: number, end: number, original: string, other: string) => void,
  adjectiveOf: (k: Token) => string | undefined,
  unknown: (k: Token) => boolean,
  endsGendered: (k: Token) => boolean,
): string | undefined {
  const t = spanishAgreement();
  let k = at;
  if (t.negation.has(tokens[k]?.lower ?? '') && joined(tokens[k - 1], tokens[k])) k++;
  if (!t.copulas.has(tokens[k]?.lower ?? '') || !joined(tokens[k - 1], tokens[k])) return undefined;
  const copula = tokens[k] as Token;
  k++;
  while (t.degree.has(tokens[k]?.lower ?? '') && joined(tokens[k - 1], tokens[k])) k++;
  for (; k < tokens.length && joined(tokens[k - 1], tokens[k]); k++) {
    const tok = tokens[k] as Token;
    const other = adjectiveOf(tok);
    if (other !== undefined) {
      swap(tok.start, tok.end, tok.word, other);
      // "alta y simpática": the adjective after a conjunction agrees too.
      const next = tokens[k + 1];
      if (next && ['y', 'e', 'pero'].includes(next.lower) && joined(tok, next)) k++;
      continue;
    }
    if (unknown(tok) && endsGendered(tok)) return unsafe(tok.word, copula);
    return undefined;
  }
  return undefined;
}

function unsafe(word: string, after: Token): string {
  return `"${word}" after "${after.word}" may agree with the swapped word and is in no agreement table (lexicons/grammar/es.json)`;
}

/** `value` in the case of `original`: all capitals, a capital first letter, or as written. */
function keepCase(value: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return value.toUpperCase();
  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}
