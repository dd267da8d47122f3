/**
 * Helpers for the tests that use counterfair as someone else's project does: a clean
 * environment for npm, a consumer's lockfile, and better-sqlite3's binary as a prebuilt.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The environment of this process without what npm, a running `npm test` or GitHub Actions put
 * there (npm_config_*, npm_package_*, INIT_CWD, GITHUB_*), so a child npm or script sees only
 * what a user's shell would hold, plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|INIT_CWD$|GITHUB_)/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/**
 * package.json and package-lock.json of a project that depends on counterfair through `spec`
 * (a `file:` path to the packed tarball), locked to the versions this repository's own
 * package-lock.json holds: every package counterfair needs at run time (not the development
 * ones), at the same place in node_modules.
 *
 * Why a lockfile: npm 11 and later resolve a new dependency from the registry's full metadata,
 * which `npm ci` never fetches, so an offline `npm install` without a lockfile finds nothing in
 * the cache. With one, npm resolves nothing; the tarballs come from the cache by integrity.
 */
export function consumerProject(repoRoot: string, spec: string, allowScripts: Record<string, boolean>): { packageJson: string; lockfile: string } {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
    dependencies: Record<string, string>;
    bin: Record<string, string>;
    engines: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { counterfair: spec } },
    'node_modules/counterfair': { version: pkg.version, resolved: spec, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where !== '' && !entry.dev && !entry.devOptional) packages[where] = entry;
  }
  const packageJson = { name: 'consumer', private: true, dependencies: { counterfair: spec }, allowScripts };
  const lockfile = { name: 'consumer', lockfileVersion: 3, requires: true, packages };
  return { packageJson: `${JSON.stringify(packageJson, null, 2)}\n`, lockfile: `${JSON.stringify(lockfile, null, 2)}\n` };
}

/**
 * A folder holding better-sqlite3's binary for this Node as the prebuilt archive its install
 * script (prebuild-install) downloads from the project's releases, made from the binary
 * `npm ci` built in this repository: same version, same Node, same machine. prebuild-install
 * takes a local archive before downloading (its `local-prebuilds` setting).
 */
export function localPrebuilds(repoRoot: string, dir: string): string {
  const module = path.join(repoRoot, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(path.join(module, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(dir, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', path.join(dir, name), '-C', module, 'build/Release/better_sqlite3.node']);
  return dir;
}
