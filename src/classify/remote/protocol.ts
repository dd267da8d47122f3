/**
 * What a server protocol is to the registry: a row of `PROTOCOLS` (protocols.ts), chosen by
 * `model.server.protocol`. A row brings the zod schema of its `model.server:` (the keys every
 * server shares, below, plus its own), how results.json names the server, how its labels are
 * read before inference, its fingerprint, and its loader.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { headersKey } from '../spec-keys.js';
import type { LoadOptions, ModelLabels } from '../row.js';
import type { LoadedClassifier } from '../types.js';
import { expandHeaders, type HttpPolicy } from './http.js';

/** Keys every server protocol takes. */
export const SERVER_KEYS = {
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .describe('Base URL of the server, e.g. http://localhost:8000'),
  headers: headersKey,
  concurrency: z.int().min(1).max(256).default(4).describe('Requests in flight at once'),
  timeout_ms: z.int().min(1).max(3_600_000).default(60_000).describe('Time limit of one request'),
  retries: z.int().min(0).max(20).default(4).describe('Retries of a request that failed with 429, 5xx, a timeout or a network error'),
};

/** What every server spec has. */
export interface ServerBase {
  protocol: string;
  url: string;
  headers?: Record<string, string> | undefined;
  timeout_ms: number;
  retries: number;
}

/** Test hook: backoff delays (the spec sets timeouts and retries, not the delays). */
export interface RemoteTuning {
  baseDelayMs?: number;
}

/** One protocol, typed by its own schema. */
export interface Protocol<S extends z.ZodObject> {
  /** The value of `model.server.protocol`. */
  readonly protocol: string;
  /** Its name in messages: `KServe`, `TEI`. */
  readonly title: string;
  /** One line for docs and help. */
  readonly doc: string;
  /** The zod schema of `model.server:` for this protocol; its `protocol` key is a literal. */
  readonly schema: S;
  /** The server as results.json names it (`model.source`). */
  describe(server: z.output<S>): string;
  /**
   * The model's labels, read before inference (`labels`: the spec's `model.labels`).
   * @throws Error when the server cannot tell, or disagrees with the spec.
   */
  readLabels(server: z.output<S>, labels: readonly string[] | undefined): Promise<ModelLabels>;
  /** A fingerprint from the spec alone (a loaded classifier refines it from the server's answers). */
  fingerprint(server: z.output<S>): string;
  /**
   * Connects and returns the classifier.
   * @throws Error when the server cannot be reached or does not serve a usable classifier.
   */
  load(server: z.output<S>, labels: readonly string[] | undefined, options: LoadOptions): Promise<LoadedClassifier>;
}

/** A protocol bound to one server spec. */
export interface BoundServer {
  readonly title: string;
  readonly source: string;
  readLabels(labels: readonly string[] | undefined): Promise<ModelLabels>;
  fingerprint(): string;
  load(labels: readonly string[] | undefined, options: LoadOptions): Promise<LoadedClassifier>;
}

/** A protocol with its spec type erased, so rows of different schemas sit in one table. */
export interface AnyProtocol {
  readonly protocol: string;
  readonly title: string;
  readonly doc: string;
  /** The protocol bound to `server`, when `server` is of this protocol. */
  bind(server: ServerBase): BoundServer | undefined;
}

/** A protocol ready for the `PROTOCOLS` table. */
export function protocolRow<S extends z.ZodObject>(row: Protocol<S>): AnyProtocol & { readonly schema: S } {
  const owns = (server: ServerBase): server is ServerBase & z.output<S> => server.protocol === row.protocol;
  return {
    protocol: row.protocol,
    title: row.title,
    doc: row.doc,
    schema: row.schema,
    bind: (server) =>
      owns(server)
        ? {
            title: row.title,
            source: row.describe(server),
            readLabels: (labels) => row.readLabels(server, labels),
            fingerprint: () => row.fingerprint(server),
            load: (labels, options) => row.load(server, labels, options),
          }
        : undefined,
  };
}

/** How requests to `server` are made: its headers (with `${VAR}` expanded), time limit and retries. */
export function httpPolicy(server: ServerBase, tuning: RemoteTuning = {}): HttpPolicy {
  return { headers: expandHeaders(server.headers), timeoutMs: server.timeout_ms, retries: server.retries, baseDelayMs: tuning.baseDelayMs };
}

/** `sha256:` of the parts, joined by NUL. */
export function fingerprintOf(parts: readonly string[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\0')).digest('hex')}`;
}
