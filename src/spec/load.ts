/**
 * Loads an audit file: YAML with line counting, validated by the one zod schema. Every problem
 * in the file is reported at once, each as `file:line:col: message`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { CounterfairError, SpecIssueError } from '../shared/errors.js';
import { readUtf8 } from '../shared/read-text.js';
import { parseYamlAs } from '../shared/yaml/parse.js';
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
 */
export function parseSpec(text: string, file: string, bytes?: Uint8Array): LoadedSpec {
  const { data: spec, locator } = parseYamlAs(AuditSpecSchema, text, file, 'spec', 'an audit must be a YAML mapping (name:, model:, templates:, axes:)');
  const issues = checkSpec(spec);
  if (issues.length > 0) throw new CounterfairError('spec', issues.map((i) => ({ location: locator.locate(i.path, i.key), message: i.message, ...(i.id ? { id: i.id } : {}) })));
  return {
    spec,
    file,
    dir: path.dirname(path.resolve(file)),
    hash: createHash('sha256').update(bytes ?? text).digest('hex'),
    locator,
  };
}

/** Gives the issues raised by a pure stage their line and column in the spec file. */
export function specError(loaded: Pick<LoadedSpec, 'locator'>, err: SpecIssueError): CounterfairError {
  return new CounterfairError('spec', err.issues.map((i) => ({ location: loaded.locator.locate(i.path, i.key), message: i.message, ...(i.id ? { id: i.id } : {}) })));
}
