/**
 * The chart renderer's worker thread: imports vega and vega-lite (so the main thread never
 * does), then renders each spec it is sent to SVG, one at a time, in the order sent.
 */
import { parentPort } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from './render-protocol.js';
import { renderSvg } from './render.js';

const port = parentPort;
if (port === null) throw new Error('render-worker runs only as a worker thread');
const reply = (message: RenderReply): void => port.postMessage(message);

port.on('message', (request: RenderRequest) => {
  renderSvg(request.spec).then(
    (svg) => reply({ type: 'svg', id: request.id, svg }),
    (err: unknown) => reply({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
reply({ type: 'ready' });
