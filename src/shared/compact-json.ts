/**
 * Compact, readable JSON for chart specs, as the Vega editor writes them: a value goes on one
 * line when it fits in `maxLength` columns (with `, ` and `: ` spacing), else one item per line.
 * The output is exactly that of `json-stringify-pretty-compact`, but each value is measured with
 * an early stop instead of being stringified whole at every level, so a 2 MB heatmap spec costs
 * one pass rather than one per nesting level (and one regex pass per item).
 */

/** Returned by `inline` when a value does not fit on one line. */
const TOO_LONG = Symbol('too long');

/**
 * JSON text of plain data (objects, arrays, strings, numbers, booleans, null): short values on
 * one line, longer ones spread over lines indented by two spaces.
 * @param maxLength the widest line, indentation included.
 */
export function stringifyCompact(value: unknown, maxLength = 80): string {
  return expand(value, '', 0, maxLength) ?? 'null';
}

function expand(value: unknown, indent: string, reserved: number, maxLength: number): string | undefined {
  const one = inline(value, maxLength - indent.length - reserved);
  if (one !== TOO_LONG) return one;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const next = `${indent}  `;
  const items: string[] = [];
  if (Array.isArray(value)) {
    const n = value.length;
    for (let i = 0; i < n; i++) items.push(expand(value[i], next, i === n - 1 ? 0 : 1, maxLength) ?? 'null');
    if (items.length === 0) return '[]';
    return `[\n${next}${items.join(`,\n${next}`)}\n${indent}]`;
  }
  const keys = Object.keys(value);
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const key = keys[i] as string;
    const keyPart = `${JSON.stringify(key)}: `;
    const text = expand((value as Record<string, unknown>)[key], next, keyPart.length + (i === n - 1 ? 0 : 1), maxLength);
    if (text !== undefined) items.push(keyPart + text);
  }
  if (items.length === 0) return '{}';
  return `{\n${next}${items.join(`,\n${next}`)}\n${indent}}`;
}

/**
 * `value` on one line (`[1, 2]`, `{"a": 1}`), `undefined` where JSON has no text for it, or
 * TOO_LONG as soon as it is known to be longer than `budget`.
 */
function inline(value: unknown, budget: number): string | undefined | typeof TOO_LONG {
  if (typeof value !== 'object' || value === null) {
    const text = primitive(value);
    return text !== undefined && text.length > budget ? TOO_LONG : text;
  }
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = inline(value[i], budget - out.length - 1);
      if (item === TOO_LONG) return TOO_LONG;
      out += (i > 0 ? ', ' : '') + (item ?? 'null');
      if (out.length + 1 > budget) return TOO_LONG;
    }
    out += ']';
  } else {
    out = '{';
    let first = true;
    for (const key of Object.keys(value)) {
      const item = inline((value as Record<string, unknown>)[key], budget - out.length - 1);
      if (item === TOO_LONG) return TOO_LONG;
      if (item === undefined) continue;
      out += `${first ? '' : ', '}${quoteKey(key)}: ${item}`;
      first = false;
      if (out.length + 1 > budget) return TOO_LONG;
    }
    out += '}';
  }
  return out.length > budget ? TOO_LONG : out;
}

function primitive(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value) as string | undefined;
}

/** Quoted keys, cached: a data table repeats the same few keys thousands of times. */
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * The writer's own code: part of the key of kept charts (charts/svg-cache.ts), so a change to
 * how specs are written never reuses text written the old way.
 */
export const COMPACT_JSON_CODE = [stringifyCompact, expand, inline, primitive, quoteKey].map(String).join('\n');
