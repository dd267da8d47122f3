/**
 * Finds what a transformers.js model consists of: its ONNX file (for the sessions), its config
 * (labels) and its tokenizer. A local folder is read as it is; a hub model is downloaded by
 * transformers.js into its cache the first time (hub.ts), exactly as `pipeline()` would, and read
 * from there after. transformers.js is imported only when it is needed (a tokenizer, a hub model):
 * a re-run whose predictions are all cached never loads it, nor onnxruntime.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModelSpec } from '../../spec/schema.js';
import type { ScoreFunction } from '../scores.js';
import { ONNX_FILE } from '../source.js';
import type { ModelSource } from '../types.js';
import { fetchHubModel, transformers } from './hub.js';
import type { Tokenize } from './tokens.js';

/** A model ready for sessions; its tokenizer loads on demand. */
export interface ModelFiles {
  onnxFile: string;
  /** Bytes of the ONNX file and its external data. */
  onnxBytes: number;
  labels: string[];
  scoreFunction: ScoreFunction;
  loadTokenizer(): Promise<{ tokenize: Tokenize; padId: number }>;
}

interface ModelConfig {
  id2label?: Record<string, string>;
  problem_type?: string;
  pad_token_id?: number;
}

type LocalOrHub = Extract<ModelSource, { kind: 'local' | 'hub' }>;

/**
 * Reads the config and finds the ONNX file of `dtype` (downloading a hub model the first time).
 * @throws Error with transformers.js's message when a file is missing or cannot be fetched.
 */
export async function loadModelFiles(source: LocalOrHub, dtype: ModelSpec['dtype']): Promise<ModelFiles> {
  const onnxFile = source.kind === 'local' ? path.join(source.folder, ONNX_FILE[dtype]) : (await fetchHubModel(source.id, source.revision, dtype)).onnxFile;
  // A hub model's cache folder has the same layout as a local folder.
  const folder = path.dirname(path.dirname(onnxFile));
  const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as ModelConfig;
  const labels = Object.keys(config.id2label ?? {})
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => (config.id2label as Record<string, string>)[k] as string);
  if (labels.length < 2) throw new Error('model config has no id2label with at least two labels');
  const external = `${onnxFile}_data`;
  return {
    onnxFile,
    onnxBytes: statSync(onnxFile).size + (existsSync(external) ? statSync(external).size : 0),
    labels,
    // transformers.js's text-classification rule: sigmoid for multi-label models, else softmax.
    scoreFunction: config.problem_type === 'multi_label_classification' ? 'sigmoid' : 'softmax',
    async loadTokenizer() {
      const { AutoTokenizer } = await transformers();
      const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
      return { tokenize: tokenizer as unknown as Tokenize, padId: tokenizer.pad_token_id ?? config.pad_token_id ?? 0 };
    },
  };
}
