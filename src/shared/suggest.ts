import { distance } from 'fastest-levenshtein';

/**
 * The candidates closest to a misspelled word (all that tie, at most three), or [] when none
 * is close enough to be a plausible typo: Levenshtein distance 1 for words of up to three
 * letters, else up to max(2, a third of the word), so a swapped pair ("lable") is caught.
 */
export function closestMatches(word: string, candidates: readonly string[]): string[] {
  const allowed = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d > allowed || d > bestDistance) continue;
    if (d < bestDistance) {
      best = [];
      bestDistance = d;
    }
    best.push(c);
  }
  return best.slice(0, 3);
}

/** The closest candidate, or undefined when none is a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return closestMatches(word, candidates)[0];
}

/** ` (did you mean "x"?)`, ` (did you mean "x" or "y"?)`, or the empty string. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const matches = closestMatches(word, candidates).map((m) => `"${m}"`);
  if (matches.length === 0) return '';
  const last = matches.pop() as string;
  return ` (did you mean ${matches.length ? `${matches.join(', ')} or ` : ''}${last}?)`;
}
