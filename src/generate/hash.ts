import { createHash } from 'node:crypto';

/** A short stable id: the first 12 hex digits of sha256 over the parts joined by NUL. */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
}
