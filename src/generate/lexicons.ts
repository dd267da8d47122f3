/**
 * Finds and loads lexicons: built-in ones by name from the package's `lexicons/` folder, users'
 * own YAML/JSON files by path relative to the spec. This is the generate stage's only I/O.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CounterfairError, SpecIssueError, type Problem, type SpecIssue } from '../errors.js';
import { parseYamlAs } from '../spec/load.js';
import type { AuditSpec } from '../spec/schema.js';
import { suggestion } from '../spec/suggest.js';
import type { Lexicon } from './types.js';

/** Folder of the built-in lexicons (the same relative place from src/ and dist/). */
export const BUILTIN_LEXICON_DIR = fileURLToPath(new URL('../../lexicons/', import.meta.url));

const form = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** The lexicon file format (lexicons/README.md), as a zod schema. */
export const LexiconSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  source: z.string().min(1),
  license: z.string().optional(),
  default_field: z.string().min(1),
  fields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()),
  groups: z
    .array(
      z.strictObject({
        group: z.string().min(1),
        forms: z.record(z.string(), form),
        attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        source: z.string().optional(),
      }),
    )
    .min(2),
});

/** Names of the built-in lexicons. */
export function builtinLexiconNames(): string[] {
  return readdirSync(BUILTIN_LEXICON_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .map((f) => f.replace(/\.(json|ya?ml)$/, ''))
    .sort();
}

/** True when a lexicon reference is a file path rather than a built-in name. */
function isPath(ref: string): boolean {
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
  const builtins = builtinLexiconNames();
  for (const [axis, axisSpec] of Object.entries(spec.axes)) {
    const ref = axisSpec.lexicon;
    const where = ['axes', axis, 'lexicon'];
    if (isPath(ref)) {
      const file = path.resolve(specDir, ref);
      if (!existsSync(file)) {
        issues.push({ path: where, message: `lexicon file ${ref} not found (looked at ${path.relative(process.cwd(), file) || file})` });
        continue;
      }
      out[axis] = readLexiconFile(file, path.relative(process.cwd(), file) || file);
    } else if (builtins.includes(ref)) {
      out[axis] = loadBuiltinLexicon(ref);
    } else {
      issues.push({ path: where, message: `unknown lexicon "${ref}"${suggestion(ref, builtins)}; built-in lexicons are ${builtins.join(', ')}, or give a path to a YAML/JSON file` });
    }
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return out;
}

/** Loads a built-in lexicon by name. */
export function loadBuiltinLexicon(name: string): Lexicon {
  const file = ['json', 'yaml', 'yml'].map((ext) => path.join(BUILTIN_LEXICON_DIR, `${name}.${ext}`)).find((f) => existsSync(f));
  if (!file) throw new CounterfairError('lexicon', `no built-in lexicon "${name}"${suggestion(name, builtinLexiconNames())}`);
  return readLexiconFile(file, `lexicons/${path.basename(file)}`);
}

/**
 * Reads and checks a lexicon file: the schema, then that the default field exists and every
 * group has exactly the declared fields, with unique group names.
 * @param shownAs how the file is named in messages.
 */
export function readLexiconFile(file: string, shownAs: string): Lexicon {
  const text = readFileSync(file, 'utf8');
  const { data, locator } = parseYamlAs(LexiconSchema, text, shownAs, 'lexicon', 'a lexicon must be a mapping (name:, source:, default_field:, fields:, groups:)');
  const problems: Problem[] = [];
  const at = (p: (string | number)[], message: string, key = false): void => {
    problems.push({ location: locator.locate(p, key), message });
  };
  const fields = Object.keys(data.fields);
  if (!fields.includes(data.default_field)) at(['default_field'], `default_field "${data.default_field}" is not one of the fields${suggestion(data.default_field, fields)}`);
  const seen = new Map<string, number>();
  data.groups.forEach((g, i) => {
    const first = seen.get(g.group);
    if (first !== undefined) at(['groups', i, 'group'], `group "${g.group}" is already defined by groups[${first}]`);
    seen.set(g.group, i);
    for (const f of fields) if (!(f in g.forms)) at(['groups', i, 'forms'], `group "${g.group}" has no "${f}" form`);
    for (const f of Object.keys(g.forms)) if (!fields.includes(f)) at(['groups', i, 'forms', f], `field "${f}" is not declared under "fields"${suggestion(f, fields)}`, true);
  });
  if (problems.length > 0) throw new CounterfairError('lexicon', problems);
  return data;
}
