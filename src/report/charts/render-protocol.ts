/** Messages between the chart renderer (main thread) and its worker. */
import type { TopLevelSpec } from 'vega-lite';

/** Main thread → worker: render one spec. */
export interface RenderRequest {
  id: number;
  spec: TopLevelSpec;
}

/** Worker → main thread. */
export type RenderReply =
  | { type: 'ready' }
  | { type: 'svg'; id: number; svg: string }
  | { type: 'error'; id: number; message: string };
