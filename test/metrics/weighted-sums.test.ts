import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/metrics/index.ts';
import { BLOCK, indicatorColumnSums, packedFieldSize, weightedColumnSums } from '../../src/metrics/stats/weighted-sums.ts';

/** A block of bootstrap weights (each resample draws `rows` sets), at weights[i * BLOCK + q]. */
function blockWeights(rows: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(rows * BLOCK);
  for (let q = 0; q < BLOCK; q++) for (let i = 0; i < rows; i++) w[rng.int(rows) * BLOCK + q]! += 1;
  return w;
}

/** Σ_i w_q(i) x(i, c) over the drawn sets, one set at a time: the sums as the bootstrap defines them. */
function reference(columns: Float64Array, rows: number, cols: number, w: Float64Array): Float64Array {
  const out = new Float64Array(BLOCK * cols);
  for (let q = 0; q < BLOCK; q++) {
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let i = 0; i < rows; i++) {
        const wi = w[i * BLOCK + q] as number;
        if (wi !== 0) s += wi * (columns[c * rows + i] as number);
      }
      out[q * cols + c] = s;
    }
  }
  return out;
}

describe('weighted column sums of a block of resamples', () => {
  it('equal the set-by-set sums bit for bit, for odd and even column counts', () => {
    for (const [rows, cols] of [[1, 1], [5, 2], [51, 197], [64, 6]] as const) {
      const rng = createRng(rows * cols);
      const columns = Float64Array.from({ length: rows * cols }, () => rng.next() - 0.3);
      const w = blockWeights(rows, rows + cols);
      const out = new Float64Array(BLOCK * cols + 3).fill(NaN);
      weightedColumnSums(columns, rows, cols, w, out, 3);
      assert.deepEqual(out.subarray(3), reference(columns, rows, cols, w), `${rows} × ${cols}`);
    }
  });

  it('sums 0/1 columns exactly through packed weights', () => {
    for (const rows of [1, 51, 508, 5077]) {
      const cols = 9;
      const rng = createRng(rows);
      const columns = Float64Array.from({ length: rows * cols }, () => rng.int(2));
      const w = blockWeights(rows, rows + 1);
      const size = packedFieldSize(rows);
      assert.ok(size > rows, `field of ${size} for ${rows} rows`);
      const out = new Float64Array(BLOCK * cols);
      indicatorColumnSums(columns, rows, cols, w, size, new Float64Array(rows), out, 0);
      assert.deepEqual(out, reference(columns, rows, cols, w), `${rows} rows`);
    }
  });

  it('has no packed field for sums that could pass 53 bits', () => {
    assert.equal(packedFieldSize(51), 64);
    assert.equal(packedFieldSize(8191), 8192);
    assert.equal(packedFieldSize(8192), 0);
  });
});
