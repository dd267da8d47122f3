/**
 * Worker threads wherever counterfair's code runs from. Built by tsc, a worker is a .js file
 * beside the module that starts it; in the bundled CLI that module lands in a chunk
 * (dist/cli/chunks/) and the worker is an entry point one folder up (dist/cli/). Under tsx
 * (tests, scripts) both are .ts files, and Node 20 resolves a worker's entry before tsx's hooks
 * apply there, so a tiny entry registers tsx in the worker first and then imports the .ts worker.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The worker module `name` (without extension) of the module at `callerUrl` (its
 * `import.meta.url`): beside it, or one folder up when only that one exists (the bundle).
 */
export function workerModule(name: string, callerUrl: string): URL {
  const ext = path.extname(fileURLToPath(callerUrl));
  const beside = new URL(`./${name}${ext}`, callerUrl);
  const above = new URL(`../${name}${ext}`, callerUrl);
  return !existsSync(beside) && existsSync(above) ? above : beside;
}

/** Starts a worker thread on `url`, through tsx when it is a .ts file. */
export function startWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const entry = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(entry, { ...options, eval: true });
}
