/**
 * Resolves the spec's `model:` to a model source, checks a local folder has what transformers.js
 * needs (and a module file exists), and fingerprints the model: for results.json and as the key
 * of the prediction cache.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { SpecIssueError } from '../shared/errors.js';
import type { ModelSpec } from '../spec/schema.js';
import type { ModelSource } from './types.js';

/** ONNX file transformers.js loads for each dtype. */
export const ONNX_FILE: Record<ModelSpec['dtype'], string> = {
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
  if (model.server !== undefined) return { kind: 'server', server: model.server };
  if (model.module !== undefined) {
    const file = path.resolve(specDir, model.module);
    if (!existsSync(file) || !statSync(file).isFile()) throw new SpecIssueError([{ path: ['model', 'module'], message: `module ${model.module} not found` }]);
    return { kind: 'module', file, shown: model.module };
  }
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
 * How a file's sha256 is had: computed, or remembered (the prediction cache remembers, and
 * says through `remembers` whether it would have to compute).
 */
export type FileHasher = ((file: string) => string) & { remembers?: (file: string) => boolean };

/** sha256 of a file's bytes, streamed in chunks (a model can be larger than memory allows twice). */
export function sha256File(file: string): string {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (let n: number; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) h.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * A fingerprint of the model: sha256 over the hashes of its config, tokenizer and ONNX weights
 * (and the dtype) for a local folder; the hub id, revision and dtype for a hub model (the hub's
 * files are not read before loading); the module file's bytes for a module; the protocol, URL,
 * name and version for a server (a loaded server classifier knows better, from the server).
 */
export function modelFingerprint(source: ModelSource, dtype: ModelSpec['dtype'], hashFile: FileHasher = sha256File): string {
  const h = createHash('sha256');
  switch (source.kind) {
    case 'hub':
      h.update(`hub\0${source.id}\0${source.revision ?? 'main'}\0${dtype}`);
      break;
    case 'local':
      h.update(`local\0${dtype}`);
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE[dtype], `${ONNX_FILE[dtype]}_data`]) {
        const file = path.join(source.folder, f);
        h.update(`\0${f}\0${existsSync(file) ? hashFile(file) : '-'}`);
      }
      break;
    case 'module':
      h.update(`module\0${hashFile(source.file)}`);
      break;
    case 'server': {
      const { protocol, url } = source.server;
      // protocol: openai names its model in `model`; its loaded classifier fingerprints the prompt too.
      const [name, version] = source.server.protocol === 'openai' ? [source.server.model] : [source.server.name, source.server.version];
      h.update(`server\0${protocol}\0${url}\0${name ?? ''}\0${version ?? ''}`);
      break;
    }
  }
  return `sha256:${h.digest('hex')}`;
}
