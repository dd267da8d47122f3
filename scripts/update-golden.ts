/**
 * `npm run golden:update`: rewrites test/golden/files from the fixed synthetic run (see
 * test/golden/outputs.ts), for a change to results.json, summary.md or the charts that is
 * meant. Review the diff before committing it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GOLDEN_DIR, goldenOutputs } from '../test/golden/outputs.ts';

mkdirSync(GOLDEN_DIR, { recursive: true });
for (const [name, content] of Object.entries(await goldenOutputs())) {
  writeFileSync(path.join(GOLDEN_DIR, name), content);
  console.log(`wrote ${path.join(GOLDEN_DIR, name)}`);
}
