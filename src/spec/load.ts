/**
 * Loads an audit file: YAML with line counting, validated by the one zod schema. Every problem
 * in the file is reported at once, each as `file:line:col: message`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CounterfairError, SpecIssueError, type ErrorCode, type Problem, type SpecIssue } from '../errors.js';
import { checkSpec } from './check.js';
import { createLocator, type Locator } from './locate.js';
import { AuditSpecSchema, type AuditSpec } from './schema.js';
import { didYouMean, suggestion } from './suggest.js';
import { allowedKeys } from './zod-walk.js';

/** A validated spec with what is needed to resolve its paths and point at its lines. */
export interface LoadedSpec {
  spec: AuditSpec;
  /** The spec file as the user named it; used in messages. */
  file: string;
  /** Absolute folder of the spec file: paths inside the spec are relative to it. */
  dir: string;
  /** sha256 of the file's bytes. */
  hash: string;
  locator: Locator;
}

/**
 * Reads and validates an audit file.
 * @throws CounterfairError (code `spec`) listing every problem, or (code `io`) when unreadable.
 */
export function loadSpec(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CounterfairError('io', { location: { file }, message: `cannot read spec: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
  }
  return parseSpec(text, file);
}

/** Validates spec text; `file` names it in messages and anchors its relative paths. */
export function parseSpec(text: string, file: string): LoadedSpec {
  const { data: spec, locator } = parseYamlAs(AuditSpecSchema, text, file, 'spec', 'an audit must be a YAML mapping (name:, model:, templates:, axes:)');
  const issues = checkSpec(spec);
  if (issues.length > 0) throw new CounterfairError('spec', issues.map((i) => ({ location: locator.locate(i.path, i.key), message: i.message })));
  return {
    spec,
    file,
    dir: path.dirname(path.resolve(file)),
    hash: createHash('sha256').update(text).digest('hex'),
    locator,
  };
}

/**
 * Parses YAML (or JSON, a subset of it) and validates it with a zod schema. Every syntax or
 * schema problem is reported at once with its file:line:col.
 * @throws CounterfairError with the given code.
 */
export function parseYamlAs<S extends z.ZodType>(schema: S, text: string, file: string, code: ErrorCode, notAMapping: string): { data: z.output<S>; locator: Locator } {
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
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CounterfairError(code, { location: { file, line: 1, col: 1 }, message: notAMapping });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const toProblem = (i: SpecIssue): Problem => ({ location: locator.locate(i.path, i.key), message: i.message });
    const issues = parsed.error.issues.flatMap((i) => describeIssue(schema, i, data));
    throw new CounterfairError(code, withoutEchoes(issues).map(toProblem).sort(byPosition));
  }
  return { data: parsed.data, locator };
}

/**
 * Drops "missing key x" where an unknown key in the same mapping is a misspelling of x: one
 * mistake, one line.
 */
function withoutEchoes(issues: DescribedIssue[]): SpecIssue[] {
  const misspelt = new Set(issues.filter((i) => i.suggested !== undefined).map((i) => JSON.stringify([...i.path.slice(0, -1), i.suggested])));
  return issues.filter((i) => i.missing === undefined || !misspelt.has(JSON.stringify([...i.path, i.missing])));
}

function byPosition(a: Problem, b: Problem): number {
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
    default:
      return [{ path: p, message: `${field}: ${issue.message}` }];
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

/** Gives the issues raised by a pure stage their line and column in the spec file. */
export function specError(loaded: Pick<LoadedSpec, 'locator'>, err: SpecIssueError): CounterfairError {
  return new CounterfairError('spec', err.issues.map((i) => ({ location: loaded.locator.locate(i.path, i.key), message: i.message })));
}
