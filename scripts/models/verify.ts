/**
 * Build-time checks that run a written model folder through
 * `@huggingface/transformers` exactly as users will load it.
 *
 * @module
 */
import path from 'node:path';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import type { Vocabulary } from './tokenizer.js';

let configured = false;

/**
 * Local-only transformers.js: no hub access, local folders allowed. An
 * absolute folder path is not a valid hub id, so transformers.js reads it
 * as-is and `env.localModelPath` does not matter for it.
 */
export function configureTransformers(): void {
  if (configured) return;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  configured = true;
}

/**
 * Asserts that the folder's `tokenizer.json`, loaded by transformers.js'
 * `AutoTokenizer`, gives the same ids as the JavaScript reference
 * (`vocab.encode`) for every text.
 *
 * @throws Error listing the first mismatches.
 */
export async function assertTokenizerMatches(folder: string, vocab: Vocabulary, texts: readonly string[]): Promise<void> {
  configureTransformers();
  const tokenizer = await AutoTokenizer.from_pretrained(path.resolve(folder));
  const mismatches: string[] = [];
  for (const text of texts) {
    const { input_ids } = tokenizer(text, { truncation: true, return_tensor: false }) as { input_ids: number[] };
    const expected = vocab.encode(text);
    if (input_ids.length !== expected.length || input_ids.some((id, i) => id !== expected[i])) {
      mismatches.push(`${JSON.stringify(text)}: transformers.js [${input_ids.join(',')}] vs reference [${expected.join(',')}]`);
    }
  }
  if (mismatches.length > 0) {
    throw new Error(
      `tokenizer mismatch in ${mismatches.length} of ${texts.length} texts:\n  ${mismatches.slice(0, 5).join('\n  ')}`,
    );
  }
}

/**
 * P(POSITIVE) for each text from the folder's model via
 * `pipeline('text-classification', folder, { device: 'cpu', dtype: 'fp32' })`
 * called with `{ top_k: null }` (all labels), in batches.
 */
export async function positiveProbabilities(
  folder: string,
  texts: readonly string[],
  batchSize = 64,
): Promise<number[]> {
  configureTransformers();
  const classifier = await pipeline('text-classification', path.resolve(folder), { device: 'cpu', dtype: 'fp32' });
  try {
    const out: number[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      const results = await classifier(batch, { top_k: null });
      if (results.length !== batch.length) throw new Error(`pipeline returned ${results.length} results for ${batch.length} texts`);
      for (const labels of results) {
        const positive = labels.find((r) => r.label === 'POSITIVE');
        const negative = labels.find((r) => r.label === 'NEGATIVE');
        if (labels.length !== 2 || positive === undefined || negative === undefined) {
          throw new Error(`unexpected pipeline output ${JSON.stringify(labels)}`);
        }
        out.push(positive.score);
      }
    }
    return out;
  } finally {
    await classifier.dispose();
  }
}

/**
 * Asserts `|actual[i] - expected[i]| <= tolerance` for every i.
 *
 * @returns The largest absolute difference.
 * @throws Error naming the worst text when the tolerance is exceeded.
 */
export function assertClose(
  what: string,
  texts: readonly string[],
  actual: readonly number[],
  expected: readonly number[],
  tolerance: number,
): number {
  let worst = 0;
  let worstIndex = -1;
  actual.forEach((a, i) => {
    const d = Math.abs(a - (expected[i] as number));
    if (!(d <= worst)) {
      worst = d;
      worstIndex = i;
    }
  });
  if (!(worst <= tolerance)) {
    throw new Error(
      `${what}: ${JSON.stringify(texts[worstIndex])} gave ${actual[worstIndex]}, expected ${expected[worstIndex]} (tolerance ${tolerance})`,
    );
  }
  return worst;
}

/** Strings that exercise normalisation and pre-tokenisation edge cases. */
export const TOKENIZER_EDGE_CASES: readonly string[] = [
  'I am from India.',
  "She said the food was fine, didn't she?",
  'CAFÉ déjà vu — naïve façade!',
  'Tabs\tand\nnew\r\nlines   and  spaces',
  '“Curly quotes” and ‘single’ ones… plus #hashtags, @mentions & 3.5% off',
  'The [MASK] is a nurse. [CLS] [SEP] [PAD] [UNK] [mask]',
  '中文字符 and emoji 😀 here',
  'ÅNGSTRÖM ﬁne Ǆ ß İstanbul',
  'zero\u200bwidth\u00a0nbsp control\u0007char',
  '',
  '   ',
  'a'.repeat(101),
];
