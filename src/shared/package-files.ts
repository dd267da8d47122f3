/**
 * Files that ship with counterfair (package.json, lexicons, templates), found from the package's
 * root rather than relative to each module: the same code then runs from src/ (under tsx), from
 * dist/ (tsc's output) and from the bundled CLI in dist/cli/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder holding counterfair's package.json. */
export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The templates folder, as a URL to resolve file names against. */
export const TEMPLATES_URL = pathToFileURL(path.join(PACKAGE_ROOT, 'templates') + path.sep);

/** A path inside the package, e.g. `packageFile('lexicons', 'countries.json')`. */
export function packageFile(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'lexicons'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`counterfair's package.json not found above ${from}`);
  }
}
