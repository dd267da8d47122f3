/**
 * Reader for the GLUE SST-2 TSV files in `../shared/data/sst2-glue`
 * (see PROVENANCE.md there): header `sentence<TAB>label`, label 1 = positive.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One labelled SST-2 sentence (text as stored, trailing space removed). */
export interface Sst2Example {
  sentence: string;
  label: 0 | 1;
}

/** Train files (concatenated in this order) and the dev file, relative to the data folder. */
export const SST2_FILES = {
  train: ['train_part1_alps_train.tsv', 'train_part2_alps_dev.tsv'],
  dev: 'dev.tsv',
} as const;

/**
 * Default data folder, relative to the repository root; the environment
 * variable `COUNTERFAIR_SST2_DIR` overrides it.
 */
export const DEFAULT_SST2_DIR = '../shared/data/sst2-glue';

/** Resolves the SST-2 data folder for a repository root. */
export function sst2Dir(repoRoot: string): string {
  return path.resolve(repoRoot, process.env['COUNTERFAIR_SST2_DIR'] ?? DEFAULT_SST2_DIR);
}

/** Parses one SST-2 TSV file. @throws Error on a malformed header or row. */
export function readSst2Tsv(file: string): Sst2Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = (lines.shift() ?? '').replace(/\r$/, '');
  if (header !== 'sentence\tlabel') throw new Error(`${file}: unexpected header ${JSON.stringify(header)}`);
  const out: Sst2Example[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    const tab = line.lastIndexOf('\t');
    const label = line.slice(tab + 1);
    if (tab < 0 || (label !== '0' && label !== '1')) throw new Error(`${file}:${i + 2}: malformed row`);
    out.push({ sentence: line.slice(0, tab).trimEnd(), label: label === '1' ? 1 : 0 });
  });
  return out;
}

/** Loads the train set (both parts) and the dev set. */
export function loadSst2(dir: string): { train: Sst2Example[]; dev: Sst2Example[] } {
  const train = SST2_FILES.train.flatMap((f) => readSst2Tsv(path.join(dir, f)));
  const dev = readSst2Tsv(path.join(dir, SST2_FILES.dev));
  return { train, dev };
}
