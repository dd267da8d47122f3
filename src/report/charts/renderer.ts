/**
 * Renders charts to SVG in a worker thread, which imports vega and vega-lite itself: the main
 * thread never loads them (about half a second of start-up), and rendering overlaps the rest of
 * the report. `startChartRenderer` starts the worker early, so its imports overlap earlier work.
 *
 * The worker never keeps the process alive: it is referenced only while a render is waiting
 * for it. If it fails (cannot load, crashes, exits), every waiting render is rejected with the
 * reason and the next render starts a fresh worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { startWorker, workerModule } from '../../shared/worker-thread.js';
import { renderVersions } from '../versions.js';
import type { RenderReply, RenderRequest } from './render-protocol.js';

// The worker's own file and its renderer beside it: .js built, .ts under tsx.
const WORKER_EXT = path.extname(fileURLToPath(import.meta.url));

let fingerprint: string | undefined;

/**
 * What the SVG of a spec depends on besides the spec: a hash of the renderer's code (the
 * worker's entry, which in the bundled CLI holds vega too, and `render.js` beside it when there
 * is one) and the vega and vega-lite versions.
 */
export function rendererFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash('sha256').update(renderVersions());
    const entry = workerModule('render-worker', import.meta.url);
    for (const file of [entry, new URL(`./render${WORKER_EXT}`, entry)]) if (existsSync(file)) hash.update('\n').update(readFileSync(file));
    fingerprint = hash.digest('hex');
  }
  return fingerprint;
}

/** A chart vega could not draw from its spec (as opposed to a renderer that failed). */
export class ChartError extends Error {
  override name = 'ChartError';
}

interface Pending {
  resolve: (svg: string) => void;
  reject: (err: Error) => void;
}

/** A started worker and the renders it owes. */
interface Renderer {
  worker: Worker;
  pending: Map<number, Pending>;
  nextId: number;
  failed?: Error;
}

let current: Renderer | undefined;

/**
 * Starts the chart renderer's worker now, if it is not running, so that loading vega overlaps
 * whatever the caller does next (classifying, computing metrics, reading a run). Optional:
 * rendering starts it anyway. Cheap to call more than once.
 */
export function startChartRenderer(): void {
  renderer();
}

function renderer(): Renderer {
  if (current && !current.failed) return current;
  const worker = startWorker(workerModule('render-worker', import.meta.url));
  const self: Renderer = { worker, pending: new Map(), nextId: 0 };
  current = self;
  const fail = (err: Error): void => {
    if (self.failed) return;
    self.failed = err;
    if (current === self) current = undefined;
    for (const p of self.pending.values()) p.reject(err);
    self.pending.clear();
    void worker.terminate();
  };
  worker.on('message', (message: RenderReply) => {
    if (message.type === 'ready') return;
    const p = self.pending.get(message.id);
    if (!p) return;
    self.pending.delete(message.id);
    if (self.pending.size === 0) worker.unref();
    if (message.type === 'svg') p.resolve(message.svg);
    else p.reject(new ChartError(message.message));
  });
  worker.on('error', (err) => fail(new Error(`the chart renderer failed: ${err.message}`)));
  worker.on('exit', (code) => fail(new Error(`the chart renderer stopped (exit code ${code})`)));
  // Idle: let the process exit whenever it is otherwise done. (After the listeners: adding a
  // 'message' listener refs the worker again.)
  worker.unref();
  return self;
}

/**
 * Renders a Vega-Lite spec to an SVG string in the renderer's worker (see `renderSvg` for what
 * the SVG is). Specs are rendered in the order they are sent.
 * @throws Error when the spec cannot be rendered or the worker fails.
 */
export function renderInWorker(spec: TopLevelSpec): Promise<string> {
  const r = renderer();
  const id = r.nextId++;
  return new Promise<string>((resolve, reject) => {
    r.pending.set(id, { resolve, reject });
    // Busy: keep the process alive until the worker answers.
    r.worker.ref();
    r.worker.postMessage({ id, spec } satisfies RenderRequest);
  });
}

/** Stops the renderer's worker, if one runs; a later render starts a fresh one. */
export async function stopChartRenderer(): Promise<void> {
  const r = current;
  current = undefined;
  if (!r) return;
  r.failed = new Error('the chart renderer was stopped');
  for (const p of r.pending.values()) p.reject(r.failed);
  r.pending.clear();
  await r.worker.terminate();
}
