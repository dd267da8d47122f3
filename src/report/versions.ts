/**
 * Versions of the libraries that draw the charts, named in report metadata. Read from their
 * package.json files rather than imported: importing vega costs half a second, and only the
 * chart renderer's worker needs it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let versions: string | undefined;

/** `vega 6.4.0, vega-lite 6.4.3`. */
export function renderVersions(): string {
  versions ??= `vega ${packageVersion('vega')}, vega-lite ${packageVersion('vega-lite')}`;
  return versions;
}

/** The version in the package.json of the installed package `name`, found above its entry file. */
function packageVersion(name: string): string {
  // Neither package exports ./package.json, so start from the entry point and walk up.
  for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    let pkg: { name?: string; version?: string };
    try {
      pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as typeof pkg;
    } catch {
      continue;
    }
    if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
  }
  throw new Error(`cannot find the version of ${name}`);
}
