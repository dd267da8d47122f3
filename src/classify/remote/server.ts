/**
 * The row of `model.server`: an inference server, whose protocol row (protocols.ts) does the
 * work. Every failure to reach or use the server is one line naming the protocol and the URL.
 */
import { z } from 'zod';
import { CounterfairError } from '../../shared/errors.js';
import { MESSAGES } from '../messages.js';
import { modelRow } from '../row.js';
import { COMMON_KEYS, IGNORED_KEYS, LABELS_KEY } from '../spec-keys.js';
import type { ModelSource } from '../types.js';
import { firstLine } from '../values.js';
import { bindServer, ServerSpecSchema } from './protocols.js';

const ServerModelSchema = z
  .strictObject({
    server: ServerSpecSchema,
    ...COMMON_KEYS,
    ...LABELS_KEY,
    ...IGNORED_KEYS.pick({ revision: true, device: true, dtype: true, token_budget: true, workers: true, threads: true }).shape,
  })
  .describe('A model behind an inference server');

/** `model.server`: a model behind an inference server. */
export const SERVER = modelRow({
  key: 'server',
  noun: 'an inference server ("server")',
  doc: 'an inference server, one row per protocol (model.server.protocol)',
  schema: ServerModelSchema,
  resolve(model) {
    const bound = bindServer(model.server);
    const origin: ModelSource = { kind: 'server', server: model.server };
    // What the server answered wrong is said in its own words, after which server it was.
    const plain = <T>(work: () => Promise<T>): Promise<T> =>
      work().catch((err: unknown) => {
        if (err instanceof CounterfairError) throw err;
        throw new CounterfairError('model', MESSAGES.serverFailed(bound.title, model.server.url, firstLine(err)));
      });
    return {
      specPath: ['model', 'server'],
      source: bound.source,
      origin,
      readLabels: () => plain(() => bound.readLabels(model.labels)),
      fingerprint: () => bound.fingerprint(),
      load: (options) => plain(() => bound.load(model.labels, options)),
    };
  },
});
