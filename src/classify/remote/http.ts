/**
 * JSON over HTTP for the remote backends, with a time limit per request and retries with
 * exponential backoff on what a busy or restarting server answers (429, 5xx), on timeouts and
 * on network errors. Any other answer is final and reported with the server's own message.
 */

/** How requests are made. */
export interface HttpPolicy {
  /** Headers sent with every request (after `${VAR}` expansion). */
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** First backoff delay; doubled after each failure, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest backoff delay, and longest Retry-After honoured. Default 10 s. */
  maxDelayMs?: number;
}

/** A request that failed for good. */
export class HttpError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or undefined for a network error or timeout. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Sends a request and parses the JSON answer, retrying as the policy says.
 * @throws HttpError after the last attempt, or at once for a final answer (4xx but 408/429).
 */
export async function requestJson(url: string, init: { method: 'GET' | 'POST'; body?: unknown }, policy: HttpPolicy): Promise<unknown> {
  const base = policy.baseDelayMs ?? 250;
  const max = policy.maxDelayMs ?? 10_000;
  let last = '';
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    let retryAfter: number | undefined;
    try {
      const response = await fetch(url, {
        method: init.method,
        headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...policy.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      const text = await response.text();
      if (response.ok) {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new HttpError(`${init.method} ${url} answered with something that is not JSON: ${snippet(text)}`, response.status);
        }
      }
      last = `${response.status} ${response.statusText}${serverMessage(text)}`;
      if (!RETRYABLE.has(response.status)) throw new HttpError(`${init.method} ${url} answered ${last}`, response.status);
      retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      last = describeFailure(err, policy.timeoutMs);
    }
    if (attempt < policy.retries) {
      // Full jitter keeps many clients from retrying in step.
      const backoff = Math.min(max, base * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, retryAfter !== undefined ? Math.min(max, retryAfter) : backoff));
    }
  }
  throw new HttpError(`${init.method} ${url} failed ${policy.retries + 1} time${policy.retries === 0 ? '' : 's'}; last: ${last}`);
}

/** `${VAR}` in header values → the environment variable, so secrets stay out of spec files. */
export function expandHeaders(headers: Record<string, string> | undefined, environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
      const v = environment[variable];
      if (v === undefined) throw new Error(`header ${name} uses \${${variable}}, which is not set in the environment`);
      return v;
    });
  }
  return out;
}

/**
 * The error message a server put in its JSON body (KServe and TEI: "error"; OpenAI and
 * llama.cpp: "error.message"; vLLM: "message"), else a snippet.
 */
function serverMessage(text: string): string {
  if (text.trim() === '') return '';
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return `: ${body.error}`;
    const nested = (body.error as { message?: unknown } | null | undefined)?.message;
    if (typeof nested === 'string') return `: ${nested}`;
    if (typeof body.message === 'string') return `: ${body.message}`;
  } catch {
    // not JSON: show the text itself
  }
  return `: ${snippet(text)}`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  return code ? `${code} (${cause?.message})` : err instanceof Error ? err.message : String(err);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
