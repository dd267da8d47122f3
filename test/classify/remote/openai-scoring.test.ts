import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerLabel, continuationLogprob, firstTokenScores, PromptError } from '../../../src/classify/remote/openai-scoring.ts';
import { renderPrompt, renormalise, sampleShares } from '../../../src/classify/remote/openai-scoring.ts';

const LABELS = [
  { label: 'positive', verbalizers: ['positive', 'good'] },
  { label: 'negative', verbalizers: ['negative'] },
  { label: 'neutral', verbalizers: ['neutral'] },
];

describe('prompt templates', () => {
  it('fills {text} and {text_pair}, and makes {{ and }} braces', () => {
    assert.equal(renderPrompt('Review: {text}\nAnswer:', { text: 'I am from Iraq.' }), 'Review: I am from Iraq.\nAnswer:');
    assert.equal(renderPrompt('P: {text} H: {text_pair} {{json}} {{{text}}}', { text: 'a', text_pair: 'b' }), 'P: a H: b {json} {a}');
    // A slot's value is never read as a template: braces in a sentence stay.
    assert.equal(renderPrompt('{text}', { text: '{text_pair} {{x}}' }), '{text_pair} {{x}}');
  });

  it('refuses to drop a text: a pair without a {text_pair} slot, or a slot without a pair', () => {
    const reason = (why: string) => (e: unknown) => e instanceof PromptError && e.reason === why;
    assert.throws(() => renderPrompt('{text}', { text: 'a', text_pair: 'b' }), reason('pair-slot-missing'));
    assert.throws(() => renderPrompt('{text} {text_pair}', { text: 'a' }), reason('pair-missing'));
  });
});

describe('first-token scoring', () => {
  it('sums the tokens that begin each label’s verbalizers (case and leading space ignored) and renormalises over the labels', () => {
    const top = [
      { token: 'Positive', logprob: -0.5 },
      { token: 'Neg', logprob: -1.5 },
      { token: ' positive', logprob: -2 },
      { token: 'I', logprob: -3 },
      { token: '\u0120good', logprob: -4 },
    ];
    const scores = firstTokenScores(top, LABELS);
    const e = (lp: number) => Math.exp(lp - -0.5);
    const pos = e(-0.5) + e(-2) + e(-4);
    const neg = e(-1.5);
    const total = pos + neg + 0;
    assert.deepEqual(scores, { probs: [pos / total, neg / total, 0 / total], outside: 1 - Math.exp(-0.5) * total });
  });

  it('counts a token that begins verbalizers of two labels, or only whitespace, outside the labels', () => {
    const scores = firstTokenScores(
      [
        { token: 'ne', logprob: -0.1 },
        { token: '\n', logprob: -2 },
        { token: 'negative', logprob: -3 },
      ],
      LABELS,
    );
    assert.deepEqual(scores?.probs, [0, 1, 0]);
    assert.equal(scores?.outside, 1 - Math.exp(-3));
  });

  it('gives null when no token begins any verbalizer', () => {
    assert.equal(firstTokenScores([{ token: 'Sorry', logprob: -0.01 }], LABELS), null);
    assert.equal(firstTokenScores([], LABELS), null);
  });

  it('renormalises log-probabilities far below exp’s range without losing them', () => {
    const b = -1000 - Math.log(3);
    const scores = renormalise([[-1000], [b]]);
    const r = Math.exp(b - -1000); // ≈ 1/3: naive exp(-1000) would be 0 for both labels
    assert.deepEqual(scores?.probs, [1 / (1 + r), r / (1 + r)]);
    assert.ok(Math.abs(r - 1 / 3) < 1e-12);
    assert.equal(scores?.outside, 1);
  });
});

describe('continuation scoring', () => {
  it('sums the log-probabilities of the tokens that spell the continuation', () => {
    const tokens = ['Review', ':', ' fine', '\n', 'Answer', ':', ' very', ' posit', 'ive'];
    const lps = [null, -1, -2, -0.5, -0.25, -0.125, -3, -0.75, -0.0625];
    assert.deepEqual(continuationLogprob(tokens, lps, ' very positive'), { logprob: -3 + -0.75 + -0.0625 });
    assert.deepEqual(continuationLogprob(['Answer', ':', '\u0120positive'], [null, -1, -2], ' positive'), { logprob: -2 });
  });

  it('reports the tokens when they merge the prompt’s end with the continuation', () => {
    assert.deepEqual(continuationLogprob(['Answer', ':', ' positive'], [null, -1, -2], 'positive'), { tail: [' positive'] });
    assert.deepEqual(continuationLogprob(['Answer', ': positive'], [null, -1], ' positive'), { tail: [': positive'] });
  });

  it('reports a continuation token without a log-probability', () => {
    assert.deepEqual(continuationLogprob(['Answer', ':', ' positive'], [null, -1, null], ' positive'), { tail: [' positive'] });
  });
});

describe('sampled answers', () => {
  it('maps an answer that begins with a verbalizer, case and quoting ignored, to its label', () => {
    assert.equal(answerLabel('Positive.', LABELS), 0);
    assert.equal(answerLabel('  **NEGATIVE**', LABELS), 1);
    assert.equal(answerLabel('"good", clearly', LABELS), 0);
    assert.equal(answerLabel('neutral\n', LABELS), 2);
  });

  it('gives no label for a refusal, a longer word, a sentence around the label, or nothing', () => {
    for (const answer of ['I cannot classify this.', 'Positively', 'The review is positive.', '', '   ']) {
      assert.equal(answerLabel(answer, LABELS), null, answer);
    }
  });

  it('prefers the longest verbalizer', () => {
    assert.equal(answerLabel('not good', [{ label: 'a', verbalizers: ['not'] }, { label: 'b', verbalizers: ['not good'] }]), 1);
  });

  it('shares: each label’s share of the answers, then the share of no-label answers', () => {
    assert.deepEqual(sampleShares(['positive', 'Negative', 'positive', null, 'Sorry, no.'], LABELS), [2 / 5, 1 / 5, 0, 2 / 5]);
  });
});
