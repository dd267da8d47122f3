/**
 * From a model's raw scores to probabilities, computed in float64 from the model's float32
 * (or float16) outputs, row by row, so a row's probabilities never depend on the other rows of
 * its batch.
 */

/** How a model's logits become probabilities (transformers.js's rule: `problem_type`). */
export type ScoreFunction = 'softmax' | 'sigmoid';

/** Softmax of one row of logits. */
export function softmax(logits: ArrayLike<number>): number[] {
  let top = -Infinity;
  for (let i = 0; i < logits.length; i++) top = Math.max(top, logits[i] ?? Number.NaN);
  const exps = Array.from(logits, (x) => Math.exp(x - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The logistic function of each logit (multi-label models). */
export function sigmoidAll(logits: ArrayLike<number>): number[] {
  return Array.from(logits, (x) => 1 / (1 + Math.exp(-x)));
}

/** Rows of probabilities from a flat [rows, width] array of logits. */
export function probabilityRows(logits: ArrayLike<number>, rows: number, width: number, fn: ScoreFunction): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: width }, (_, c) => logits[r * width + c] ?? Number.NaN);
    out.push(fn === 'softmax' ? softmax(row) : sigmoidAll(row));
  }
  return out;
}

/** IEEE 754 half-precision bits → numbers (Node 20 has no Float16Array). */
export function decodeFloat16(bits: Uint16Array): Float64Array {
  const out = new Float64Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i] ?? 0;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 0x1f) out[i] = fraction === 0 ? sign * Infinity : NaN;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}
