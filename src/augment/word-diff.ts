/**
 * The swaps applied to a text, read off the text before and after: a word-level diff, so what is
 * recorded is what the perturbation engine really changed (a mention, the a/an before it, and in
 * other languages any word that agrees with it), whatever rules made the change. Pure.
 */
import type { Mention } from '../generate/index.js';
import type { WordSwap } from './types.js';

/** A changed stretch: `from` in the text before, `to` in the text after (half-open offsets). */
export interface Change extends WordSwap {
  fromStart: number;
  fromEnd: number;
  toStart: number;
  toEnd: number;
}

interface Token {
  text: string;
  start: number;
}

/** Words, runs of space, and single other characters: a swap never splits a word. */
const TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;

/** Past this many cells the middle is reported as one change rather than aligned (a few MB of table). */
const MAX_CELLS = 4_000_000;

function tokens(text: string, offset: number): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index + offset }));
}

/** True when offset `k` of `text` falls inside a word, or inside a character (a surrogate pair). */
function insideWord(text: string, k: number): boolean {
  if (k <= 0 || k >= text.length) return false;
  const prev = text.charCodeAt(k - 1);
  if (prev >= 0xd800 && prev <= 0xdbff) return true;
  return /[\p{L}\p{N}_]$/u.test(text.slice(Math.max(0, k - 2), k)) && /^[\p{L}\p{N}_]/u.test(text.slice(k, k + 2));
}

/**
 * The stretches that differ between `before` and `after`, in order. Changes inside one mention of
 * `before` ("the United States" → "Iraq", "Mary Ann" → "John Paul") are one change, spanning the
 * whole mention; other changes (an "a" that became "an") are changes of their own.
 */
export function changes(before: string, after: string, mentions: readonly Mention[] = []): Change[] {
  if (before === after) return [];
  // Only the stretch between the common beginning and end, cut where neither text is inside a
  // word, is tokenised and aligned.
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  while (head > 0 && (insideWord(before, head) || insideWord(after, head))) head--;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  while (tail > 0 && (insideWord(before, before.length - tail) || insideWord(after, after.length - tail))) tail--;
  const a = tokens(before.slice(head, before.length - tail), head);
  const b = tokens(after.slice(head, after.length - tail), head);
  const startOf = (ts: Token[], i: number, text: string): number => (i < ts.length ? (ts[i] as Token).start : text.length - tail);
  const raw: [number, number, number, number][] = []; // token index ranges [aStart, aEnd, bStart, bEnd]
  if (a.length * b.length > MAX_CELLS) raw.push([0, a.length, 0, b.length]);
  else raw.push(...alignedChanges(a, b));
  const found: Change[] = raw.map(([as, ae, bs, be]) => {
    const fromStart = startOf(a, as, before);
    const fromEnd = startOf(a, ae, before);
    const toStart = startOf(b, bs, after);
    const toEnd = startOf(b, be, after);
    return { from: before.slice(fromStart, fromEnd), to: after.slice(toStart, toEnd), fromStart, fromEnd, toStart, toEnd };
  });
  return mergeWithinMentions(found, mentions, before, after);
}

/** Longest-common-subsequence alignment of two token lists → the unmatched stretches. */
function alignedChanges(a: readonly Token[], b: readonly Token[]): [number, number, number, number][] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lcs = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const down = lcs[(i + 1) * width + j] ?? 0;
      const right = lcs[i * width + j + 1] ?? 0;
      lcs[i * width + j] = a[i]?.text === b[j]?.text ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(down, right);
    }
  }
  const out: [number, number, number, number][] = [];
  let i = 0;
  let j = 0;
  let open: [number, number] | undefined;
  const close = (): void => {
    if (open && (open[0] !== i || open[1] !== j)) out.push([open[0], i, open[1], j]);
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i]?.text === b[j]?.text) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= [i, j];
    // Delete before insert while it keeps the alignment longest: a changed stretch reads "old → new".
    if (j >= m || (i < n && (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) i++;
    else j++;
  }
  close();
  return out;
}

/**
 * Changes that fall inside one mention become one change spanning the mention, in both texts; so
 * does a change to the possessive after it ("Iraq's" → "the United States'").
 */
function mergeWithinMentions(found: Change[], mentions: readonly Mention[], before: string, after: string): Change[] {
  const out: Change[] = [];
  for (const c of found) {
    const mention = mentions.find((m) => c.fromStart >= m.start && c.fromEnd <= m.end && c.fromEnd > c.fromStart);
    const last = out[out.length - 1];
    if (mention && last && last.fromStart >= mention.start && last.fromEnd <= mention.end) {
      out[out.length - 1] = spanning(last, c, mention, before, after);
    } else if (mention) {
      out.push(spanning(c, c, mention, before, after));
    } else if (last && possessiveOf(last, c, mentions, before)) {
      out[out.length - 1] = stretch(last.fromStart, c.fromEnd, last.toStart, c.toEnd, before, after);
    } else {
      out.push(c);
    }
  }
  return out;
}

/** True when `c` changes only the possessive right after the whole-mention change `last`. */
function possessiveOf(last: Change, c: Change, mentions: readonly Mention[], before: string): boolean {
  if (!mentions.some((m) => m.start === last.fromStart && m.end === last.fromEnd)) return false;
  return c.fromStart >= last.fromEnd && c.fromEnd <= last.fromEnd + possessiveAt(before, last.fromEnd);
}

/** The change from `before[fromStart, fromEnd)` to `after[toStart, toEnd)`. */
function stretch(fromStart: number, fromEnd: number, toStart: number, toEnd: number, before: string, after: string): Change {
  return { from: before.slice(fromStart, fromEnd), to: after.slice(toStart, toEnd), fromStart, fromEnd, toStart, toEnd };
}

/** Length of the possessive ('s, ’s, or a bare apostrophe) at `i`, or 0. */
function possessiveAt(text: string, i: number): number {
  return /^['’]s?(?![\p{L}\p{N}_])/u.exec(text.slice(i))?.[0].length ?? 0;
}

/** One change from `first` to `last`, widened to the whole mention: what lies outside the changes is the same in both texts. */
function spanning(first: Change, last: Change, mention: Mention, before: string, after: string): Change {
  const toStart = first.toStart - (first.fromStart - mention.start);
  const toEnd = last.toEnd + (mention.end - last.fromEnd);
  return stretch(mention.start, mention.end, toStart, toEnd, before, after);
}

/** `after` with each changed stretch in lower case (a lower-cased corpus keeps its case). */
export function lowerChanged(after: string, found: readonly Change[]): string {
  let out = '';
  let cursor = 0;
  for (const c of found) {
    out += after.slice(cursor, c.toStart) + after.slice(c.toStart, c.toEnd).toLowerCase();
    cursor = c.toEnd;
  }
  return out + after.slice(cursor);
}
