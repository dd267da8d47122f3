/**
 * `counterfair models fetch <id> [--revision R] [--dtype D]`: fills the model cache ahead of a run
 * (src/classify/onnx/hub.ts), so that runs after it, in CI say, need no network. HF_ENDPOINT names
 * a mirror, COUNTERFAIR_MODEL_CACHE the cache folder (docs/models.md).
 */
import { fetchModel } from '../../classify/index.js';
import { CounterfairError } from '../../shared/errors.js';
import type { CliCommand } from '../command.js';
import { EXIT, inert } from '../context.js';

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'hub models: "fetch <id> [--revision R] [--dtype D]" downloads one into the model cache, so later runs need no network',
  configure: (c) =>
    c
      .argument('<action>', 'fetch')
      .argument('<id>', 'Hugging Face model id, e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english')
      .option('--revision <rev>', 'branch, tag or commit (default: main)')
      .option('--dtype <dtype>', 'weights to fetch: fp32, fp16, q8 or q4', 'fp32'),
  async run(ctx, [action, id], flags) {
    if (action !== 'fetch') throw new CounterfairError('input', `unknown models action "${inert(String(action))}"; write models fetch <id>`);
    const revision = typeof flags['revision'] === 'string' ? flags['revision'] : undefined;
    const fetched = await fetchModel(String(id), { revision, dtype: String(flags['dtype']) });
    const model = `${inert(String(id))}${revision ? ` (revision ${inert(revision)})` : ''}`;
    const size = `${(fetched.bytes / 1e6).toFixed(1)} MB`;
    ctx.out(`${fetched.downloaded ? 'fetched' : 'already cached:'} ${model} in ${fetched.folder}: ${fetched.files.join(', ')} (${size})\n`);
    return EXIT.pass;
  },
};
