import { readFileSync } from 'node:fs';
import { packageFile } from './package-files.js';

/** counterfair's version, read from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
