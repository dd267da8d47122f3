/**
 * Every message `counterfair augment` shows a user about bad input, each with a stable id
 * (`Problem.id`): tests match ids and locations, so the wording stays free to improve.
 */
import type { Problem, SourceLocation } from '../shared/errors.js';
import { suggestion } from '../shared/suggest.js';

const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');

function problem(id: string, message: string, location?: SourceLocation): Problem {
  return location === undefined ? { id, message } : { id, message, location };
}

/** The augment stage's messages. */
export const MESSAGES = {
  badFormat: (file: string) => problem('augment.bad-format', 'the corpus must be a .csv (with a header row) or .jsonl file', { file }),
  unreadable: (file: string, code: string) => problem('augment.unreadable', `cannot read the corpus: ${code}`, { file }),
  missingColumn: (file: string, csv: boolean, flag: string, column: string, columns: readonly string[]) => {
    const missing = `${csv ? 'the header has no column' : 'no line has the key'} "${column}"${suggestion(column, columns)}`;
    const known = `${csv ? 'columns' : 'keys'}: ${columns.length > 0 ? quoted(columns) : 'none'}`;
    return problem('augment.missing-column', `${flag} ${column}: ${missing}; ${known}`, { file, line: 1 });
  },
  reservedColumn: (file: string, column: string) =>
    problem('augment.reserved-column', `the corpus already has a column "${column}", which augment writes (is it an augmented corpus?)`, {
      file,
      line: 1,
    }),
  outFormat: (out: string, format: string) =>
    problem('augment.out-format', `--out must be a .${format} file, the format of the corpus`, { file: out }),
  unknownMode: (mode: string, modes: readonly string[]) =>
    problem('augment.unknown-mode', `--mode ${mode}: unknown mode${suggestion(mode, modes)}; modes: ${quoted(modes)}`),
  unknownLanguage: (code: string, codes: readonly string[]) =>
    problem('augment.unknown-language', `--language ${code}: unknown language${suggestion(code, codes)}; languages: ${quoted(codes)}`),
  namesLanguage: (language: string) =>
    problem(
      'augment.names-language',
      `--names: the built-in name pairs are English; the ${language} gender lexicon swaps its own first names, paired by rank ` +
        '(give other pairs with --name-pairs)',
    ),
  lowerCaseLanguage: (language: string) =>
    problem('augment.lower-case-language', `--lower-case knows the common words of English only, not of ${language}`),
  unknownAxis: (name: string, known: readonly string[]) =>
    problem(
      'augment.unknown-axis',
      `--axes ${name}: unknown axis${suggestion(name, known)}; axes: ${quoted(known)}, or a lexicon file (.yaml, .yml, .json)`,
    ),
  repeatedAxis: (name: string) => problem('augment.repeated-axis', `--axes ${name}: the axis is named twice`),
  lexiconNotFound: (file: string) => problem('augment.lexicon-not-found', 'lexicon file not found', { file }),
  nothingToSwap: (axis: string) =>
    problem('augment.nothing-to-swap', `--axes ${axis}: the lexicon has no field declared "swap", so nothing in a corpus would change`),
  badGroups: (value: string) => problem('augment.bad-groups', `--groups ${value}: write AXIS=GROUP,GROUP,… (e.g. country=India,Iraq)`),
  groupsAxis: (axis: string, axes: readonly string[]) =>
    problem('augment.groups-axis', `--groups ${axis}=…: ${axis} is not one of --axes${suggestion(axis, axes)} (${quoted(axes)})`),
  unknownGroup: (axis: string, group: string, groups: readonly string[]) =>
    problem('augment.unknown-group', `--groups ${axis}=…: no group "${group}" in the ${axis} lexicon${suggestion(group, groups)}`),
  fewGroups: (axis: string) => problem('augment.few-groups', `--groups ${axis}=…: name at least two different groups`),
  copiesMode: () => problem('augment.copies-mode', '--copies applies to --mode two-sided only: substitute writes one row per row'),
  namesNeedGender: () => problem('augment.names-need-gender', '--names swaps first names along with the gender axis: add gender to --axes'),
  namesGroups: (groups: readonly string[]) =>
    problem(
      'augment.names-groups',
      `--names pairs female and male names: the gender groups must be female and male, not ${quoted(groups)}`,
    ),
  pairsNotFound: (file: string) => problem('augment.pairs-not-found', 'name pairs file not found', { file }),
  badPairs: (location: SourceLocation, what: string) => problem('augment.bad-pairs', `name pairs: ${what}`, location),
} as const;
