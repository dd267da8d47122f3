/**
 * The transformers.js backend: loads a Hugging Face text-classification model (a local folder
 * in the transformers.js layout, or a hub id) through `pipeline()`, exactly as a user would.
 * This is the only module that imports @huggingface/transformers.
 */
import { pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import { CounterfairError } from '../errors.js';
import type { Classifier, ModelSource, TextInput } from './types.js';

/** Device and precision of a transformers.js model, from the spec. */
export interface TransformersOptions {
  device: 'cpu' | 'cuda' | 'auto';
  dtype: 'fp32' | 'fp16' | 'q8' | 'q4';
  /** Called with a line worth logging (e.g. the device chosen). */
  log?: (line: string) => void;
}

type Scored = { label: string; score: number };

/** Loads a transformers.js text-classification pipeline as a Classifier. */
export async function loadTransformersClassifier(source: ModelSource, options: TransformersOptions): Promise<Classifier> {
  const model = source.kind === 'local' ? source.folder : source.id;
  const devices = options.device === 'auto' ? (['cuda', 'cpu'] as const) : [options.device];
  let lastError: unknown;
  for (const device of devices) {
    try {
      const pipe = (await pipeline('text-classification', model, {
        device,
        dtype: options.dtype,
        // A local folder must never fall back to a download.
        local_files_only: source.kind === 'local',
        ...(source.kind === 'hub' && source.revision ? { revision: source.revision } : {}),
      })) as unknown as TextClassificationPipeline;
      if (options.device === 'auto') options.log?.(`device auto: using ${device}`);
      return wrap(pipe, device, options.dtype);
    } catch (err) {
      lastError = err;
      if (options.device === 'auto' && device === 'cuda') options.log?.(`device auto: CUDA unavailable (${firstLine(err)}), falling back to cpu`);
    }
  }
  const reason = firstLine(lastError);
  if (source.kind === 'local') throw new CounterfairError('model', `cannot load model ${source.shown}: ${reason}`);
  const hint = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(reason) ? ' (the hub could not be reached: a hub model is downloaded on first use and cached after)' : '';
  throw new CounterfairError('model', `cannot load model ${source.id} from the Hugging Face hub: ${reason}${hint}`);
}

function wrap(pipe: TextClassificationPipeline, device: string, dtype: string): Classifier {
  const id2label = (pipe.model.config as unknown as { id2label?: Record<string, string> }).id2label ?? {};
  const labels = Object.keys(id2label)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => id2label[k] as string);
  if (labels.length < 2) throw new CounterfairError('model', 'model config has no id2label with at least two labels');
  const index = new Map(labels.map((l, i) => [l, i]));
  return {
    labels,
    device,
    dtype,
    async classify(inputs) {
      if (inputs.length === 0) return [];
      if (inputs.some((i) => i.text_pair !== undefined)) return classifyPairs(pipe, inputs, labels.length);
      const out = (await pipe(inputs.map((i) => i.text), { top_k: null })) as unknown as Scored[][] | Scored[];
      // A single input comes back as one list rather than a list of lists.
      const rows = (inputs.length === 1 && !Array.isArray(out[0]) ? [out] : out) as Scored[][];
      return rows.map((row) => {
        const probs = new Array<number>(labels.length).fill(0);
        for (const { label, score } of row) probs[index.get(label) as number] = score;
        return probs;
      });
    },
    async dispose() {
      await pipe.dispose();
    },
  };
}

/**
 * The pipeline takes no text pairs, so pairs go through its tokenizer and model directly, the
 * way the pipeline itself does it: pad, truncate, run, softmax the logits.
 */
async function classifyPairs(pipe: TextClassificationPipeline, inputs: readonly TextInput[], width: number): Promise<number[][]> {
  const encoded = pipe.tokenizer(
    inputs.map((i) => i.text),
    { text_pair: inputs.map((i) => i.text_pair ?? ''), padding: true, truncation: true },
  );
  const { logits } = (await pipe.model(encoded)) as { logits: { data: ArrayLike<number>; dims: number[] } };
  const rows: number[][] = [];
  for (let r = 0; r < inputs.length; r++) rows.push(softmax(Array.from({ length: width }, (_, c) => logits.data[r * width + c] as number)));
  return rows;
}

function softmax(xs: readonly number[]): number[] {
  const top = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
