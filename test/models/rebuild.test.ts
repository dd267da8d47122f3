// @full: rebuilds every committed model, training included (about 30 s)
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildPlantedBias, PLANTED_WEIGHTS_FILE } from '../../scripts/models/planted-bias.ts';
import { buildSst2Bow } from '../../scripts/models/sst2-bow.ts';
import { buildSst2BowCda } from '../../scripts/models/sst2-bow-cda.ts';
import { sst2Dir } from '../../scripts/models/sst2-data.ts';
import { tempDir } from '../helpers.ts';

/** Every file under a folder, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

function assertSameFolder(built: string, committed: string): void {
  assert.deepEqual(files(built), files(committed));
  for (const f of files(committed)) assert.ok(readFileSync(path.join(built, f)).equals(readFileSync(path.join(committed, f))), `${f} differs from the committed file`);
}

const quiet = () => {};

describe('the model builder regenerates the committed models byte for byte', () => {
  it('models/planted-bias', async () => {
    const out = path.join(tempDir(), 'planted-bias');
    await buildPlantedBias(out, PLANTED_WEIGHTS_FILE, quiet);
    assertSameFolder(out, path.join('models', 'planted-bias'));
  });

  // Training data is in ../shared/data, beside every checkout of this project (CI included).
  const data = sst2Dir(process.cwd());
  it('models/sst2-bow', { skip: existsSync(data) ? false : `SST-2 not found at ${data}` }, async () => {
    const out = path.join(tempDir(), 'sst2-bow');
    await buildSst2Bow(out, data, quiet);
    assertSameFolder(out, path.join('models', 'sst2-bow'));
  });

  // The augmented training set is about four times the original's: some 30 s of CPU.
  it('models/sst2-bow-cda', { skip: existsSync(data) ? false : `SST-2 not found at ${data}` }, async () => {
    const out = path.join(tempDir(), 'sst2-bow-cda');
    await buildSst2BowCda(out, data, path.join('models', 'sst2-bow'), quiet);
    assertSameFolder(out, path.join('models', 'sst2-bow-cda'));
  });
});
