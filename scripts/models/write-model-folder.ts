/**
 * Writes a text-classification model folder in the layout transformers.js
 * loads from the Hugging Face hub:
 *
 * ```text
 * <folder>/config.json
 * <folder>/tokenizer.json
 * <folder>/tokenizer_config.json
 * <folder>/onnx/model.onnx
 * <folder>/README.md        (model card, written by the caller)
 * ```
 *
 * Text files are UTF-8 with `\n` line endings and a final newline; JSON is
 * pretty-printed with two spaces in insertion order, so rebuilding gives
 * byte-identical files.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SPECIAL_IDS, type Vocabulary, tokenizerConfigJson, tokenizerJson } from './tokenizer.js';

/** Labels of the binary sentiment models, by class index. */
export const LABELS = ['NEGATIVE', 'POSITIVE'] as const;

/** File contents keyed by path relative to the model folder (forward slashes). */
export type FolderFiles = Record<string, string | Uint8Array>;

/** A file that was written. */
export interface WrittenFile {
  /** Absolute path. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  /** Hex sha256 of the contents. */
  sha256: string;
}

/** JSON text as written to disk: two-space indentation and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * `config.json` of a BERT-typed sequence classifier. `model_type: "bert"`
 * makes transformers.js pick `BertForSequenceClassification`, which feeds the
 * session only the inputs it declares (`input_ids`, `attention_mask`);
 * `problem_type: "single_label_classification"` makes the pipeline apply
 * softmax.
 */
export function classifierConfig(vocabSize: number): Record<string, unknown> {
  const id2label: Record<string, string> = {};
  const label2id: Record<string, number> = {};
  LABELS.forEach((label, i) => {
    id2label[String(i)] = label;
    label2id[label] = i;
  });
  return {
    architectures: ['BertForSequenceClassification'],
    model_type: 'bert',
    problem_type: 'single_label_classification',
    id2label,
    label2id,
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    pad_token_id: SPECIAL_IDS.pad,
    'transformers.js_config': { dtype: 'fp32' },
  };
}

/** The loadable part of a model folder: config, tokenizer files and the ONNX graph. */
export function modelFiles(vocab: Vocabulary, onnxBytes: Uint8Array): FolderFiles {
  return {
    'config.json': jsonText(classifierConfig(vocab.size)),
    'tokenizer.json': jsonText(tokenizerJson(vocab)),
    'tokenizer_config.json': jsonText(tokenizerConfigJson()),
    'onnx/model.onnx': onnxBytes,
  };
}

/**
 * Writes `files` under `folder` (creating folders as needed; other files in
 * the folder are left alone).
 *
 * @returns What was written, in the order given.
 */
export function writeFolderFiles(folder: string, files: FolderFiles): WrittenFile[] {
  const written: WrittenFile[] = [];
  for (const [rel, contents] of Object.entries(files)) {
    if (path.isAbsolute(rel) || rel.split('/').includes('..')) throw new Error(`refusing to write ${rel}`);
    const file = path.join(folder, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    writeFileSync(file, data);
    written.push({ path: file, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') });
  }
  return written;
}
