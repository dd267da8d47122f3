/**
 * The seeded random number generator behind every random draw: xoshiro128** 1.1
 * (Blackman & Vigna 2018), a 128-bit-state generator, seeded through a SplitMix-style mixer so
 * that nearby seeds give unrelated streams. Never Math.random: the same seed must give the same numbers.
 */

/** A source of uniform random numbers. */
export interface Rng {
  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform integer in [0, n): floor(next() · n). */
  int(n: number): number;
}

/**
 * A 32-bit SplitMix-style seeder (Steele, Lea & Flood 2014): a golden-ratio counter passed
 * through MurmurHash3's fmix32 finalizer. It spreads one seed over xoshiro's four state words.
 */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A xoshiro128** generator seeded with a 32-bit integer through SplitMix32. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  const state = stateOf([init(), init(), init(), init()]);
  const nextU32 = (): number => step(state);
  // 53 random bits: 27 from one output and 26 from the next, as in the reference double conversion.
  const next = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int };
}

/**
 * The raw xoshiro128** 1.1 generator (Blackman & Vigna, reference C code xoshiro128starstar.c)
 * from a 128-bit state of four 32-bit words, not all zero: each call gives the next 32-bit output.
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  const words = stateOf(state);
  return () => step(words);
}

/** The four state words, checked not all zero (xoshiro would then give only zeros). */
function stateOf(words: readonly number[]): Uint32Array {
  const state = Uint32Array.from(words, (w) => w >>> 0);
  if (state.every((w) => w === 0)) throw new RangeError('xoshiro128** state must not be all zero');
  return state;
}

/** One step of xoshiro128** 1.1: advances `s` and returns the 32-bit output. */
function step(s: Uint32Array): number {
  const a = s[0] as number;
  const b = s[1] as number;
  const c = s[2] as number;
  const d = s[3] as number;
  const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
  const t = b << 9;
  const c1 = c ^ a;
  const d1 = d ^ b;
  const b1 = b ^ c1;
  const a1 = a ^ d1;
  s[0] = a1;
  s[1] = b1;
  s[2] = c1 ^ t;
  s[3] = rotl(d1, 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A 32-bit seed for one named stream, from the audit seed and a name (FNV-1a over the name,
 * mixed with the seed), so that adding an axis leaves the numbers of the others unchanged.
 */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of new TextEncoder().encode(name)) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
