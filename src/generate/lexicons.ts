/**
 * Finds and loads lexicons: built-in ones by name from the package's `lexicons/` folder, users'
 * own YAML/JSON files by path relative to the spec. With corpus reading, the generate stage's only I/O.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CounterfairError, SpecIssueError, type SpecIssue } from '../shared/errors.js';
import type { AuditSpec } from '../spec/schema.js';
import { packageFile } from '../shared/package-files.js';
import { suggestion } from '../shared/suggest.js';
import { readLexiconFile } from './lexicon-file.js';
import type { Lexicon } from './types.js';

/** Folder of the built-in lexicons. */
export const BUILTIN_LEXICON_DIR = packageFile('lexicons');

/** Names of the built-in lexicons. */
export function builtinLexiconNames(): string[] {
  return readdirSync(BUILTIN_LEXICON_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .map((f) => f.replace(/\.(json|ya?ml)$/, ''))
    .sort();
}

/** True when a lexicon reference is a file path rather than a built-in name. */
export function isLexiconPath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(json|ya?ml)$/i.test(ref);
}

/**
 * Loads the lexicon of every axis of a spec.
 * @param specDir folder of the spec file; lexicon paths are relative to it.
 * @throws SpecIssueError for unknown built-in names or missing files, CounterfairError for a
 *   lexicon file that is not valid.
 */
export function loadAxisLexicons(spec: AuditSpec, specDir: string): Record<string, Lexicon> {
  const issues: SpecIssue[] = [];
  const out: Record<string, Lexicon> = {};
  for (const [axis, axisSpec] of Object.entries(spec.axes)) {
    const lexicon = resolveLexicon(axisSpec.lexicon, specDir, ['axes', axis, 'lexicon'], issues);
    if (lexicon) out[axis] = lexicon;
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return out;
}

/**
 * Loads the lexicon of every filler declared as `{ lexicon: … }` (plain word lists need none).
 * @throws SpecIssueError / CounterfairError as `loadAxisLexicons`.
 */
export function loadFillerLexicons(spec: AuditSpec, specDir: string): Record<string, Lexicon> {
  const issues: SpecIssue[] = [];
  const out: Record<string, Lexicon> = {};
  for (const [name, filler] of Object.entries(spec.fillers ?? {})) {
    if (Array.isArray(filler)) continue;
    const lexicon = resolveLexicon(filler.lexicon, specDir, ['fillers', name, 'lexicon'], issues);
    if (lexicon) out[name] = lexicon;
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return out;
}

/** Loads a lexicon named in a spec (a built-in name or a path), or records why it cannot. */
function resolveLexicon(ref: string, specDir: string, where: (string | number)[], issues: SpecIssue[]): Lexicon | undefined {
  if (isLexiconPath(ref)) {
    const file = path.resolve(specDir, ref);
    if (!existsSync(file)) {
      issues.push({ path: where, message: `lexicon file ${ref} not found (looked at ${path.relative(process.cwd(), file) || file})` });
      return undefined;
    }
    return readLexiconFile(file, path.relative(process.cwd(), file) || file);
  }
  const builtins = builtinLexiconNames();
  if (builtins.includes(ref)) return loadBuiltinLexicon(ref);
  issues.push({ path: where, message: `unknown lexicon "${ref}"${suggestion(ref, builtins)}; built-in lexicons are ${builtins.join(', ')}, or give a path to a YAML/JSON file` });
  return undefined;
}

/** The file of a built-in lexicon, or undefined. */
export function builtinLexiconFile(name: string): string | undefined {
  return ['json', 'yaml', 'yml'].map((ext) => path.join(BUILTIN_LEXICON_DIR, `${name}.${ext}`)).find((f) => existsSync(f));
}

/** Loads a built-in lexicon by name. */
export function loadBuiltinLexicon(name: string): Lexicon {
  const file = builtinLexiconFile(name);
  if (!file) throw new CounterfairError('lexicon', `no built-in lexicon "${name}"${suggestion(name, builtinLexiconNames())}`);
  return readLexiconFile(file, `lexicons/${path.basename(file)}`, { builtin: true });
}
