import { readFileSync } from 'node:fs';

/** counterfair's version, read from package.json (the same relative place from src/ and dist/). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
