/**
 * Resolves the spec's `model:` to a model source, checks a local folder has what transformers.js
 * needs, and fingerprints the model (for reports now, and for the prediction cache later).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SpecIssueError } from '../errors.js';
import type { ModelSpec } from '../spec/schema.js';
import type { ModelSource } from './types.js';

/** ONNX file transformers.js loads for each dtype. */
const ONNX_FILE: Record<ModelSpec['dtype'], string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
};

/**
 * The model source of a spec. A local folder must exist and hold config.json, tokenizer.json
 * and the ONNX file of the chosen dtype.
 * @throws SpecIssueError pointing at `model.path`.
 */
export function resolveModelSource(model: ModelSpec, specDir: string): ModelSource {
  if (model.id !== undefined) return { kind: 'hub', id: model.id, ...(model.revision ? { revision: model.revision } : {}) };
  const shown = model.path as string;
  const folder = path.resolve(specDir, shown);
  const where = ['model', 'path'];
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new SpecIssueError([{ path: where, message: `model folder ${shown} not found (run \`npm run build:models\` for the shipped models)` }]);
  }
  const missing = ['config.json', 'tokenizer.json', ONNX_FILE[model.dtype]].filter((f) => !existsSync(path.join(folder, f)));
  if (missing.length > 0) {
    throw new SpecIssueError([{ path: where, message: `model folder ${shown} lacks ${missing.join(', ')} (a transformers.js model folder has config.json, tokenizer.json and onnx/model.onnx)` }]);
  }
  return { kind: 'local', folder, shown };
}

/**
 * A fingerprint of the model: sha256 over its config, tokenizer and ONNX weights for a local
 * folder; the hub id and revision otherwise (the hub's files are not read before loading).
 */
export function modelFingerprint(source: ModelSource, dtype: ModelSpec['dtype']): string {
  const h = createHash('sha256');
  if (source.kind === 'hub') {
    h.update(`hub\0${source.id}\0${source.revision ?? 'main'}\0${dtype}`);
  } else {
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE[dtype]]) {
      const file = path.join(source.folder, f);
      h.update(f).update('\0');
      if (existsSync(file)) h.update(readFileSync(file));
    }
  }
  return `sha256:${h.digest('hex')}`;
}
