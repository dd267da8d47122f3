/**
 * The lexicon file format (lexicons/README.md) and the structural checks that make a file
 * usable at all. The stricter content checks (duplicates, unpaired forms, names that are common
 * words) are the lint's, in lint.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { parseYamlAs } from '../shared/yaml/parse.js';
import type { Locator } from '../shared/yaml/locate.js';
import { suggestion } from '../shared/suggest.js';
import { fieldInfo } from './fields.js';
import { LANGUAGE_CODES } from './language.js';
import type { Lexicon } from './types.js';

const text = z.string().min(1);
// A list may be empty (a country with no aliases); a template slot that needs it says so.
const list = z.array(text);
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _');

const FieldSchema = z.union([
  z.string(),
  z.strictObject({
    doc: z.string(),
    paired: identifier.optional(),
    by: identifier.optional(),
    swap: z.union([z.boolean(), identifier]).optional(),
    role: z.enum(['determiner', 'standalone', 'feminine', 'masculine']).optional(),
    names: z.boolean().optional(),
  }),
]);

/** The lexicon file format, as a zod schema. */
export const LexiconSchema = z.strictObject({
  name: z.string().min(1),
  language: z.enum(LANGUAGE_CODES).optional(),
  description: z.string().optional(),
  source: z.string().min(1),
  license: z.string().optional(),
  default_field: z.string().min(1),
  default_groups: z.array(text).min(2).optional(),
  fields: z.record(identifier, FieldSchema),
  common_words: z.record(z.string(), text).optional(),
  groups: z
    .array(
      z.strictObject({
        group: text,
        forms: z.record(z.string(), z.union([text, list, z.record(z.string(), z.union([text, list]))])),
        attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        source: z.string().optional(),
      }),
    )
    .min(2),
});

/**
 * Reads and checks a lexicon file: the schema, then that the default field exists, every group
 * has exactly the declared fields in the declared shape (a list for a paired field, a mapping for
 * a `by` field), group names are unique and `default_groups` names groups.
 * @param shownAs how the file is named in messages.
 * @param options.builtin the file ships with counterfair: a JSON file is then read by JSON.parse,
 *   with positions worked out only for problems (see `parseBuiltinJson`).
 * @throws CounterfairError (code `lexicon`) listing every problem with its file:line:col.
 */
export function readLexiconFile(file: string, shownAs: string, options: { builtin?: boolean } = {}): Lexicon {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CounterfairError('lexicon', { location: { file: shownAs }, message: `cannot read lexicon: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
  }
  return (options.builtin && file.endsWith('.json') ? parseBuiltinJson(source, shownAs) : parseLexicon(source, shownAs)).lexicon;
}

/**
 * A built-in JSON lexicon, read with JSON.parse: the YAML parser, which keeps every position
 * for error messages, takes ~0.3 s on the countries lexicon, and every run reads it. Built-ins
 * pass the full checks in the tests (the lint reads them through `parseLexicon`), so positions
 * are only worked out here, by the YAML parser, if something is wrong after all.
 */
function parseBuiltinJson(source: string, shownAs: string): { lexicon: Lexicon; locator: Locator } {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return parseLexicon(source, shownAs);
  }
  const parsed = LexiconSchema.safeParse(data);
  if (!parsed.success) return parseLexicon(source, shownAs);
  let located: Locator | undefined;
  const locator: Locator = { locate: (p, key) => (located ??= parseLexicon(source, shownAs).locator).locate(p, key) };
  return checkLexicon(parsed.data, locator);
}

/**
 * Parses and checks lexicon text (as `readLexiconFile`), keeping the locator that maps paths in
 * it to lines, for the lint.
 * @throws CounterfairError (code `lexicon`) listing every problem.
 */
export function parseLexicon(source: string, shownAs: string): { lexicon: Lexicon; locator: Locator } {
  const { data, locator } = parseYamlAs(LexiconSchema, source, shownAs, 'lexicon', 'a lexicon must be a mapping (name:, source:, default_field:, fields:, groups:)');
  return checkLexicon(data, locator);
}

/** The checks beyond the schema (see `readLexiconFile`). */
function checkLexicon(data: z.output<typeof LexiconSchema>, locator: Locator): { lexicon: Lexicon; locator: Locator } {
  const problems: Problem[] = [];
  const at = (p: (string | number)[], message: string, key = false): void => {
    problems.push({ location: locator.locate(p, key), message });
  };
  const lexicon = data as Lexicon;
  const fields = Object.keys(data.fields);
  if (!fields.includes(data.default_field)) at(['default_field'], `default_field "${data.default_field}" is not one of the fields${suggestion(data.default_field, fields)}`);
  for (const f of fields) {
    const info = fieldInfo(lexicon, f);
    if (info.paired !== undefined && info.by !== undefined) at(['fields', f], `field "${f}" cannot be both paired and by another axis`);
    if (typeof info.swap === 'string' && !fields.includes(info.swap)) at(['fields', f, 'swap'], `swap names field "${info.swap}", which is not declared${suggestion(info.swap, fields)}`);
  }
  const seen = new Map<string, number>();
  data.groups.forEach((g, i) => {
    const first = seen.get(g.group);
    if (first !== undefined) at(['groups', i, 'group'], `group "${g.group}" is already defined by groups[${first}]`);
    seen.set(g.group, i);
    for (const f of fields) if (!(f in g.forms)) at(['groups', i, 'forms'], `group "${g.group}" has no "${f}" form`);
    for (const [f, form] of Object.entries(g.forms)) {
      if (!fields.includes(f)) {
        at(['groups', i, 'forms', f], `field "${f}" is not declared under "fields"${suggestion(f, fields)}`, true);
        continue;
      }
      const info = fieldInfo(lexicon, f);
      const shape = typeof form === 'string' ? 'a string' : Array.isArray(form) ? 'a list' : 'a mapping';
      if (info.by !== undefined && shape !== 'a mapping') at(['groups', i, 'forms', f], `field "${f}" is by ${info.by}: write a mapping from each ${info.by} group to its form, not ${shape}`);
      if (info.by === undefined && shape === 'a mapping') at(['groups', i, 'forms', f], `field "${f}" holds a mapping, which only a field declared with "by" may`);
      if (info.paired !== undefined && shape !== 'a list') at(['groups', i, 'forms', f], `field "${f}" is paired (series ${info.paired}): write a list, not ${shape}`);
    }
  });
  checkSeries(lexicon, at);
  const groupNames = data.groups.map((g) => g.group);
  data.default_groups?.forEach((g, i) => {
    if (!groupNames.includes(g)) at(['default_groups', i], `default_groups names "${g}", which is not a group${suggestion(g, groupNames)}`);
  });
  if (problems.length > 0) throw new CounterfairError('lexicon', problems);
  return { lexicon, locator };
}

/**
 * Paired fields must line up: in a series, every field of every group has the same number of
 * items, so item i of one group always has its counterpart i in the others.
 */
function checkSeries(lexicon: Lexicon, at: (p: (string | number)[], message: string) => void): void {
  const series = new Map<string, string[]>();
  for (const f of Object.keys(lexicon.fields)) {
    const name = fieldInfo(lexicon, f).paired;
    if (name !== undefined) series.set(name, [...(series.get(name) ?? []), f]);
  }
  for (const [name, fields] of series) {
    let expected: { n: number; where: string } | undefined;
    lexicon.groups.forEach((g, i) => {
      for (const f of fields) {
        const form = g.forms[f];
        if (!Array.isArray(form)) continue;
        if (expected === undefined) expected = { n: form.length, where: `${g.group}.${f}` };
        else if (form.length !== expected.n) {
          at(['groups', i, 'forms', f], `unpaired forms: "${g.group}" has ${form.length} ${f} item(s) but ${expected.where} has ${expected.n}; every field of series ${name} needs one item per position in every group`);
        }
      }
    });
  }
}
