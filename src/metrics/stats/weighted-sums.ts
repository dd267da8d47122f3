/**
 * Weighted column sums of a table for several bootstrap resamples at once. Each value of the
 * table is loaded once for all the resamples of a block and each sum stays in a register, which
 * is what makes the bootstrap of many groups cheap.
 */

/** Resamples whose weighted sums one pass computes; `percentileBootstrapBlocks` draws this many at a time. */
export const BLOCK = 4;

/**
 * out[offset + q * cols + c] = Σ_i w_q(i) · x(i, c), summed in order of i, for the 4 resamples q
 * of a block. Sets a resample did not draw add 0 · x, which leaves a finite sum unchanged, so
 * every sum equals the one over the drawn sets alone.
 * @param columns the table column-major: x(i, c) at `columns[c * rows + i]`.
 * @param weights how many times each resample drew each set: w_q(i) at `weights[i * BLOCK + q]`.
 */
export function weightedColumnSums(columns: Float64Array, rows: number, cols: number, weights: Float64Array, out: Float64Array, offset: number): void {
  // An odd column first, alone (before the hot loop, so that compiling that loop sees every branch).
  let c = 0;
  if (cols % 2 === 1) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < rows; i++) {
      const x = columns[i] as number;
      const k = i * BLOCK;
      s0 += (weights[k] as number) * x;
      s1 += (weights[k + 1] as number) * x;
      s2 += (weights[k + 2] as number) * x;
      s3 += (weights[k + 3] as number) * x;
    }
    out[offset] = s0;
    out[offset + cols] = s1;
    out[offset + 2 * cols] = s2;
    out[offset + 3 * cols] = s3;
    c = 1;
  }
  // Then two columns at a time: eight independent sums keep the adder busy, each weight loaded once for both.
  for (; c + 1 < cols; c += 2) {
    const base = c * rows;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (let i = 0; i < rows; i++) {
      const x = columns[base + i] as number;
      const y = columns[base + rows + i] as number;
      const k = i * BLOCK;
      const w0 = weights[k] as number;
      const w1 = weights[k + 1] as number;
      const w2 = weights[k + 2] as number;
      const w3 = weights[k + 3] as number;
      s0 += w0 * x;
      s1 += w1 * x;
      s2 += w2 * x;
      s3 += w3 * x;
      t0 += w0 * y;
      t1 += w1 * y;
      t2 += w2 * y;
      t3 += w3 * y;
    }
    out[offset + c] = s0;
    out[offset + cols + c] = s1;
    out[offset + 2 * cols + c] = s2;
    out[offset + 3 * cols + c] = s3;
    out[offset + c + 1] = t0;
    out[offset + cols + c + 1] = t1;
    out[offset + 2 * cols + c + 1] = t2;
    out[offset + 3 * cols + c + 1] = t3;
  }
}

/**
 * The field width (a power of two) that packs the 4 weights of a block into one float for
 * `indicatorColumnSums`, or 0 when the sums could overflow 53 bits. Each resample draws `rows`
 * sets, so a field never exceeds `rows`.
 */
export function packedFieldSize(rows: number): number {
  let size = 1;
  while (size <= rows) size *= 2;
  return size ** BLOCK <= 2 ** 53 ? size : 0;
}

/**
 * `weightedColumnSums` of a table whose values are all 0 or 1 (the share of a group's single
 * sentence predicted as a label, say), a quarter of the work: the block's 4 weights of a set are
 * packed into one integer w_0 + w_1·S + w_2·S² + w_3·S³, summed once per column and unpacked.
 * Every partial sum is an integer below 2^53, so every result is exact, as the weighted sums of
 * 0s and 1s are in any order.
 * @param size the field width, `packedFieldSize(rows)` (not 0).
 * @param packed scratch of `rows` floats.
 */
export function indicatorColumnSums(columns: Float64Array, rows: number, cols: number, weights: Float64Array, size: number, packed: Float64Array, out: Float64Array, offset: number): void {
  for (let i = 0; i < rows; i++) {
    const k = i * BLOCK;
    packed[i] = (weights[k] as number) + size * ((weights[k + 1] as number) + size * ((weights[k + 2] as number) + size * (weights[k + 3] as number)));
  }
  for (let c = 0; c < cols; c++) {
    const base = c * rows;
    // Exact integers add up the same in any order: four partial sums shorten the chain of additions.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < rows; i += 4) {
      s0 += (columns[base + i] as number) * (packed[i] as number);
      s1 += (columns[base + i + 1] as number) * (packed[i + 1] as number);
      s2 += (columns[base + i + 2] as number) * (packed[i + 2] as number);
      s3 += (columns[base + i + 3] as number) * (packed[i + 3] as number);
    }
    for (; i < rows; i++) s0 += (columns[base + i] as number) * (packed[i] as number);
    let s = s0 + s1 + s2 + s3;
    for (let q = 0; q < BLOCK; q++) {
      const rest = Math.floor(s / size);
      out[offset + q * cols + c] = s - rest * size;
      s = rest;
    }
  }
}
