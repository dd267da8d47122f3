// @full: 12,000 random values and widths against the library (about 10 s)
/** stringifyCompact against json-stringify-pretty-compact, whose output it reproduces, on random values. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import prettyCompact from 'json-stringify-pretty-compact';
import { stringifyCompact } from '../../src/shared/compact-json.ts';

/** A small deterministic generator of JSON-like values, with the awkward cases in it. */
function values(count: number): unknown[] {
  let seed = 7;
  const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.3) {
      const k = next();
      if (k < 0.15) return null;
      if (k < 0.35) return `${'w'.repeat(Math.floor(next() * 40))}"\\é\n`;
      if (k < 0.45) return k < 0.4;
      if (k < 0.5) return undefined;
      if (k < 0.55) return Number.NaN;
      return Math.round(next() * 1e6) / 1e3 - 500;
    }
    if (r < 0.65) return Array.from({ length: Math.floor(next() * 9) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 9) }, (_, i) => [`key${'y'.repeat(Math.floor(next() * 6))}${i}`, value(depth + 1)]));
  };
  return Array.from({ length: count }, () => value(0));
}

describe('stringifyCompact on random values', () => {
  it('writes exactly what json-stringify-pretty-compact writes, for any value and width', () => {
    for (const v of values(3000)) {
      for (const width of [12, 40, 80, 100]) assert.equal(stringifyCompact(v, width), prettyCompact(v, { maxLength: width }) ?? 'null', JSON.stringify(v));
    }
  });
});
