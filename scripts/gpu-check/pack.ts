/**
 * The packing half of the GPU check (docs/gpu.md): assembles what a bare Linux x64 GPU machine
 * (a driver, no Node, no Vulkan loader, no network) needs to run counterfair's DistilBERT-shaped
 * audit on WebGPU and on its CPUs, into one folder under 64 MiB:
 *
 * ```
 * <out>/counterfair-gpu-check.tar.xz   this machine's Node binary, the bundled CLI (dist/cli) with
 *                                      its lexicons and templates, the native modules for Linux x64
 *                                      (onnxruntime-node's linux/x64 binaries, better-sqlite3's build),
 *                                      and check/check.mjs, which builds the model there and measures
 * <out>/vulkan/*.deb                   the Vulkan loader and the GL dispatch libraries NVIDIA's
 *                                      Vulkan driver loads, from `apt-get download`
 * <out>/gpu-check.sh                   the script that unpacks and runs it all there
 * <out>/manifest.json                  what is inside, with versions and sizes
 * ```
 *
 * Run through `scripts/gpu-check.sh pack [--out DIR] [--xz-level 0-9] [--debs DIR]` after
 * `npm run build`. `--debs DIR` takes the .deb files from DIR instead of downloading them.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { benchTemplates, benchWords } from '../bench/setup.js';

/** The bundled CLI's entries: dist/cli/<name>.js. */
const BUNDLE_ENTRIES = JSON.parse(readFileSync(new URL('../bundle-entries.json', import.meta.url), 'utf8')) as Record<string, string>;

/** The most the folder may hold: what one call to the GPU machine carries. */
export const LIMIT_BYTES = 64 * 2 ** 20;

/** The archive's top folder. */
export const ARCHIVE_ROOT = 'counterfair-gpu-check';

/** Debian packages of the Vulkan loader, and of the GL dispatch libraries NVIDIA's Vulkan driver (libGLX_nvidia) needs. */
export const VULKAN_PACKAGES = ['libvulkan1', 'libglvnd0', 'libegl1', 'libgl1', 'libglx0', 'libgles2', 'libopengl0'];

/**
 * The runtime packages the bundled CLI loads or reads (everything else is inside dist/cli), and
 * which of their files it needs on Linux x64: no other platform's binaries, no source maps or
 * typings; of vega and vega-lite (bundled) only what tells their versions.
 */
export const RUNTIME_PACKAGES: { name: string; files: RegExp; /** its entry file too (the report reads its version through it) */ entry?: boolean }[] = [
  { name: 'onnxruntime-node', files: /^(package\.json|dist\/[^/]+\.js|bin\/napi-v6\/linux\/x64\/.+)$/ },
  { name: 'onnxruntime-common', files: /^(package\.json|dist\/.+\.(js|mjs|cjs|json))$/ },
  { name: '@huggingface/transformers', files: /^(package\.json|dist\/transformers\.node\.mjs)$/ },
  { name: 'better-sqlite3', files: /^(package\.json|lib\/.+\.js|build\/Release\/better_sqlite3\.node)$/ },
  { name: 'bindings', files: /^(package\.json|bindings\.js)$/ },
  { name: 'file-uri-to-path', files: /^(package\.json|index\.js)$/ },
  { name: 'world-atlas', files: /^(package\.json|countries-110m\.json)$/ },
  { name: 'vega', files: /^package\.json$/, entry: true },
  { name: 'vega-lite', files: /^package\.json$/, entry: true },
];

/**
 * transformers.js imports sharp at start-up for images; text classifiers never call it, so the
 * check carries a stand-in rather than libvips (18 MB).
 */
const SHARP_STUB = {
  'package.json': JSON.stringify({ name: 'sharp', version: '0.0.0-gpu-check', main: 'index.js' }),
  'index.js': "module.exports = function sharp() {\n  throw new Error('images are not part of the counterfair GPU check');\n};\n",
};

interface Options {
  out: string;
  xzLevel: number;
  debs?: string;
}

function parseArgs(args: string[]): Options {
  const value = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const level = Number(value('xz-level') ?? '6');
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new Error('--xz-level must be 0 to 9');
  return { out: path.resolve(value('out') ?? path.join('reports', 'gpu-check')), xzLevel: level, debs: value('debs') };
}

/** Files under `dir`, relative with forward slashes, sorted. */
function walk(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((e) => {
      const rel = under ? `${under}/${e.name}` : e.name;
      return e.isDirectory() ? walk(dir, rel) : [rel];
    })
    .sort();
}

function copyFiltered(from: string, to: string, keep: (rel: string) => boolean): number {
  let bytes = 0;
  for (const rel of walk(from).filter(keep)) {
    mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    copyFileSync(path.join(from, rel), path.join(to, rel));
    bytes += statSync(path.join(from, rel)).size;
  }
  return bytes;
}

/** The folder of an installed package, found from `require`'s place (some packages export no package.json). */
function packageDir(require: NodeJS.Require, name: string): string {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // exports without ./package.json: walk up from its entry
  }
  for (let dir = path.dirname(require.resolve(name)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
  }
  throw new Error(`cannot find the folder of ${name}`);
}

function run(command: string, args: string[], cwd?: string): void {
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.error?.message ?? `exit code ${r.status}`})`);
}

/**
 * The files of the bundled CLI its entries reach (those scripts/bundle.mjs builds, listed in
 * scripts/bundle-entries.json, and the chunks they import, statically or not): dist/cli keeps
 * chunks of earlier builds, which the archive leaves out.
 */
export function bundleFiles(dir: string): Set<string> {
  const seen = new Set<string>();
  const visit = (rel: string): void => {
    if (seen.has(rel) || !existsSync(path.join(dir, rel))) return;
    seen.add(rel);
    const text = readFileSync(path.join(dir, rel), 'utf8');
    for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.\.?\/[^"']+\.js)["']/g)) visit(path.posix.join(path.posix.dirname(rel), m[1] ?? ''));
  };
  for (const entry of Object.keys(BUNDLE_ENTRIES)) visit(`${entry}.js`);
  return seen;
}

/** Downloads the Vulkan packages for amd64 with apt-get, using a private package list. */
function downloadDebs(to: string): void {
  const lists = mkdtempSync(path.join(os.tmpdir(), 'gpu-check-apt-'));
  mkdirSync(path.join(lists, 'partial'));
  // As root, apt would hand the download to its _apt user, who cannot write a private folder.
  const sandbox = process.getuid?.() === 0 ? ['-oAPT::Sandbox::User=root'] : [];
  const o = ['-oAPT::Architecture=amd64', '-oAPT::Architectures=amd64', `-oDir::State::Lists=${lists}`, ...sandbox];
  try {
    run('apt-get', [...o, '-qq', 'update']);
    run('apt-get', [...o, '-qq', 'download', ...VULKAN_PACKAGES], to);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; give the packages with --debs DIR (${VULKAN_PACKAGES.join(', ')})`);
  } finally {
    rmSync(lists, { recursive: true, force: true });
  }
}

/** Assembles the folder; returns its manifest. */
export async function pack(options: Options): Promise<Record<string, unknown>> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the GPU check carries this machine's Node and native modules, so it is packed on Linux x64 (this is ${process.platform}-${process.arch})`);
  for (const f of ['dist/cli/cli.js', 'dist/cli/worker.js', 'bin/counterfair.js']) if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build first`);
  const require = createRequire(path.resolve('package.json'));
  const stage = mkdtempSync(path.join(os.tmpdir(), 'gpu-check-stage-'));
  const root = path.join(stage, ARCHIVE_ROOT);
  const app = path.join(root, 'app');
  const sizes: Record<string, number> = {};
  try {
    // This machine's Node: the GPU machine has none, and the native modules were built for it.
    mkdirSync(root, { recursive: true });
    copyFileSync(process.execPath, path.join(root, 'node'));
    chmodSync(path.join(root, 'node'), 0o755);
    sizes['node'] = statSync(process.execPath).size;

    // The bundled CLI as a package: package.json, bin, dist/cli, lexicons, templates.
    sizes['app'] =
      copyFiltered('.', app, (rel) => rel === 'package.json' || rel === 'bin/counterfair.js') +
      copyFiltered('dist/cli', path.join(app, 'dist', 'cli'), ((used) => (rel: string) => used.has(rel))(bundleFiles('dist/cli'))) +
      copyFiltered('lexicons', path.join(app, 'lexicons'), () => true) +
      copyFiltered('templates', path.join(app, 'templates'), () => true);

    // The runtime packages the bundle leaves outside, Linux x64 files only.
    let modules = 0;
    for (const { name, files, entry } of RUNTIME_PACKAGES) {
      const dir = packageDir(require, name);
      const main = entry ? path.relative(dir, require.resolve(name)).split(path.sep).join('/') : undefined;
      modules += copyFiltered(dir, path.join(app, 'node_modules', name), (rel) => files.test(rel) || rel === main);
    }
    const ort = packageDir(require, 'onnxruntime-node');
    const ortOfTransformers = packageDir(createRequire(path.join(packageDir(require, '@huggingface/transformers'), 'package.json')), 'onnxruntime-node');
    if (ort !== ortOfTransformers) throw new Error(`transformers.js uses another onnxruntime-node (${ortOfTransformers}) than counterfair (${ort})`);
    for (const [file, text] of Object.entries(SHARP_STUB)) {
      mkdirSync(path.join(app, 'node_modules', 'sharp'), { recursive: true });
      writeFileSync(path.join(app, 'node_modules', 'sharp', file), text);
    }
    sizes['node_modules'] = modules;

    // The measuring script, bundled, and what the benchmark's model and audit are made of.
    const check = path.join(root, 'check');
    await build({
      entryPoints: [path.join('scripts', 'gpu-check', 'check.ts')],
      outfile: path.join(check, 'check.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      banner: { js: "import { createRequire as __gpuCheckRequire } from 'node:module'; const require = __gpuCheckRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    writeFileSync(path.join(check, 'bench.json'), JSON.stringify({ templates: benchTemplates(), words: benchWords() }));
    sizes['check'] = statSync(path.join(check, 'check.mjs')).size;

    const versions = {
      node: process.version,
      counterfair: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
      ...Object.fromEntries(RUNTIME_PACKAGES.map(({ name }) => [name, (JSON.parse(readFileSync(path.join(packageDir(require, name), 'package.json'), 'utf8')) as { version: string }).version])),
    };
    const manifest: Record<string, unknown> = { schema: 'counterfair/gpu-check-pack@1', platform: 'linux-x64', versions, unpacked_bytes: sizes, files: walk(root).length };
    writeFileSync(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    // One xz stream: the Node binary and onnxruntime's library are most of it, and compress to a quarter.
    rmSync(options.out, { recursive: true, force: true });
    mkdirSync(path.join(options.out, 'vulkan'), { recursive: true });
    const archive = path.join(options.out, `${ARCHIVE_ROOT}.tar.xz`);
    const tar = spawnSync('sh', ['-c', `tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$1" -cf - ${ARCHIVE_ROOT} | xz -T0 -${options.xzLevel} > "$2"`, 'sh', stage, archive], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (tar.status !== 0) throw new Error(`tar | xz failed (exit code ${tar.status})`);

    if (options.debs !== undefined) for (const f of readdirSync(options.debs).filter((f) => f.endsWith('.deb'))) copyFileSync(path.join(options.debs, f), path.join(options.out, 'vulkan', f));
    else downloadDebs(path.join(options.out, 'vulkan'));
    cpSync(path.join('scripts', 'gpu-check.sh'), path.join(options.out, 'gpu-check.sh'));
    // The folder's size, this manifest included: written until the number it holds stops changing it.
    let total = -1;
    while (manifest['packed_bytes'] !== total) {
      manifest['packed_bytes'] = total;
      writeFileSync(path.join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      total = walk(options.out).reduce((n, f) => n + statSync(path.join(options.out, f)).size, 0);
    }
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    process.stderr.write(`gpu-check: packed ${path.relative(process.cwd(), options.out) || '.'}: ${mib(total)} (limit ${mib(LIMIT_BYTES)}; archive ${mib(statSync(archive).size)}, ${readdirSync(path.join(options.out, 'vulkan')).length} .deb files)\n`);
    if (total > LIMIT_BYTES) throw new Error(`the folder holds ${mib(total)}, over the ${mib(LIMIT_BYTES)} one call carries`);
    return manifest;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

// Run as a script (scripts/gpu-check.sh pack), not when a test imports this module.
if (process.argv[1] !== undefined && /pack\.ts$/.test(process.argv[1])) {
  pack(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
    process.stderr.write(`gpu-check pack: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
