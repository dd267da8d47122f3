/** Reading a user's text file: its bytes must be UTF-8, and a file that is not says where. */
import { readFileSync } from 'node:fs';
import { CounterfairError, type ErrorCode } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The file's bytes and their text. Bytes that are not UTF-8 (a Latin-1 "é", say) are an error at
 * their line and column rather than U+FFFD silently in place of the character.
 * @throws CounterfairError with `code`: unreadable (`cannot read: ENOENT`) or not UTF-8.
 */
export function readUtf8(file: string, code: ErrorCode, what: string): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new CounterfairError('io', { location: { file }, message: `cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
  }
  try {
    return { bytes, text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const line = before.split('\n').length;
    const col = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    const byte = bytes[bad]?.toString(16).padStart(2, '0') ?? '??';
    throw new CounterfairError(code, { location: { file, line, col }, message: `${what} is not UTF-8 text (byte 0x${byte}); save it as UTF-8`, id: 'input.not-utf8' });
  }
}

/** Offset of the first byte at which the bytes stop being UTF-8 (binary search on prefixes). */
function firstInvalidByte(bytes: Buffer): number {
  // A prefix cut inside a character is still valid when decoded as a stream, so validity only
  // ever goes from true to false as the prefix grows.
  const validPrefix = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  // The valid prefix may end inside a character whose next byte broke it: point at its lead byte.
  let start = lo;
  while (start > 0 && lo - start < 3 && ((bytes[start - 1] ?? 0) & 0xc0) === 0x80) start--;
  return start > 0 && (bytes[start - 1] ?? 0) >= 0xc0 ? start - 1 : lo;
}
