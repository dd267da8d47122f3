/**
 * Reads back what `counterfair run` wrote (results.json, sentences.csv, timings.json when
 * present), for `counterfair report` and `counterfair compare`. Every problem is reported as
 * `file:line:col: message`, and nothing is rendered from a file that does not check out.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { createLocator } from '../shared/yaml/locate.js';
import { ResultsFileSchema, TimingsFileSchema } from './results-schema.js';
import { readSentencesCsv } from './sentences-csv.js';
import type { Timings } from './timings.js';
import { RESULTS_SCHEMA, type AuditResults, type SentenceRow } from './types.js';
import { overallVerdict, type GateResult } from '../gate/index.js';

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
 * @throws CounterfairError (`input`) when there is none.
 */
export function resultsFileOf(target: string): string {
  const file = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'results.json') : target;
  if (!existsSync(file)) throw new CounterfairError('input', { location: { file }, message: 'no such file: expected a results.json or a folder holding one' });
  return file;
}

/** Reads results.json alone. */
export function readResults(target: string): { file: string; results: AuditResults } {
  const file = resultsFileOf(target);
  // The schema checks every field the reports read; its output is the results contract.
  const results = readJsonAs(ResultsFileSchema, file, upgradeV1) as unknown as AuditResults;
  // The verdict is re-derived from the gates, never trusted: a hand-edited file cannot turn a
  // failed gate into a pass.
  const derived = overallVerdict(results.gates);
  if (results.verdict !== derived) {
    throw new CounterfairError('input', { location: { file }, message: `verdict "${results.verdict}" disagrees with its gates, which give "${derived}": the file was edited or is corrupt` });
  }
  return { file, results };
}

/**
 * Results of version 1 (counterfair 0.1) read as version 2: its `passed` boolean becomes the
 * verdict its gates give, so runs from before the upgrade can still be re-rendered and compared.
 */
function upgradeV1(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || (data as { schema?: unknown }).schema !== 'counterfair/results@1') return data;
  const { passed: _passed, ...rest } = data as Record<string, unknown> & { gates?: unknown };
  const gates = Array.isArray(rest.gates) ? (rest.gates as Pick<GateResult, 'status' | 'severity'>[]) : [];
  return { ...rest, schema: RESULTS_SCHEMA, verdict: overallVerdict(gates) };
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
  const timings = existsSync(timingsFile) ? (readJsonAs(TimingsFileSchema, timingsFile) as Timings) : undefined;
  return { file, dir, results, sentences, ...(timings ? { timings } : {}) };
}

function readText(file: string, hint?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new CounterfairError('input', { location: { file }, message: `cannot read: ${code}${hint ? `; ${hint}` : ''}` });
  }
}

/**
 * Parses a JSON file and checks it against a schema. JSON.parse does the work (fast on large
 * files); only when something is wrong is the text parsed again, with positions, to say where.
 */
function readJsonAs<S extends z.ZodType>(schema: S, file: string, upgrade: (data: unknown) => unknown = (d) => d): z.output<S> {
  const text = readText(file);
  let data: unknown;
  try {
    data = upgrade(JSON.parse(text));
  } catch (err) {
    throw new CounterfairError('input', { location: { file, ...syntaxErrorPosition(text, err) }, message: `not valid JSON: ${(err as Error).message.split('\n')[0]}` });
  }
  const parsed = schema.safeParse(data);
  // The parsed JSON itself, not zod's copy: that one puts known keys first, and results.json
  // must be written back byte for byte.
  if (parsed.success) return data as z.output<S>;
  const lines = new LineCounter();
  const locator = createLocator(file, parseDocument(text, { lineCounter: lines }), lines);
  const problems: Problem[] = parsed.error.issues.slice(0, 10).map((i) => ({
    location: locator.locate(i.path as (string | number)[]),
    message: `${i.path.length > 0 ? i.path.join('.') : 'the file'}: ${i.message}`,
  }));
  throw new CounterfairError('input', problems);
}

/** Line and column of a JSON.parse error, from the position Node puts in its message. */
function syntaxErrorPosition(text: string, err: unknown): { line: number; col: number } {
  const match = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  const offset = match ? Number(match[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
