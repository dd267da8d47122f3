/**
 * Writes a random-weight DistilBERT classifier as a transformers.js model folder
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`), loadable
 * exactly as a hub model. The vocabulary holds the given words first (so the benchmark's
 * sentences tokenize to real ids, one per word), then filler tokens up to the model's size.
 *
 * @module
 */
import { encodeDistilBert, type DistilBertShape } from './distilbert-onnx.js';
import { SPECIAL_TOKENS, Vocabulary, isUsableWord, tokenizerConfigJson, tokenizerJson } from './tokenizer.js';
import { LABELS, jsonText, writeFolderFiles, type WrittenFile } from './write-model-folder.js';

/** A vocabulary of exactly `size` tokens: special tokens, the usable `words` (first seen first), fillers. */
export function fixedSizeVocabulary(words: Iterable<string>, size: number): Vocabulary {
  const chosen = new Set<string>();
  const room = size - SPECIAL_TOKENS.length;
  for (const w of words) {
    if (chosen.size >= room) break;
    if (isUsableWord(w)) chosen.add(w);
  }
  for (let i = 0; chosen.size < room; i++) chosen.add(`filler${i}`);
  return new Vocabulary([...chosen]);
}

/** `config.json` of a DistilBERT sequence classifier with the binary sentiment labels. */
function distilBertConfig(shape: DistilBertShape): Record<string, unknown> {
  if (shape.labels !== LABELS.length) throw new Error(`the folder writer names ${LABELS.length} labels, not ${shape.labels}`);
  return {
    architectures: ['DistilBertForSequenceClassification'],
    model_type: 'distilbert',
    problem_type: 'single_label_classification',
    id2label: Object.fromEntries(LABELS.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(LABELS.map((l, i) => [l, i])),
    vocab_size: shape.vocabSize,
    dim: shape.dim,
    n_layers: shape.layers,
    n_heads: shape.heads,
    hidden_dim: shape.ffn,
    max_position_embeddings: shape.maxPositions,
    pad_token_id: 0,
    'transformers.js_config': { dtype: 'fp32' },
  };
}

/** Writes the model folder; returns what was written. */
export function writeDistilBertFolder(folder: string, shape: DistilBertShape, seed: number, words: Iterable<string>, std = 0.02): WrittenFile[] {
  const vocab = fixedSizeVocabulary(words, shape.vocabSize);
  return writeFolderFiles(folder, {
    'config.json': jsonText(distilBertConfig(shape)),
    'tokenizer.json': jsonText(tokenizerJson(vocab)),
    'tokenizer_config.json': jsonText(tokenizerConfigJson()),
    'onnx/model.onnx': encodeDistilBert(shape, seed, std),
  });
}
