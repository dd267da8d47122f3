/**
 * How inputs are cut into batches. Pure: lengths in, lists of positions out.
 *
 * A batch costs about rows × its longest input (everything is padded to the longest), so
 * inputs are sorted by token length first, and a batch ends when one more row would pass the
 * token budget or the row limit. Longest first: the biggest batch runs first (a memory problem
 * shows at once), and the short ones at the end keep every worker busy until the last.
 */

/** Limits of one batch. */
export interface BatchLimits {
  /** Most tokens in a batch, counted as rows × longest input. */
  maxTokens: number;
  /** Most rows in a batch. */
  maxRows: number;
}

/**
 * Positions of the inputs, longest first (ties keep input order, so the plan is deterministic),
 * cut into batches within `limits`. An input longer than `maxTokens` gets a batch of its own.
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[b] ?? 0) - (lengths[a] ?? 0) || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const len = lengths[i] ?? 0;
    const width = Math.max(longest, len);
    if (current.length > 0 && (current.length >= limits.maxRows || (current.length + 1) * width > limits.maxTokens)) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = len;
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Positions 0..n−1 in input order, `size` at a time (for backends that do not tokenize).
 * @throws RangeError for a size that is not a whole number of at least 1 (which would never end).
 */
export function chunkIndices(n: number, size: number): number[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`a batch size must be a whole number of at least 1, not ${size}`);
  const out: number[][] = [];
  for (let i = 0; i < n; i += size) out.push(Array.from({ length: Math.min(size, n - i) }, (_, k) => i + k));
  return out;
}
