/**
 * The names intervention (Hall Maudslay et al. 2019): first names are swapped with a partner of
 * the other gender and about the same frequency, along with the gender axis's words, so that
 * "Jessica said she…" becomes "Michael said he…" and never "Jessica said he…".
 *
 * The pairs are the built-in list (lexicons/name-pairs/en.json: the US Social Security
 * Administration's top names of the 1990s, paired rank for rank, public domain) or a file the user
 * names, such as Hall Maudslay et al.'s own 1,000 pairs, which are not shipped: their repository
 * states no license.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { isCommonEnglishWord, type Lexicon } from '../generate/index.js';
import { CounterfairError, type Problem } from '../shared/errors.js';
import { packageFile } from '../shared/package-files.js';
import { createLocator } from '../shared/yaml/locate.js';
import { MESSAGES } from './messages.js';
import type { NamePairsInfo } from './types.js';

/** The lexicon field the pairs are added as. */
export const NAME_FIELD = 'first_name_pair';

/** The built-in pairs file: its source and license, and the pairs with their SSA rank. */
export interface BuiltinNamePairs {
  source: string;
  license: string;
  pairs: { rank: number; female: string; male: string }[];
}

/** The built-in pairs file as shipped (lexicons/name-pairs/en.json). */
export function builtinNamePairsFile(): BuiltinNamePairs {
  return JSON.parse(readFileSync(packageFile('lexicons', 'name-pairs', 'en.json'), 'utf8')) as BuiltinNamePairs;
}

/** The built-in pairs (lexicons/name-pairs/en.json), checked as a user's would be. */
export function builtinNamePairs(): NamePairsInfo {
  return checkedPairs(
    "built-in: the SSA's top names of the 1990s, paired rank for rank",
    builtinNamePairsFile().pairs.map((p) => [p.female, p.male]),
  );
}

/**
 * Reads a user's pairs: a JSON or YAML list of [male, female] pairs (the layout of Hall Maudslay
 * et al.'s names_pairs_1000_scaled.json), or a mapping whose `pairs` lists `{ female, male }`
 * (the built-in file's layout). Names written in lower case are capitalised ("mary ann" → "Mary Ann").
 * @throws CounterfairError (`input`) located in the file.
 */
export function readNamePairs(file: string, shown: string): NamePairsInfo {
  if (!existsSync(file)) throw new CounterfairError('input', MESSAGES.pairsNotFound(shown));
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const { line, col } = lines.linePos(e?.pos[0] ?? 0);
    const what = `invalid JSON or YAML: ${e?.message.split('\n')[0] ?? ''}`;
    throw new CounterfairError('input', MESSAGES.badPairs({ file: shown, line, col }, what));
  }
  const locator = createLocator(shown, doc, lines);
  const bad = (path: (string | number)[], what: string): Problem => MESSAGES.badPairs(locator.locate(path), what);
  const name = (node: unknown): string | undefined =>
    isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
  const root = doc.contents;
  const list = isMap(root) ? root.get('pairs', true) : root;
  const base = isMap(root) ? ['pairs'] : [];
  if (!isSeq(list)) {
    const what = 'expected a list of [male, female] pairs, or a mapping whose "pairs" lists { female, male }';
    throw new CounterfairError('input', bad(base, what));
  }
  const pairs: [string, string][] = [];
  const problems: Problem[] = [];
  list.items.forEach((item: unknown, i) => {
    if (isSeq(item) && item.items.length === 2) {
      const [male, female] = item.items.map(name);
      if (male !== undefined && female !== undefined) return void pairs.push([female, male]);
    } else if (isMap(item)) {
      const female = name(item.get('female', true));
      const male = name(item.get('male', true));
      if (male !== undefined && female !== undefined) return void pairs.push([female, male]);
    }
    problems.push(bad([...base, i], `pair ${i + 1} must be [male, female] or { female, male }, two names`));
  });
  if (problems.length > 0) throw new CounterfairError('input', problems[0] as Problem);
  if (pairs.length === 0) throw new CounterfairError('input', bad(base, 'the list of pairs is empty'));
  return checkedPairs(shown, pairs.map(([f, m]) => [capitalised(f), capitalised(m)]));
}

/** "mary ann" → "Mary Ann", "mary-kate" → "Mary-Kate"; a name with a capital stays as written ("McKenzie"). */
function capitalised(name: string): string {
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|[\s-])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * The pairs that can be swapped safely, and the others with why: a name that is a common English
 * word ("Will", "Grace") would be swapped where it is no name; a name already paired, or paired
 * with itself, has no single partner.
 */
function checkedPairs(source: string, pairs: readonly [string, string][]): NamePairsInfo {
  const used = new Map<string, [string, string]>();
  const kept: [string, string][] = [];
  const leftOut: NamePairsInfo['left_out'] = [];
  for (const pair of pairs) {
    const [female, male] = pair;
    const common = pair.find((n) => isCommonEnglishWord(n));
    const again = pair.find((n) => used.has(n.toLowerCase()));
    let why: string | undefined;
    if (female.toLowerCase() === male.toLowerCase()) why = 'the same name on both sides';
    else if (common !== undefined) why = `"${common}" is a common English word`;
    else if (again !== undefined) why = `"${again}" is already paired (${(used.get(again.toLowerCase()) as [string, string]).join(' / ')})`;
    if (why !== undefined) {
      leftOut.push({ pair: [female, male], why });
      continue;
    }
    kept.push([female, male]);
    for (const n of pair) used.set(n.toLowerCase(), pair as [string, string]);
  }
  return { source, pairs: kept, left_out: leftOut };
}

/** The gender lexicon with the pairs as one more swapped field, paired female ↔ male. */
export function withNames(gender: Lexicon, names: NamePairsInfo): Lexicon {
  return {
    ...gender,
    fields: {
      ...gender.fields,
      [NAME_FIELD]: { doc: 'First names, paired by frequency (names intervention)', paired: NAME_FIELD, swap: true },
    },
    groups: gender.groups.map((g) => {
      const side = g.group === 'female' ? 0 : g.group === 'male' ? 1 : undefined;
      return side === undefined ? g : { ...g, forms: { ...g.forms, [NAME_FIELD]: names.pairs.map((p) => p[side]) } };
    }),
  };
}
