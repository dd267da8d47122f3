/**
 * Token ids in, model feeds out. Each input is tokenized once, alone (no padding), so its
 * length is known for sorting and batching; a batch is then padded to its longest input.
 */
import type { TextInput } from '../types.js';

/** One tokenized input. */
export interface Encoded {
  ids: number[];
  /** Segment ids (0 for the first text, 1 for the pair), where the tokenizer gives them. */
  typeIds?: number[];
}

/** The part of a transformers.js tokenizer used here. */
export type Tokenize = (text: string, options: { text_pair?: string; truncation: true; return_tensor: false }) => unknown;

/** Tokenizes each input alone, truncated to the model's maximum length. */
export function encodeInputs(tokenize: Tokenize, inputs: readonly TextInput[]): Encoded[] {
  return inputs.map((input) => {
    const out = tokenize(input.text, { ...(input.text_pair !== undefined ? { text_pair: input.text_pair } : {}), truncation: true, return_tensor: false }) as {
      input_ids: number[];
      token_type_ids?: number[];
    };
    return out.token_type_ids ? { ids: out.input_ids, typeIds: out.token_type_ids } : { ids: out.input_ids };
  });
}

/**
 * The feeds of one batch, padded to its longest input: `input_ids` (padded with `padId`),
 * `attention_mask` (1 on tokens, 0 on padding) and `token_type_ids` (0 on padding).
 */
export function packBatch(encoded: readonly Encoded[], indices: readonly number[], padId: number): { dims: [number, number]; feeds: Record<string, Int32Array> } {
  const rows = indices.length;
  const width = Math.max(1, ...indices.map((i) => (encoded[i] as Encoded).ids.length));
  const ids = new Int32Array(rows * width).fill(padId);
  const mask = new Int32Array(rows * width);
  const types = new Int32Array(rows * width);
  indices.forEach((i, r) => {
    const e = encoded[i] as Encoded;
    ids.set(e.ids, r * width);
    mask.fill(1, r * width, r * width + e.ids.length);
    if (e.typeIds) types.set(e.typeIds, r * width);
  });
  return { dims: [rows, width], feeds: { input_ids: ids, attention_mask: mask, token_type_ids: types } };
}
