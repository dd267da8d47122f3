/**
 * The `model:` section of an audit spec, owned by the classify stage: the union of the registry
 * rows' schemas, chosen by which of `id`, `path`, `module` or `server` the section names
 * (src/spec/schema.ts composes it into the whole spec).
 */
import type { z } from 'zod';
import { MESSAGES } from './messages.js';
import { MODEL_ROWS as ROWS } from './registry.js';
import { chosenUnion, schemasOf } from './spec-union.js';

const KEYS = ROWS.map((r) => r.key);
const noun = (i: number) => ROWS[i]?.noun ?? '';

/** `model:` — which classifier, which label, where it runs. */
export const ModelSpecSchema = chosenUnion(schemasOf(ROWS), {
  choose(input) {
    const present = KEYS.filter((k) => Object.hasOwn(input, k));
    const [first, second] = present;
    if (first === undefined) return { path: [], ...MESSAGES.noModelSource(ROWS.map((r) => r.noun)) };
    if (second !== undefined) return { path: [second], ...MESSAGES.twoModelSources(first, second) };
    return KEYS.indexOf(first);
  },
  misplaced: (chosen, owners) => MESSAGES.misplacedKey(owners.map(noun).join(' or '), noun(chosen)),
  missing: (key, chosen, description) => MESSAGES.missingKey(noun(chosen), key, description),
}).describe('The classifier under audit: give one of id, path, module or server');

/** A validated `model:` section, defaults applied: one variant per row. */
export type ModelSpec = z.output<typeof ModelSpecSchema>;
/** `model:` as written. */
export type ModelSpecInput = z.input<typeof ModelSpecSchema>;

export { ServerSpecSchema, type ServerSpec } from './remote/protocols.js';
