/**
 * The backend registry: one row per way of naming a model in the spec's `model:` section, each
 * with its zod schema, a one-line doc, and how it resolves a spec's model (checks without
 * loading, its source as results.json names it, its labels before inference, its fingerprint,
 * its loader; see row.ts). Servers are one row here and one row per protocol in
 * remote/protocols.ts. The spec schema of `model:` is built from this table (schema.ts).
 */
import { HUB, LOCAL } from './local.js';
import { MODULE } from './module.js';
import { PROTOCOLS } from './remote/protocols.js';
import { SERVER } from './remote/server.js';

/** Every model row, in the order the spec's documentation lists them. */
export const MODEL_ROWS = [HUB, LOCAL, MODULE, SERVER] as const;

/** One line per backend and per server protocol: for docs and help. */
export const BACKENDS: readonly { name: string; doc: string }[] = [
  ...MODEL_ROWS.map((r) => ({ name: `model.${r.key}`, doc: r.doc })),
  ...PROTOCOLS.map((p) => ({ name: `model.server.protocol: ${p.protocol}`, doc: p.doc })),
];

