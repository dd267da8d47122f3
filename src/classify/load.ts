/**
 * The backends, as one table: which model sources each loads, and how. `loadClassifier` picks
 * the row for the spec's `model:` and turns every load failure into one plain line.
 */
import { CounterfairError } from '../shared/errors.js';
import type { ModelSpec } from '../spec/schema.js';
import { loadModuleClassifier } from './module.js';
import { loadOnnxClassifier } from './onnx/index.js';
import { loadKServeClassifier } from './remote/kserve.js';
import { loadOpenAiClassifier } from './remote/openai.js';
import { loadTeiClassifier } from './remote/tei.js';
import type { FileHasher } from './source.js';
import type { Classifier, ModelSource } from './types.js';

/** Options of loading, resolved from spec and flags. */
export interface LoadOptions {
  /** Local models: worker threads and threads per worker (defaults: see `chooseParallelism`). */
  workers?: number;
  threads?: number;
  log: (line: string) => void;
  /** How model files are hashed (the prediction cache remembers their hashes). */
  hashFile?: FileHasher;
}

type Loader = (source: ModelSource, model: ModelSpec, options: LoadOptions) => Promise<Classifier>;

/** Every backend: a name (as results.json records it), what it loads, and its loader. */
export const BACKENDS: readonly { name: string; doc: string; loads: ModelSource['kind'][]; load: Loader }[] = [
  {
    name: 'onnxruntime',
    doc: 'a transformers.js model folder or Hugging Face id, on onnxruntime sessions in worker threads',
    loads: ['local', 'hub'],
    load: (source, model, options) =>
      loadOnnxClassifier(source as Extract<ModelSource, { kind: 'local' | 'hub' }>, {
        device: model.device,
        dtype: model.dtype,
        log: options.log,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
        ...(model.token_budget !== undefined ? { tokenBudget: model.token_budget } : {}),
        ...(options.hashFile ? { hashFile: options.hashFile } : {}),
      }),
  },
  {
    name: 'module',
    doc: 'a JavaScript module exporting classify(texts)',
    loads: ['module'],
    load: (source, model, options) => loadModuleClassifier(source as Extract<ModelSource, { kind: 'module' }>, model.labels, options.hashFile),
  },
  {
    name: 'server',
    doc: 'an inference server speaking KServe v2 (Triton, KServe, MLServer), Text Embeddings Inference, or the OpenAI API (LLMs)',
    loads: ['server'],
    load: (source, model, options) => {
      const { server } = source as Extract<ModelSource, { kind: 'server' }>;
      // protocol: openai — an LLM prompted to classify (remote/openai.ts).
      if (server.protocol === 'openai') return loadOpenAiClassifier(server, { log: options.log, labels: model.labels });
      return server.protocol === 'tei' ? loadTeiClassifier(server) : loadKServeClassifier(server, model.labels);
    },
  },
];

/**
 * Loads the classifier of a spec's `model:`.
 * @throws CounterfairError (exit 2) with one line saying what failed.
 */
export async function loadClassifier(source: ModelSource, model: ModelSpec, options: LoadOptions): Promise<Classifier> {
  const backend = BACKENDS.find((b) => b.loads.includes(source.kind));
  if (!backend) throw new CounterfairError('model', `no backend loads a ${source.kind} model`);
  try {
    return await backend.load(source, model, options);
  } catch (err) {
    if (err instanceof CounterfairError) throw err;
    throw new CounterfairError('model', describeLoadFailure(source, firstLine(err)));
  }
}

function describeLoadFailure(source: ModelSource, reason: string): string {
  switch (source.kind) {
    case 'local':
      return `cannot load model ${source.shown}: ${reason}`;
    case 'hub': {
      const hint = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(reason) ? ' (the hub could not be reached: a hub model is downloaded on first use and cached after)' : '';
      return `cannot load model ${source.id} from the Hugging Face hub: ${reason}${hint}`;
    }
    case 'module':
      return reason;
    case 'server':
      return `cannot use the ${SERVER_KIND[source.server.protocol]} server at ${source.server.url}: ${reason}`;
  }
}

/** How load failures name each server protocol. */
const SERVER_KIND: Record<Extract<ModelSource, { kind: 'server' }>['server']['protocol'], string> = {
  kserve: 'KServe',
  tei: 'TEI',
  openai: 'OpenAI-compatible',
};

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
