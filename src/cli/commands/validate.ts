/** `counterfair validate <spec>`: everything that can be checked without running the model. */
import { checkAudit } from '../../audit/index.js';
import type { CliCommand } from '../command.js';
import { EXIT } from '../context.js';
import { MAX_SENTENCES_OPTION, parseLimit } from '../flags.js';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check an audit file, its lexicons, gates and model folder without running the model',
  configure: (c) => c.argument('<spec>', 'audit YAML file').option(...MAX_SENTENCES_OPTION, parseLimit),
  async run(ctx, [file], flags) {
    const { generated, model } = (await checkAudit(file as string, { maxSentences: flags['maxSentences'] as number | undefined })).prepared;
    if (model?.note !== undefined) ctx.err(`${model.note}\n`);
    const n = generated.sets.reduce((k, s) => k + s.sentences.length, 0);
    const axes = generated.axes.length;
    ctx.out(`${file as string}: valid (${axes} ${axes === 1 ? 'axis' : 'axes'}, ${generated.sets.length} sets, ${n} sentences)\n`);
    return EXIT.pass;
  },
};
