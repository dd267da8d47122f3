/**
 * Guarding CSV text cells against formula injection, reversibly.
 *
 * A spreadsheet opening a CSV that counterfair writes (sentences.csv, `counterfair generate`) runs a cell that starts with `=`, `+`, `-` or `@` (and
 * some also after a leading tab or carriage return) as a formula; a sentence or group name is
 * untrusted text and may start that way. Such a cell is written with one `'` in front, which
 * spreadsheets show as text. To stay reversible, a cell that itself starts with `'` gets one
 * more: the reader removes exactly one leading `'` from every guarded cell, so every text
 * reads back exactly as it was (`=1+1` → `'=1+1` → `=1+1`; `'a` → `''a` → `'a`).
 */

/** First characters that make a spreadsheet evaluate a cell, plus the guard character itself. */
const NEEDS_GUARD = /^[=+\-@\t\r']/;

/** A text cell as written to CSV. */
export function guardCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** A text cell as read back from CSV written with `guardCell`. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
