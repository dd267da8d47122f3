/**
 * From an LLM's answers to label probabilities. Pure: prompts in, numbers out.
 *
 * - **first token**: the answer's first token and its alternatives, with log-probabilities. A
 *   token counts for a label when, leading whitespace (and the `Ġ`/`▁` space markers some
 *   servers leave in) removed, it begins one of the label's verbalizers, case ignored: "Pos"
 *   and "positive" both count for "positive". A token that begins verbalizers of two labels
 *   ("Ne" of "negative" and "neutral") tells them apart no better than any other token, so it
 *   is counted outside the labels, like every token that begins none.
 * - **continuation**: each verbalizer scored after the prompt, its log-probability the sum of
 *   its tokens'. Exact for verbalizers of any length.
 * - Either way the label probabilities are renormalised over the labels; the mass left outside
 *   them (1 − the labels' total) is reported beside them.
 * - **sample**: each sampled answer is matched to a label (see `answerLabel`); the probability of
 *   a label is its share of the answers, and the pseudo-label's the share that matched none.
 */
import type { TextInput } from '../types.js';
import { promptSlots } from './openai-schema.js';

/** One token the server reported, with its log-probability. */
export interface TokenLogprob {
  token: string;
  logprob: number;
}

/** Labels with their verbalizers, in label order. */
export type Verbalizers = readonly { label: string; verbalizers: readonly string[] }[];

/** The labels' probabilities, renormalised over them, and the mass left outside them. */
export interface LabelScores {
  probs: number[];
  /** 1 − the labels' total probability, in [0, 1]. */
  outside: number;
}

/**
 * The prompt for one input: `{text}` and `{text_pair}` replaced, `{{` and `}}` made braces.
 * @throws Error when the input's pair has no slot, or the slot no pair: a text would be lost.
 */
export function renderPrompt(template: string, input: TextInput): string {
  const usesPair = promptSlots(template).includes('text_pair');
  if (input.text_pair !== undefined && !usesPair) throw new PromptError('pair-slot-missing');
  if (input.text_pair === undefined && usesPair) throw new PromptError('pair-missing');
  return template.replace(/\{\{|\}\}|\{(text|text_pair)\}/g, (m, slot: string | undefined) => {
    if (slot === 'text') return input.text;
    if (slot === 'text_pair') return input.text_pair as string;
    return m[0] as string;
  });
}

/** Why a prompt cannot be rendered for an input. */
export class PromptError extends Error {
  constructor(readonly reason: 'pair-slot-missing' | 'pair-missing') {
    super(reason);
    this.name = 'PromptError';
  }
}

/**
 * The first-token scores: each label's probability from the tokens that begin its verbalizers.
 * @returns null when no token begins any label's verbalizer (the labels have no mass to share).
 */
export function firstTokenScores(alternatives: readonly TokenLogprob[], labels: Verbalizers): LabelScores | null {
  const lowered = labels.map((l) => l.verbalizers.map((v) => v.toLowerCase()));
  const byLabel: number[][] = labels.map(() => []);
  for (const { token, logprob } of alternatives) {
    const piece = token.replace(/^[\s\u0120\u2581]+/u, '').toLowerCase();
    if (piece === '') continue;
    const owners = lowered.flatMap((vs, l) => (vs.some((v) => v.startsWith(piece)) ? [l] : []));
    if (owners.length === 1) byLabel[owners[0] as number]?.push(logprob);
  }
  return renormalise(byLabel);
}

/**
 * Label probabilities from log-probabilities of disjoint answers, grouped by label: each label's
 * mass is the sum of its answers' probabilities, and the masses are divided by their total. Sums
 * are taken relative to the largest log-probability, so tiny probabilities do not underflow.
 * @returns null when no label has an answer.
 */
export function renormalise(logprobsByLabel: readonly (readonly number[])[]): LabelScores | null {
  const top = Math.max(...logprobsByLabel.flat());
  if (top === -Infinity) return null;
  const mass = logprobsByLabel.map((lps) => lps.reduce((sum, lp) => sum + Math.exp(lp - top), 0));
  const total = mass.reduce((a, b) => a + b, 0);
  const outside = 1 - Math.exp(top) * total;
  return { probs: mass.map((m) => m / total), outside: Math.min(1, Math.max(0, outside)) };
}

/**
 * The log-probability of a continuation: the sum over the prompt's last tokens, which must spell
 * `continuation` exactly (a tokenizer can merge the prompt's end with the continuation's start).
 * @param tokens the echoed prompt's tokens, prompt then continuation.
 * @param logprobs each token's log-probability (null for the first token of a prompt).
 * @returns the log-probability, or the tokens that end the prompt when they do not spell it.
 */
export function continuationLogprob(
  tokens: readonly string[],
  logprobs: readonly (number | null)[],
  continuation: string,
): { logprob: number } | { tail: string[] } {
  let text = '';
  let k = tokens.length;
  while (k > 0 && text.length < continuation.length) {
    k -= 1;
    text = spaced(tokens[k] as string) + text;
  }
  const tail = tokens.slice(k);
  if (text !== continuation || k === 0) return { tail };
  let sum = 0;
  for (let i = k; i < tokens.length; i++) {
    const lp = logprobs[i];
    if (typeof lp !== 'number' || !Number.isFinite(lp)) return { tail };
    sum += lp;
  }
  return { logprob: sum };
}

/** A token's text with byte-level (Ġ) and SentencePiece (▁) space markers made spaces. */
function spaced(token: string): string {
  return token.replace(/[\u0120\u2581]/gu, ' ');
}

/**
 * The label an answer gives, or null when it gives none. After leading whitespace and quoting
 * or emphasis marks (`"`, `'`, `*`, `` ` ``, `_`, `(`, `[`), the answer must begin with a
 * verbalizer, case ignored, followed by its end or by a character that is no letter or digit:
 * "Positive." and "positive, clearly" give "positive"; "Positively" and "The review is
 * positive" give none. The longest matching verbalizer wins.
 */
export function answerLabel(answer: string, labels: Verbalizers): number | null {
  const text = answer.replace(/^[\s"'*`_([]+/u, '').toLowerCase();
  let best: number | null = null;
  let bestLength = 0;
  for (const [l, { verbalizers }] of labels.entries()) {
    for (const v of verbalizers) {
      const word = v.trim().toLowerCase();
      if (word === '' || !text.startsWith(word) || /^[\p{L}\p{N}]/u.test(text.slice(word.length))) continue;
      if (word.length > bestLength) [best, bestLength] = [l, word.length];
    }
  }
  return best;
}

/**
 * The share of each label among sampled answers, then the share that gave no label (null
 * answers, e.g. a refusal with no text, give none).
 */
export function sampleShares(answers: readonly (string | null)[], labels: Verbalizers): number[] {
  const counts = new Array<number>(labels.length + 1).fill(0);
  for (const answer of answers) {
    const l = (answer === null ? null : answerLabel(answer, labels)) ?? labels.length;
    counts[l] = (counts[l] ?? 0) + 1;
  }
  return counts.map((c) => c / answers.length);
}
