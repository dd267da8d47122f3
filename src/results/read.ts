/**
 * Reads back what `counterfair run` wrote (results.json, sentences.csv, timings.json when
 * present), for `counterfair report` and `counterfair compare`. Every problem is reported as
 * `file:line:col: message`, and nothing is rendered from a file that does not check out.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { overallVerdict } from '../gate/index.js';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { createLocator } from '../shared/yaml/locate.js';
import { resultsProblem } from './messages.js';
import { ResultsSchema, TimingsSchema, type AuditResults, type SentenceRow, type Timings } from './schema.js';
import { readSentencesCsv } from './sentences-csv.js';
import { upgradeResults } from './upgrade.js';

/** A finished run, read back from its folder. */
export interface StoredRun {
  /** The results.json file as named for messages. */
  file: string;
  /** Its folder. */
  dir: string;
  results: AuditResults;
  sentences: SentenceRow[];
  timings?: Timings;
}

/**
 * Where a run's results.json is: `target` itself, or `target/results.json` for a folder.
 * @throws CounterfairError (`input`, id `results.no-file`) when there is none.
 */
export function resultsFileOf(target: string): string {
  const file = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'results.json') : target;
  if (!existsSync(file)) throw new CounterfairError('input', resultsProblem('results.no-file', { file }));
  return file;
}

/**
 * Reads results.json alone (a version 1 file read as version 2).
 * @param target the file, or the run's folder.
 * @throws CounterfairError (`input`) when the file is not JSON, does not have the contract's
 *   shape, or states a verdict its gates do not give.
 */
export function readResults(target: string): { file: string; results: AuditResults } {
  const file = resultsFileOf(target);
  const results = readJsonAs(ResultsSchema, file, upgradeResults);
  // The verdict is re-derived from the gates, never trusted: a hand-edited file cannot turn a
  // failed gate into a pass.
  const derived = overallVerdict(results.gates);
  if (results.verdict !== derived) {
    throw new CounterfairError('input', resultsProblem('results.verdict-disagrees', { file }, results.verdict, derived));
  }
  return { file, results };
}

/** Reads a run: results.json, then sentences.csv beside it, then timings.json if there is one. */
export function readRun(target: string): StoredRun {
  const { file, results } = readResults(target);
  const dir = path.dirname(file);
  const csvFile = path.join(dir, 'sentences.csv');
  const csv = readText(csvFile, 'sentences.csv is needed beside results.json (counterfair run writes both)');
  const axes = results.axes.filter((a) => a.axes.length === 1).map((a) => a.name);
  const fillers = [...new Set(results.templates.flatMap((t) => t.fillers ?? []))];
  const sentences = readSentencesCsv(csv, csvFile, axes, results.model.labels, fillers);
  const timingsFile = path.join(dir, 'timings.json');
  const timings = existsSync(timingsFile) ? readJsonAs(TimingsSchema, timingsFile) : undefined;
  return { file, dir, results, sentences, timings };
}

function readText(file: string, hint?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : String(err);
    throw new CounterfairError('input', resultsProblem('results.cannot-read', { file }, code, hint));
  }
}

/**
 * Parses a JSON file and checks it against a schema. JSON.parse does the work (fast on large
 * files); only when something is wrong is the text parsed again, with positions, to say where.
 * @returns the parsed JSON itself, not zod's copy: that one drops the fields a later version
 *   added and puts known keys first, and results.json must be written back byte for byte.
 */
function readJsonAs<T>(schema: z.ZodType<T, T>, file: string, upgrade: (data: unknown) => unknown = (d) => d): T {
  const text = readText(file);
  let data: unknown;
  try {
    data = upgrade(JSON.parse(text));
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    throw new CounterfairError('input', resultsProblem('results.bad-json', { file, ...syntaxErrorPosition(text, err) }, reason));
  }
  const parsed = schema.safeParse(data);
  if (passed(parsed, data)) return data;
  const lines = new LineCounter();
  const locator = createLocator(file, parseDocument(text, { lineCounter: lines }), lines);
  const issues = parsed.success ? [] : parsed.error.issues;
  const problems: Problem[] = issues.slice(0, 10).map((i) => {
    const at = i.path.filter((k) => typeof k !== 'symbol');
    return resultsProblem('results.bad-field', locator.locate(at), at.length > 0 ? at.join('.') : 'the file', i.message);
  });
  throw new CounterfairError('input', problems);
}

/**
 * Whether `data` passed the schema that gave `result`: a type guard on the data itself. Sound
 * because the schemas transform nothing (`ZodType<T, T>`: what passes in is what comes out,
 * less the undeclared keys, which the type does not name).
 */
function passed<T>(result: z.ZodSafeParseResult<T>, _data: unknown): _data is T {
  return result.success;
}

/** Line and column of a JSON.parse error, from the position Node puts in its message. */
function syntaxErrorPosition(text: string, err: unknown): { line: number; col: number } {
  const match = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
