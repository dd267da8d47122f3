/**
 * The server protocols, one row each: `model.server.protocol` chooses the row (the first,
 * kserve, when it is left out). The schema of `model.server:` is built from this table, so a
 * new protocol is its own file (schema, loader, labels, fingerprint; see protocol.ts) plus one
 * row here. docs/backends.md walks through it.
 */
import type { z } from 'zod';
import { suggestion } from '../../shared/suggest.js';
import { MESSAGES } from '../messages.js';
import { chosenUnion, schemasOf } from '../spec-union.js';
import { KSERVE } from './kserve.js';
import { OPENAI } from './openai.js';
import type { AnyProtocol, BoundServer, ServerBase } from './protocol.js';
import { TEI } from './tei.js';

/** Every protocol; the first is the default. */
export const PROTOCOLS = [KSERVE, TEI, OPENAI] as const;

const names = PROTOCOLS.map((p) => p.protocol);
const title = (i: number) => `a ${PROTOCOLS[i]?.title ?? ''} server ("protocol: ${PROTOCOLS[i]?.protocol ?? ''}")`;

/** `model.server:` — the union of every protocol's schema, chosen by `protocol`. */
export const ServerSpecSchema = chosenUnion(schemasOf(PROTOCOLS), {
  choose(input) {
    const protocol = input['protocol'] ?? names[0];
    const at = names.findIndex((n) => n === protocol);
    if (at >= 0) return at;
    const hint = typeof protocol === 'string' ? suggestion(protocol, names) : '';
    return { path: ['protocol'], ...MESSAGES.unknownProtocol(protocol, names, hint) };
  },
  misplaced: (chosen, owners) => MESSAGES.misplacedKey(owners.map(title).join(' or '), title(chosen)),
  missing: (key, chosen, description) => MESSAGES.missingKey(title(chosen), key, description),
}).describe('A remote inference server');

/** `model.server` of a spec, whatever its protocol. */
export type ServerSpec = z.output<typeof ServerSpecSchema>;

/** The protocol row of `server`, bound to it. */
export function bindServer(server: ServerBase): BoundServer {
  for (const row of PROTOCOLS satisfies readonly AnyProtocol[]) {
    const bound = row.bind(server);
    if (bound) return bound;
  }
  // The schema admits only the protocols of the table.
  throw new Error(`no protocol row for "${server.protocol}"`);
}
