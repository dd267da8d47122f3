/** `counterfair augment`: flags → options → `augmentFile` → the file written atomically and the summary printed. */
import { CounterfairError } from '../shared/errors.js';
import { augmentFile } from './index.js';
import { formatOf, writeAugmented } from './io.js';
import { MESSAGES } from './messages.js';
import type { AugmentOptions } from './plan.js';
import { augmentSummary } from './summary.js';
import type { AugmentMode } from './types.js';

/** The flags of `counterfair augment`, as commander parses them. */
export interface AugmentFlags {
  axes: string;
  out: string;
  mode: AugmentMode;
  groups?: string[];
  copies?: number;
  names?: boolean;
  namePairs?: string;
  lowerCase?: boolean;
  seed: number;
  text: string;
  textPair?: string;
  label?: string;
}

/**
 * Runs the command: writes the augmented corpus and prints the summary on `io` (the CLI's).
 * @returns the exit code, 0.
 * @throws CounterfairError (exit 2) for bad input, each problem one located line.
 */
export function augmentCommand(corpus: string, flags: AugmentFlags, io: { stdout: (text: string) => void }): number {
  // Checked before the work: a wrong --out should not cost a whole augmentation.
  const inFormat = formatOf(corpus);
  if (inFormat !== undefined && formatOf(flags.out) !== inFormat) throw new CounterfairError('input', MESSAGES.outFormat(flags.out, inFormat));
  const options: AugmentOptions = {
    axes: flags.axes.split(',').map((a) => a.trim()).filter((a) => a !== ''),
    groups: parseGroups(flags.groups ?? []),
    mode: flags.mode,
    copies: flags.copies,
    names: flags.names,
    namePairs: flags.namePairs,
    lowerCase: flags.lowerCase,
    seed: flags.seed,
    text: flags.text,
    textPair: flags.textPair,
    label: flags.label,
  };
  const result = augmentFile(corpus, options);
  writeAugmented(flags.out, result);
  for (const line of augmentSummary(result, flags.out)) io.stdout(`${line}\n`);
  return 0;
}

/** `--groups country=India,Iraq --groups gender=female,male` → { country: [India, Iraq], gender: [female, male] }. */
function parseGroups(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (!match) throw new CounterfairError('input', MESSAGES.badGroups(value));
    out[(match[1] as string).trim()] = (match[2] as string).split(',').map((g) => g.trim()).filter((g) => g !== '');
  }
  return out;
}
