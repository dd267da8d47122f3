/**
 * Bundles the CLI into dist/cli/ with esbuild: `node scripts/bundle.mjs` (part of `npm run
 * build`). Node resolves and compiles every module of an unbundled CLI at start-up, several
 * hundred files across src and its dependencies, which took ~0.4 s before any work; one file
 * (plus lazily loaded chunks) starts in about half that. The library (dist/index.js) stays
 * tsc's unbundled output. Worker threads are their own entry points, beside the CLI, where the
 * modules that start them look for them. Native and large self-loading packages stay external.
 */
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// dist/cli/<name>.js ← source: the CLI, and each worker thread beside it where the module that
// starts it looks (classify/onnx/pool.ts for `worker`; report/charts/renderer.ts and
// metrics/parallel.ts one folder up from their chunk). scripts/gpu-check/pack.ts packs the same
// entries, so the list is a file both read.
const ENTRIES = JSON.parse(readFileSync(new URL('./bundle-entries.json', import.meta.url), 'utf8'));

// Chunks are named by their content's hash: those of earlier builds would pile up beside the new ones.
rmSync('dist/cli/chunks', { recursive: true, force: true });

await build({
  entryPoints: ENTRIES,
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'onnxruntime-node', '@huggingface/transformers'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __counterfairRequire } from 'node:module'; const require = __counterfairRequire(import.meta.url);" },
  logLevel: 'warning',
});
