/**
 * Fingerprints a model from its source, for results.json and as the key of the prediction
 * cache; the registry's rows (registry.ts) resolve the spec's `model:` to a source.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { Dtype } from './spec-keys.js';
import type { ModelSource } from './types.js';

/** ONNX file transformers.js loads for each dtype. */
export const ONNX_FILE: Record<Dtype, string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
};

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
export function modelFingerprint(source: ModelSource, dtype: Dtype, hashFile: FileHasher = sha256File): string {
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
      // protocol: openai names its model in `model`; its loaded classifier fingerprints the prompt too.
      const { protocol, url, name, version, model } = source.server;
      h.update(`server\0${protocol}\0${url}\0${name ?? model ?? ''}\0${version ?? ''}`);
      break;
    }
  }
  return `sha256:${h.digest('hex')}`;
}

