/**
 * An inference server in this process, speaking the two protocols counterfair's remote backends
 * use, over any local Classifier: KServe v2 / Open Inference Protocol (Triton, KServe, MLServer)
 * and Hugging Face Text Embeddings Inference. A `fail` rule makes it answer some requests with
 * an error, a dropped connection or silence, as a busy or restarting server does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedClassifier, TextInput } from '../../src/classify/index.ts';

/** What to do with the n-th inference request (0-based): answer, or fail in one of these ways. */
export type Failure = 'ok' | 503 | 500 | 429 | 400 | 'hang' | 'reset';

export interface InferenceServer {
  url: string;
  /** Inference requests received (including failed ones), and the batch sizes answered. */
  requests: number;
  batchSizes: number[];
  close(): Promise<void>;
}

/** How a misbehaving server bends its answers. */
export interface Tampering {
  /** Replaces the probabilities it computed before answering. */
  probs?: (rows: number[][]) => number[][];
  /** Fields merged into TEI's /info answer (a bad max_client_batch_size, labels). */
  info?: Record<string, unknown>;
  /** Replaces one TEI answer row ({ label, score } items). */
  teiRow?: (row: { label: string | undefined; score: number }[]) => unknown;
  /** Answers every request 400 with the request's headers quoted in the error. */
  echoHeaders?: boolean;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startInferenceServer(options: {
  classifier: LoadedClassifier;
  modelName: string;
  fail?: (n: number) => Failure;
  teiDtype?: string;
  tamper?: Tampering;
}): Promise<InferenceServer> {
  const tamper = options.tamper ?? {};
  const { classifier, modelName } = options;
  const state: { requests: number; batchSizes: number[] } = { requests: 0, batchSizes: [] };
  const bend = (rows: number[][]) => (tamper.probs ? tamper.probs(rows) : rows);

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  /** Applies the failure rule; true when the request was failed. */
  const failed = (req: IncomingMessage, res: ServerResponse): boolean => {
    const how = options.fail?.(state.requests++) ?? 'ok';
    if (how === 'ok') return false;
    if (how === 'hang') return true; // never answers; the client's time limit ends it
    if (how === 'reset') {
      req.socket.destroy();
      return true;
    }
    json(res, how, { error: `injected ${how}` }, how === 429 ? { 'retry-after': '0' } : {});
    return true;
  };

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const url = req.url ?? '';
      if (tamper.echoHeaders) return json(res, 400, { error: `bad request with headers ${JSON.stringify(req.headers)}` });
      const kserve = `/v2/models/${modelName}`;
      if (req.method === 'GET' && url === kserve) {
        return json(res, 200, { name: modelName, versions: ['1'], platform: 'counterfair-test', inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }], outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, classifier.labels.length] }] });
      }
      if (req.method === 'POST' && url === `${kserve}/infer`) {
        if (failed(req, res)) return;
        const request = JSON.parse(body) as { inputs: { name: string; data: string[] }[] };
        const texts = request.inputs.find((i) => i.name === 'text')?.data ?? [];
        const pairs = request.inputs.find((i) => i.name === 'text_pair')?.data;
        const probs = bend(await classifier.classify(texts.map((text, i) => toInput(text, pairs?.[i]))));
        state.batchSizes.push(texts.length);
        return json(res, 200, { model_name: modelName, outputs: [{ name: 'probabilities', datatype: 'FP64', shape: [texts.length, classifier.labels.length], data: probs.flat() }] });
      }
      if (req.method === 'GET' && url.startsWith('/v2/models/')) return json(res, 404, { error: `Request for unknown model: '${url.split('/')[3]}' is not found` });
      if (req.method === 'GET' && url === '/info') {
        const id2label = Object.fromEntries(classifier.labels.map((l, i) => [String(i), l]));
        return json(res, 200, {
          model_id: modelName,
          model_sha: null,
          model_dtype: options.teiDtype ?? 'float32',
          model_type: { classifier: { id2label, label2id: {} } },
          max_client_batch_size: 4,
          version: 'test',
          ...tamper.info,
        });
      }
      if (req.method === 'POST' && url === '/predict') {
        if (failed(req, res)) return;
        const request = JSON.parse(body) as { inputs: string[][] };
        if (!request.inputs.every((i) => Array.isArray(i) && (i.length === 1 || i.length === 2))) return json(res, 422, { error: 'inputs must be a batch of [text] or [text, pair]', error_type: 'Validation' });
        if (request.inputs.length > 4) return json(res, 413, { error: 'batch size 5 > maximum allowed batch size 4', error_type: 'Validation' });
        const probs = bend(await classifier.classify(request.inputs.map(([text, pair]) => toInput(text ?? '', pair))));
        state.batchSizes.push(request.inputs.length);
        // TEI lists every label, best first.
        const rows = probs.map((row) => row.map((score, i) => ({ score, label: classifier.labels[i] })).sort((a, b) => b.score - a.score));
        return json(res, 200, rows.map((row) => (tamper.teiRow ? tamper.teiRow(row) : row)));
      }
      json(res, 404, { error: 'not found' });
    } catch (err) {
      json(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get batchSizes() {
      return state.batchSizes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toInput(text: string, pair: string | undefined): TextInput {
  return pair === undefined ? { text } : { text, text_pair: pair };
}

/** The whole body of a request, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
