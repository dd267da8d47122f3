/**
 * Loads an audit file: YAML with line counting, validated by the one zod schema. Every problem
 * in the file is reported at once, each as `file:line:col: message`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CounterfairError, SpecIssueError, type Problem } from '../shared/errors.js';
import { readUtf8 } from '../shared/read-text.js';
import { byPosition, locateIssue, parseYamlMapping, validateAs } from '../shared/yaml/parse.js';
import type { Locator } from '../shared/yaml/locate.js';
import { checkSpec } from './check.js';
import { AuditSpecSchema, type AuditSpec } from './schema.js';

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
  const { bytes, text } = readUtf8(file, 'spec', 'spec');
  return parseSpec(text, file, bytes);
}

/**
 * Validates spec text; `file` names it in messages and anchors its relative paths.
 * @param bytes the file's bytes, when read from a file: `hash` is their sha256 (else the text's).
 * @throws CounterfairError listing every problem of the schema and the cross-references.
 */
export function parseSpec(text: string, file: string, bytes?: Uint8Array): LoadedSpec {
  const draft = draftSpec(text, file, bytes);
  if (draft.problems.length > 0 || draft.spec === undefined) throw new CounterfairError('spec', draft.problems);
  return { spec: draft.spec, file, dir: draft.dir, hash: draft.hash, locator: draft.locator };
}

/**
 * A spec read as far as it goes without stopping at its first kind of problem: every problem of
 * the schema and of the cross-references between its sections, and the validated spec when the
 * schema passed. What a run checks next (lexicons, templates, gates against the sets, the model)
 * adds to these, so a spec with several mistakes is fixed in one edit.
 */
export interface SpecDraft extends Omit<LoadedSpec, 'spec'> {
  /** The validated spec; undefined when the schema found problems. */
  spec: AuditSpec | undefined;
  /** The file's data as parsed, for checking the sections that validated on their own. */
  data: Record<string, unknown>;
  /** Every problem so far, located and sorted by position. */
  problems: Problem[];
}

/**
 * Reads spec text as far as it goes (see `SpecDraft`).
 * @throws CounterfairError only when the text is not a YAML mapping at all.
 */
export function draftSpec(text: string, file: string, bytes?: Uint8Array): SpecDraft {
  const { data, locator } = parseYamlMapping(text, file, 'spec', 'an audit must be a YAML mapping (name:, model:, templates:, axes:)');
  const base = { file, dir: path.dirname(path.resolve(file)), hash: createHash('sha256').update(bytes ?? text).digest('hex'), locator, data };
  const checked = validateAs(AuditSpecSchema, data, locator);
  if (!checked.ok) return { ...base, spec: undefined, problems: checked.problems };
  return { ...base, spec: checked.data, problems: checkSpec(checked.data).map((i) => locateIssue(locator, i)).sort(byPosition) };
}

/** Reads a spec file as far as it goes (see `SpecDraft`). */
export function draftSpecFile(file: string): SpecDraft {
  const { bytes, text } = readUtf8(file, 'spec', 'spec');
  return draftSpec(text, file, bytes);
}

/** Gives the issues raised by a pure stage their line and column in the spec file. */
export function specError(loaded: Pick<LoadedSpec, 'locator'>, err: SpecIssueError): CounterfairError {
  return new CounterfairError('spec', err.issues.map((i) => locateIssue(loaded.locator, i)));
}
