/** `counterfair augment <corpus>`: a corpus with the counterfactual copies of its rows, labels kept. */
import { CounterfairError, type Problem } from '../../shared/errors.js';
import {
  AUGMENT_AXES,
  AUGMENT_MODES,
  augmentFile,
  augmentSummary,
  formatOf,
  MESSAGES,
  writeAugmented,
  type AugmentMode,
} from '../../augment/index.js';
import type { CliCommand } from '../command.js';
import { EXIT } from '../context.js';
import { parseCount, parsePath, parseSeed } from '../flags.js';

export const augmentCommand: CliCommand = {
  name: 'augment',
  summary: 'write a corpus with the counterfactual copies of its rows, labels kept (counterfactual data augmentation)',
  configure: (c) =>
    c
      .argument('<corpus>', 'a .csv (with a header row) or .jsonl file')
      .requiredOption('--axes <axes>', `axes to swap, comma-separated: ${AUGMENT_AXES.map((a) => a.name).join(', ')}, or lexicon files`)
      .requiredOption('-o, --out <file>', "where the augmented corpus goes, in the corpus's format (.csv or .jsonl)", parsePath)
      .option('--mode <mode>', AUGMENT_MODES.map((m) => `${m.name}: ${m.doc}, ${m.reference}`).join('; '), AUGMENT_MODES[0]?.name)
      .option('--groups <axis=groups>', 'swap among these groups of an axis, e.g. country=India,Iraq,Germany (repeatable)', collect)
      .option('--copies <n>', 'two-sided: copies per row and axis, drawn among the other groups (default: one per other group)', parseCount)
      .option('--names', 'swap first names too, with frequency-matched partners (names intervention; needs gender)')
      .option('--name-pairs <file>', 'the name pairs to use: a JSON/YAML list of [male, female] (implies --names)', parsePath)
      .option('--lower-case', 'the corpus is lower-cased (like GLUE SST-2): find names in any case, write swaps in lower case')
      .option('--language <code>', "the corpus's language, which picks the lexicons and grammar (en, es)", 'en')
      .option('--seed <n>', 'seed of the random draws', parseSeed, 1)
      .option('--text <column>', 'column (CSV) or key (JSON Lines) of the text', 'text')
      .option('--text-pair <column>', 'column of a second text, swapped too (NLI hypothesis)')
      .option('--label <column>', 'column of the gold label (checked; every column is kept on every copy)'),
  run(ctx, [corpus], flags) {
    const out = flags['out'] as string;
    // Checked before the work: a wrong --out should not cost a whole augmentation.
    const inFormat = formatOf(corpus as string);
    if (inFormat !== undefined && formatOf(out) !== inFormat) throw new CounterfairError('input', MESSAGES.outFormat(out, inFormat));
    const result = augmentFile(corpus as string, {
      axes: (flags['axes'] as string).split(',').map((a) => a.trim()).filter((a) => a !== ''),
      groups: parseGroups((flags['groups'] as string[] | undefined) ?? [], MESSAGES.badGroups),
      mode: flags['mode'] as AugmentMode,
      copies: flags['copies'] as number | undefined,
      names: flags['names'] as boolean | undefined,
      namePairs: flags['namePairs'] as string | undefined,
      lowerCase: flags['lowerCase'] as boolean | undefined,
      language: flags['language'] as string,
      seed: flags['seed'] as number,
      text: flags['text'] as string,
      textPair: flags['textPair'] as string | undefined,
      label: flags['label'] as string | undefined,
    });
    writeAugmented(out, result);
    for (const line of augmentSummary(result, out)) ctx.out(`${line}\n`);
    return EXIT.pass;
  },
};

/** A repeatable flag's values, in order. */
function collect(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), value];
}

/** `--groups country=India,Iraq --groups gender=female,male` → { country: [India, Iraq], gender: [female, male] }. */
function parseGroups(values: readonly string[], bad: (value: string) => Problem): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) throw new CounterfairError('input', bad(value));
    out[(match[1] as string).trim()] = (match[2] as string).split(',').map((g) => g.trim()).filter((g) => g !== '');
  }
  return out;
}
