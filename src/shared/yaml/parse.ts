/**
 * YAML (or JSON) parsed with line counting and validated by a zod schema: every syntax or schema
 * problem at once, each with its file:line:col and, for a misspelled key, "did you mean".
 * Shared by the spec, lexicon files and the results reader.
 */
import { isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { CounterfairError, type ErrorCode, type Problem, type SpecIssue } from '../errors.js';
import { didYouMean, suggestion } from '../suggest.js';
import { createLocator, type Locator } from './locate.js';
import { allowedKeys } from './zod-walk.js';

/**
 * Parses YAML (or JSON, a subset of it) and validates it with a zod schema. Every syntax or
 * schema problem is reported at once with its file:line:col.
 * @throws CounterfairError with the given code.
 */
export function parseYamlAs<S extends z.ZodType>(schema: S, text: string, file: string, code: ErrorCode, notAMapping: string): { data: z.output<S>; locator: Locator } {
  const { data, locator } = parseYamlMapping(text, file, code, notAMapping);
  const checked = validateAs(schema, data, locator);
  if (!checked.ok) throw new CounterfairError(code, checked.problems);
  return { data: checked.data, locator };
}

/**
 * Parses YAML into a mapping, with a locator for its paths.
 * @throws CounterfairError with the given code for a syntax error, a `__proto__` key, an alias
 *   bomb or a document that is not a mapping: nothing can be checked past those.
 */
export function parseYamlMapping(text: string, file: string, code: ErrorCode, notAMapping: string): { data: Record<string, unknown>; locator: Locator } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const locator = createLocator(file, doc, lines);
  if (doc.errors.length > 0) {
    throw new CounterfairError(
      code,
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { location: { file, line, col }, message: `invalid YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const unsafe = unsafeKeys(doc);
  if (unsafe.length > 0) {
    throw new CounterfairError(code, unsafe.map(({ offset, ...problem }) => ({ location: { file, ...lines.linePos(offset) }, ...problem })));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // yaml refuses documents whose aliases expand past the limit (a "billion laughs" file).
    if (!(err instanceof ReferenceError)) throw err;
    throw new CounterfairError(code, { location: { file, line: 1, col: 1 }, message: `its aliases (*name) expand to too much data: more than ${MAX_ALIAS_COUNT} uses of one anchor, which only a file meant to exhaust memory needs`, id: 'yaml.alias-bomb' });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CounterfairError(code, { location: { file, line: 1, col: 1 }, message: notAMapping });
  }
  return { data: data as Record<string, unknown>, locator };
}

/** Validates parsed data with a zod schema: the data, or every problem located and sorted. */
export function validateAs<S extends z.ZodType>(schema: S, data: unknown, locator: Locator): { ok: true; data: z.output<S> } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.flatMap((i) => describeIssue(schema, i, data));
  return { ok: false, problems: withoutEchoes(issues).map((i) => locateIssue(locator, i)).sort(byPosition) };
}

/** A spec issue at its line and column. */
export function locateIssue(locator: Locator, i: SpecIssue): Problem {
  return { location: locator.locate(i.path, i.key), message: i.message, ...(i.id ? { id: i.id } : {}) };
}

/** Most expansions of one anchor a file may make; yaml's own default is 100. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Keys that toJS cannot turn into a plain key: `__proto__` (it would become a prototype rather
 * than a key) and a list or mapping used as a key (`? [India, Iraq]`, which toJS would stringify
 * with a warning on stderr). Each with the offset of the key.
 */
function unsafeKeys(doc: Document): { offset: number; message: string; id: string }[] {
  const found: { offset: number; message: string; id: string }[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const offset = (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? 0;
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        found.push({ offset, message: 'the key "__proto__" is not allowed (it would change what every JavaScript object inherits)', id: 'yaml.proto-key' });
      } else if (isCollection(pair.key)) {
        found.push({ offset, message: 'a key must be a name, not a list or a mapping', id: 'yaml.collection-key' });
      }
    },
  });
  return found;
}

/**
 * Drops "missing key x" where an unknown key in the same mapping is a misspelling of x: one
 * mistake, one line.
 */
function withoutEchoes(issues: DescribedIssue[]): SpecIssue[] {
  const misspelt = new Set(issues.filter((i) => i.suggested !== undefined).map((i) => JSON.stringify([...i.path.slice(0, -1), i.suggested])));
  return issues.filter((i) => i.missing === undefined || !misspelt.has(JSON.stringify([...i.path, i.missing])));
}

/** Orders problems by where they are in one file: line, then column. */
export function byPosition(a: Problem, b: Problem): number {
  return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0);
}

/** A schema issue with what is needed to merge a misspelling with the missing key it causes. */
interface DescribedIssue extends SpecIssue {
  suggested?: string;
  missing?: string;
}

/** Turns a zod issue into messages a person can act on. */
function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue, data: unknown): DescribedIssue[] {
  const p = issue.path as (string | number)[];
  const field = fieldName(p);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, p);
      return issue.keys.map((k) => ({
        path: [...p, k],
        key: true,
        suggested: didYouMean(k, allowed),
        message: `unknown key "${k}"${suggestion(k, allowed)}${allowed.length ? `; expected one of ${allowed.map((a) => `"${a}"`).join(', ')}` : ''}`,
      }));
    }
    case 'invalid_type': {
      const value = valueAt(data, p);
      if (value === undefined) return [{ path: p.slice(0, -1), missing: String(p[p.length - 1]), message: `missing key ${field}` }];
      return [{ path: p, message: `${field} must be ${article(issue.expected)}, not ${describeValue(value)}` }];
    }
    case 'invalid_value': {
      const value = valueAt(data, p);
      const options = issue.values.map((v) => String(v));
      return [{ path: p, message: `${field} must be one of ${options.map((o) => `"${o}"`).join(', ')}, not ${JSON.stringify(value)}${typeof value === 'string' ? suggestion(value, options) : ''}` }];
    }
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ path: p, message: `${field} must not be empty` }];
      if (issue.origin === 'array') return [{ path: p, message: `${field} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}` }];
      return [{ path: p, message: `${field} must be at least ${issue.minimum}` }];
    }
    case 'too_big':
      return [{ path: p, message: `${field} must be at most ${issue.maximum}` }];
    case 'invalid_union': {
      return [{ path: p, message: `${field} has the wrong shape: ${issue.message}` }];
    }
    case 'invalid_key': {
      // A record's key (an axis or filler name) that its key schema refuses: say why, at the key.
      const why = issue.issues.map((i) => i.message).join('; ');
      const parent = fieldName(p.slice(0, -1));
      return [{ path: p, key: true, message: `"${String(p[p.length - 1])}" cannot name an entry of ${parent}: it ${why}` }];
    }
    default: {
      // A custom check may carry the stable id of its message (`params: { id }`).
      const id: unknown = issue.code === 'custom' ? issue.params?.['id'] : undefined;
      return [{ path: p, message: `${field}: ${issue.message}`, id: typeof id === 'string' ? id : undefined }];
    }
  }
}

function fieldName(p: readonly (string | number)[]): string {
  const name = [...p].reverse().find((s) => typeof s === 'string');
  const index = typeof p[p.length - 1] === 'number' ? `[${p[p.length - 1]}]` : '';
  return name === undefined ? 'the audit' : `"${name}"${index}`;
}

function valueAt(data: unknown, p: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const s of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

