/**
 * Builds counterfair's reference text-classification models into `models/`,
 * each in the Hugging Face transformers.js folder layout.
 *
 * Usage:
 *
 * ```sh
 * npx tsx scripts/build-models.ts                 # every model
 * npx tsx scripts/build-models.ts planted-bias    # only the named ones
 * npx tsx scripts/build-models.ts sst2-bow
 * npx tsx scripts/build-models.ts sst2-bow-cda   # after sst2-bow, which it is compared with
 * ```
 *
 * - `models/planted-bias`: hand-set weights from `scripts/models/planted-bias.weights.json`.
 * - `models/sst2-bow`: trained on SST-2 from `../shared/data/sst2-glue` (override with
 *   the `COUNTERFAIR_SST2_DIR` environment variable, relative to the repository root).
 * - `models/sst2-bow-cda`: the same, trained on SST-2 after counterfactual data augmentation
 *   (gender, country) by `counterfair augment`'s library function.
 *
 * Every build loads the written folder back through transformers.js and fails if
 * the tokenizer or the model output differ from the reference computation.
 * Output is deterministic: rebuilding writes byte-identical files.
 *
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANTED_BIAS_NAME, PLANTED_WEIGHTS_FILE, buildPlantedBias } from './models/planted-bias.js';
import { SST2_BOW_NAME, buildSst2Bow } from './models/sst2-bow.js';
import { SST2_BOW_CDA_NAME, buildSst2BowCda } from './models/sst2-bow-cda.js';
import { sst2Dir } from './models/sst2-data.js';
import type { WrittenFile } from './models/write-model-folder.js';

/** Repository root (the folder above `scripts/`). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Builder = (folder: string, log: (msg: string) => void) => Promise<WrittenFile[]>;

const BUILDERS: Readonly<Record<string, Builder>> = {
  [PLANTED_BIAS_NAME]: (folder, log) => buildPlantedBias(folder, path.join(REPO_ROOT, PLANTED_WEIGHTS_FILE), log),
  [SST2_BOW_NAME]: (folder, log) => buildSst2Bow(folder, sst2Dir(REPO_ROOT), log),
  [SST2_BOW_CDA_NAME]: (folder, log) => buildSst2BowCda(folder, sst2Dir(REPO_ROOT), path.join(REPO_ROOT, 'models', SST2_BOW_NAME), log),
};

function usage(): string {
  return `usage: npx tsx scripts/build-models.ts [${Object.keys(BUILDERS).join('|')} ...]\n(default: all models)`;
}

function formatBytes(n: number): string {
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const unknown = argv.filter((name) => !(name in BUILDERS));
  if (unknown.length > 0) throw new Error(`unknown model ${unknown.join(', ')}\n${usage()}`);
  const names = argv.length > 0 ? [...new Set(argv)] : Object.keys(BUILDERS);

  for (const name of names) {
    const builder = BUILDERS[name] as Builder;
    const folder = path.join(REPO_ROOT, 'models', name);
    const started = performance.now();
    console.log(`building ${name} → ${path.relative(REPO_ROOT, folder)}`);
    const written = await builder(folder, (msg) => console.log(msg));
    for (const file of written) {
      const rel = path.relative(REPO_ROOT, file.path).split(path.sep).join('/');
      console.log(`  wrote ${rel.padEnd(40)} ${formatBytes(file.bytes).padStart(10)}  sha256 ${file.sha256.slice(0, 16)}`);
    }
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
