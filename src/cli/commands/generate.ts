/** `counterfair generate <spec>`: the counterfactual sentences, without a model. */
import path from 'node:path';
import { generateFromSpec } from '../../audit/index.js';
import { CounterfairError } from '../../shared/errors.js';
import { loadSpec } from '../../spec/index.js';
import type { CliCommand } from '../command.js';
import { EXIT } from '../context.js';
import { MAX_SENTENCES_OPTION, parseLimit, parsePath } from '../flags.js';

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'write the counterfactual sentences of an audit, without running a model',
  configure: (c) => c.argument('<spec>', 'audit YAML file').option('-o, --out <file>', 'output file, .jsonl or .csv (default: JSON Lines on stdout)', parsePath).option(...MAX_SENTENCES_OPTION, parseLimit),
  async run(ctx, [file], flags) {
    const out = flags['out'] as string | undefined;
    const [{ renderGenerated }, { writeFilesAtomically }] = await Promise.all([import('../../generate/index.js'), import('../../shared/write-atomic.js')]);
    const generated = generateFromSpec(loadSpec(file as string), { maxSentences: flags['maxSentences'] as number | undefined });
    const { content, counts } = renderGenerated(generated, out === undefined ? 'jsonl' : formatOf(out));
    // The sentences themselves go out as written: they are the data, and JSON Lines escapes them.
    if (out === undefined) ctx.io.stdout(content);
    else writeFilesAtomically(path.dirname(path.resolve(out)), { [path.basename(out)]: content });
    for (const line of counts) ctx.err(`${line}\n`);
    return EXIT.pass;
  },
};

function formatOf(file: string): 'jsonl' | 'csv' {
  if (/\.jsonl$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new CounterfairError('input', { location: { file }, message: 'output must end in .jsonl or .csv' });
}
