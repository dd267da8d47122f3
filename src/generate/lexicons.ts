/**
 * Finds and loads lexicons: built-in ones by name from the package's `lexicons/` folder, users'
 * own YAML/JSON files by path relative to the spec. With corpus reading, the generate stage's only I/O.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CounterfairError, SpecIssueError, type SpecIssue } from '../shared/errors.js';
import type { GenerateSpec } from './schema.js';
import { packageFile } from '../shared/package-files.js';
import { suggestion } from '../shared/suggest.js';
import { readLexiconFile } from './lexicon-file.js';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_CODES, LANGUAGES, type Language } from './language.js';
import type { Lexicon } from './types.js';

/** Folder of the built-in lexicons. */
export const BUILTIN_LEXICON_DIR = packageFile('lexicons');

/** Names of the built-in lexicons of a language (English by default). */
export function builtinLexiconNames(language: Language = DEFAULT_LANGUAGE): string[] {
  const dir = path.join(BUILTIN_LEXICON_DIR, LANGUAGES[language].lexiconDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .map((f) => f.replace(/\.(json|ya?ml)$/, ''))
    .sort();
}

/**
 * Every built-in lexicon of every language, as the CLI names them: English ones by name
 * (`countries`), the others with their language folder (`es/countries`).
 */
export function allBuiltinLexiconRefs(): string[] {
  return LANGUAGE_CODES.flatMap((language) => builtinLexiconNames(language).map((name) => qualified(name, language)));
}

/** A built-in lexicon's name as the CLI writes it: `countries`, `es/countries`. */
function qualified(name: string, language: Language): string {
  const dir = LANGUAGES[language].lexiconDir;
  return dir === '' ? name : `${dir}/${name}`;
}

/** A CLI reference to a built-in (`countries`, `es/countries`) → its name and language, or undefined. */
export function parseBuiltinRef(ref: string): { name: string; language: Language } | undefined {
  const m = /^([a-z]{2})\/([A-Za-z0-9_-]+)$/.exec(ref);
  if (m && isLanguage(m[1] as string) && builtinLexiconFile(m[2] as string, m[1] as Language)) return { name: m[2] as string, language: m[1] as Language };
  if (!isLexiconPath(ref)) return { name: ref, language: DEFAULT_LANGUAGE };
  return undefined;
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
export function loadAxisLexicons(spec: GenerateSpec, specDir: string): Record<string, Lexicon> {
  const issues: SpecIssue[] = [];
  const out: Record<string, Lexicon> = {};
  for (const [axis, axisSpec] of Object.entries(spec.axes)) {
    const lexicon = resolveLexicon(axisSpec.lexicon, specDir, spec.language, ['axes', axis, 'lexicon'], issues);
    if (lexicon) out[axis] = lexicon;
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return out;
}

/**
 * Loads the lexicon of every filler declared as `{ lexicon: … }` (plain word lists need none).
 * @throws SpecIssueError / CounterfairError as `loadAxisLexicons`.
 */
export function loadFillerLexicons(spec: GenerateSpec, specDir: string): Record<string, Lexicon> {
  const issues: SpecIssue[] = [];
  const out: Record<string, Lexicon> = {};
  for (const [name, filler] of Object.entries(spec.fillers ?? {})) {
    if (Array.isArray(filler)) continue;
    const lexicon = resolveLexicon(filler.lexicon, specDir, spec.language, ['fillers', name, 'lexicon'], issues);
    if (lexicon) out[name] = lexicon;
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return out;
}

/**
 * Loads a lexicon named in a spec (a built-in name of the spec's language, or a path), or records
 * why it cannot: a missing file, an unknown name, a lexicon written in another language.
 */
export function resolveLexicon(ref: string, specDir: string, language: Language, where: (string | number)[], issues: SpecIssue[]): Lexicon | undefined {
  let lexicon: Lexicon;
  if (isLexiconPath(ref)) {
    const file = path.resolve(specDir, ref);
    if (!existsSync(file)) {
      issues.push({ path: where, message: `lexicon file ${ref} not found (looked at ${path.relative(process.cwd(), file) || file})` });
      return undefined;
    }
    lexicon = readLexiconFile(file, path.relative(process.cwd(), file) || file);
  } else {
    const builtins = builtinLexiconNames(language);
    if (!builtins.includes(ref)) {
      const elsewhere = LANGUAGE_CODES.filter((l) => l !== language && builtinLexiconNames(l).includes(ref)).map((l) => LANGUAGES[l].name);
      const note = elsewhere.length > 0 ? ` ("${ref}" is a built-in lexicon in ${elsewhere.join(', ')}, not in ${LANGUAGES[language].name})` : '';
      issues.push({ path: where, id: 'generate.unknown-lexicon', message: `unknown lexicon "${ref}"${note}${suggestion(ref, builtins)}; built-in ${language === DEFAULT_LANGUAGE ? '' : `${LANGUAGES[language].name} `}lexicons are ${builtins.join(', ')}, or give a path to a YAML/JSON file` });
      return undefined;
    }
    lexicon = loadBuiltinLexicon(ref, language);
  }
  if (lexicon.language !== undefined && lexicon.language !== language) {
    issues.push({
      path: where,
      id: 'generate.lexicon-language',
      message: `lexicon "${lexicon.name}" is in ${LANGUAGES[lexicon.language].name} but this audit is in ${LANGUAGES[language].name} (language: ${language}): use a ${LANGUAGES[language].name} lexicon${language === DEFAULT_LANGUAGE ? '' : ` or set language: ${lexicon.language}`}`,
    });
    return undefined;
  }
  return lexicon;
}

/** The file of a built-in lexicon of a language (English by default), or undefined. */
export function builtinLexiconFile(name: string, language: Language = DEFAULT_LANGUAGE): string | undefined {
  const dir = path.join(BUILTIN_LEXICON_DIR, LANGUAGES[language].lexiconDir);
  return ['json', 'yaml', 'yml'].map((ext) => path.join(dir, `${name}.${ext}`)).find((f) => existsSync(f));
}

/** A built-in lexicon by its CLI reference (`countries`, `es/countries`): its file, and how messages name it. */
export function builtinLexiconTarget(ref: string): { file: string; shown: string } | undefined {
  const known = parseBuiltinRef(ref);
  const file = known && builtinLexiconFile(known.name, known.language);
  return file ? { file, shown: `lexicons/${path.relative(BUILTIN_LEXICON_DIR, file).split(path.sep).join('/')}` } : undefined;
}

/** Loads a built-in lexicon by name, of a language (English by default). */
export function loadBuiltinLexicon(name: string, language: Language = DEFAULT_LANGUAGE): Lexicon {
  const file = builtinLexiconFile(name, language);
  if (!file) throw new CounterfairError('lexicon', `no built-in lexicon "${qualified(name, language)}"${suggestion(qualified(name, language), allBuiltinLexiconRefs())}`);
  return readLexiconFile(file, `lexicons/${path.relative(BUILTIN_LEXICON_DIR, file).split(path.sep).join('/')}`, { builtin: true });
}
