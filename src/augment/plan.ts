/**
 * Options → plan, in one place: axes named or given as lexicon files, their groups, the names
 * intervention, lower-cased corpora. The I/O of loading lexicons and a pairs file happens here,
 * so that `augmentCorpus` stays pure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, loadBuiltinLexicon, readLexiconFile, type Language, type Lexicon } from '../generate/index.js';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { lowerCased } from './lower-case.js';
import { MESSAGES } from './messages.js';
import { AUGMENT_AXES, MODE_NAMES } from './modes.js';
import { builtinNamePairs, readNamePairs, withNames } from './names.js';
import { quickFinder } from './quick-finder.js';
import type { AugmentAxis, AugmentMode, AugmentPlan, NamePairsInfo } from './types.js';

/** What a caller asks of `augmentFile` (the CLI's flags, one for one). */
export interface AugmentOptions {
  /** Axes by name (gender, country, religion) or lexicon files (.yaml, .yml, .json). */
  axes: readonly string[];
  /** Axis → the groups to swap among; default the lexicon's default groups (gender: female, male), else all. */
  groups?: Readonly<Record<string, readonly string[]>>;
  /** Default two-sided. */
  mode?: AugmentMode;
  /** two-sided: counterfactual copies per row and axis, drawn among the other groups; default one per other group. */
  copies?: number;
  /** The names intervention with the built-in pairs (needs the gender axis). */
  names?: boolean;
  /** The names intervention with the pairs in this file (implies `names`). */
  namePairs?: string;
  /** The corpus is lower-cased: find capitalised forms in any case, write swaps in lower case. */
  lowerCase?: boolean;
  /** The corpus's language (en, es; default en): the built-in lexicons and grammar of the swaps. */
  language?: string;
  /** Default 1. */
  seed?: number;
  /** Column of the text; default "text". */
  text?: string;
  /** Column of a second text, swapped the same way. */
  textPair?: string;
  /** Column of the gold label: checked to exist, and kept on every copy like every column. */
  label?: string;
}

/**
 * Resolves options into a plan: loads each axis's lexicon, checks its groups, adds the name pairs.
 * @throws CounterfairError (`input`) listing every problem, each one line.
 */
export function resolvePlan(options: AugmentOptions): AugmentPlan {
  const problems: Problem[] = [];
  const mode = options.mode ?? 'two-sided';
  if (!MODE_NAMES.includes(mode)) problems.push(MESSAGES.unknownMode(mode, MODE_NAMES));
  if (options.copies !== undefined && mode !== 'two-sided') problems.push(MESSAGES.copiesMode());
  const code = options.language ?? DEFAULT_LANGUAGE;
  const language = LANGUAGE_CODES.find((l) => l === code);
  if (language === undefined) {
    problems.push(MESSAGES.unknownLanguage(code, LANGUAGE_CODES));
    throw new CounterfairError('input', problems);
  }
  if (options.lowerCase && language !== 'en') problems.push(MESSAGES.lowerCaseLanguage(code));
  const loaded: { name: string; lexicon: Lexicon }[] = [];
  for (const ref of options.axes) {
    const axis = loadAxis(ref, language, problems);
    if (axis === undefined) continue;
    if (loaded.some((a) => a.name === axis.name)) problems.push(MESSAGES.repeatedAxis(axis.name));
    else loaded.push(axis);
  }
  const names = loaded.map((a) => a.name);
  for (const [axis, groups] of Object.entries(options.groups ?? {})) {
    const lexicon = loaded.find((a) => a.name === axis)?.lexicon;
    if (lexicon === undefined) {
      problems.push(MESSAGES.groupsAxis(axis, names));
      continue;
    }
    const all = lexicon.groups.map((g) => g.group);
    for (const g of groups) if (!all.includes(g)) problems.push(MESSAGES.unknownGroup(axis, g, all));
    if (new Set(groups).size < 2) problems.push(MESSAGES.fewGroups(axis));
  }
  const wantsNames = options.names === true || options.namePairs !== undefined;
  let pairs: NamePairsInfo | null = null;
  if (wantsNames) {
    const gender = loaded.find((a) => a.name === 'gender');
    const groups = gender ? groupsOf(gender.lexicon, options.groups?.['gender']) : [];
    if (!gender) problems.push(MESSAGES.namesNeedGender());
    else if (language !== 'en' && options.namePairs === undefined) problems.push(MESSAGES.namesLanguage(code));
    else if (groups.length !== 2 || !groups.includes('female') || !groups.includes('male')) problems.push(MESSAGES.namesGroups(groups));
    else pairs = options.namePairs !== undefined ? readNamePairs(path.resolve(options.namePairs), options.namePairs) : builtinNamePairs();
  }
  if (problems.length > 0) throw new CounterfairError('input', problems);

  const leftOutForms: Record<string, string[]> = {};
  const axes = loaded.map(({ name, lexicon }): AugmentAxis => {
    const full = name === 'gender' && pairs !== null ? withNames(lexicon, pairs) : lexicon;
    const info = { name, lexicon: lexicon.name, groups: groupsOf(lexicon, options.groups?.[name]) };
    if (!options.lowerCase) return { axis: info, lexicon: full, finder: quickFinder(full, new Set(), language) };
    const lower = lowerCased(full);
    leftOutForms[name] = lower.leftOut;
    return { axis: info, lexicon: lower.lexicon, finder: quickFinder(lower.lexicon, lower.dropped, language) };
  });
  const copies = options.copies ?? null;
  return { mode, language, axes, seed: options.seed ?? 1, copies, lowerCase: options.lowerCase ?? false, names: pairs, leftOutForms };
}

/** An axis by name, or a lexicon file (named after its lexicon), or why not. */
function loadAxis(ref: string, language: Language, problems: Problem[]): { name: string; lexicon: Lexicon } | undefined {
  const entry = AUGMENT_AXES.find((a) => a.name === ref);
  let axis: { name: string; lexicon: Lexicon };
  if (entry !== undefined) {
    axis = { name: entry.name, lexicon: loadBuiltinLexicon(entry.lexicon, language) };
  } else if (/[\\/]/.test(ref) || /\.(json|ya?ml)$/i.test(ref)) {
    if (!existsSync(ref)) {
      problems.push(MESSAGES.lexiconNotFound(ref));
      return undefined;
    }
    const lexicon = readLexiconFile(path.resolve(ref), ref);
    axis = { name: lexicon.name, lexicon };
  } else {
    problems.push(MESSAGES.unknownAxis(ref, AUGMENT_AXES.map((a) => a.name)));
    return undefined;
  }
  const swaps = Object.values(axis.lexicon.fields).some((f) => typeof f !== 'string' && f.swap && f.by === undefined);
  if (!swaps) {
    problems.push(MESSAGES.nothingToSwap(ref));
    return undefined;
  }
  return axis;
}

/** The groups an axis swaps among: those asked for, else the lexicon's default groups, else all. */
function groupsOf(lexicon: Lexicon, asked: readonly string[] | undefined): string[] {
  return asked !== undefined ? [...new Set(asked)] : (lexicon.default_groups ?? lexicon.groups.map((g) => g.group));
}
