/** Parsers of flag values: each rejects what cannot be meant, with the range that can. */
import { InvalidArgumentError } from 'commander';

/** `--seed N`: an integer from 0 to 2^32 − 1. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new InvalidArgumentError('must be an integer from 0 to 4294967295');
  return Number(value);
}

/** `--workers N`, `--threads N`: an integer from 1 to 256. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) throw new InvalidArgumentError('must be an integer from 1 to 256');
  return Number(value);
}

/** `--max-regression X`: a number of at least 0. */
export function parseAllowance(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0) throw new InvalidArgumentError('must be a number of at least 0');
  return x;
}

/**
 * A file or folder flag (`--out DIR`). A value that starts with `-` is the next flag taken for
 * the value (`--out --no-cache`), not a folder anyone means: refused rather than created.
 */
export function parsePath(value: string): string {
  if (value === '' || value.startsWith('-')) throw new InvalidArgumentError(`needs a path, not "${value}" (write ./${value} for a path that starts with -)`);
  return value;
}

/** `--max-sentences N`: a positive integer. */
export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('must be a positive integer');
  return Number(value);
}

/** The `--max-sentences` option every command that generates takes. */
export const MAX_SENTENCES_OPTION = ['--max-sentences <n>', 'most sentences the audit may generate (overrides the spec\'s max_sentences)'] as const;
