/**
 * The rows of transformers.js models, run by onnxruntime: a folder in the transformers.js layout
 * (`model.path`) and a Hugging Face hub id (`model.id`). A folder's files are checked before
 * loading (config.json and tokenizer.json must be JSON of the right kind, the ONNX file of the
 * dtype must be there), and its labels are read from config.json; a hub model's labels are
 * known once it is downloaded, so they are checked after it loads.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CounterfairError, SpecIssueError } from '../shared/errors.js';
import { checkLabelList } from './labels.js';
import { MESSAGES, type Message } from './messages.js';
import { hubCacheFolder } from './onnx/hub.js';
import { loadOnnxClassifier } from './onnx/index.js';
import { MESSAGES as DEVICE_MESSAGES } from './onnx/messages.js';
import { modelRow, type LoadOptions, type ResolvedModel } from './row.js';
import { modelFingerprint, ONNX_FILE } from './source.js';
import { COMMON_KEYS, IGNORED_KEYS, RUNTIME_KEYS } from './spec-keys.js';
import type { LoadedClassifier, ModelSource } from './types.js';
import { firstLine, isRecord } from './values.js';

const LocalSchema = z
  .strictObject({
    path: z.string().min(1).describe('Local model folder in the transformers.js layout, relative to the spec file'),
    ...COMMON_KEYS,
    ...RUNTIME_KEYS,
    ...IGNORED_KEYS.pick({ revision: true, labels: true }).shape,
  })
  .describe('A transformers.js model folder, run by onnxruntime');

const HubSchema = z
  .strictObject({
    id: z.string().min(1).describe('Hugging Face model id, e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english'),
    revision: z.string().min(1).optional().describe('Hub revision (branch, tag or commit) for `id`'),
    ...COMMON_KEYS,
    ...RUNTIME_KEYS,
    ...IGNORED_KEYS.pick({ labels: true }).shape,
  })
  .describe('A Hugging Face hub model, downloaded by transformers.js on first use and run by onnxruntime');

type Runtime = Pick<z.output<typeof LocalSchema>, 'device' | 'dtype' | 'token_budget'>;

/** `model.path`: a transformers.js model folder. */
export const LOCAL = modelRow({
  key: 'path',
  noun: 'a local model folder ("path")',
  doc: 'a transformers.js model folder, on onnxruntime sessions in worker threads',
  schema: LocalSchema,
  resolve(model, specDir) {
    const shown = model.path;
    const folder = path.resolve(specDir, shown);
    const fail = (message: Message) => new SpecIssueError([{ path: ['model', 'path'], ...message }]);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw fail(MESSAGES.folderMissing(shown));
    const missing = ['config.json', 'tokenizer.json', ONNX_FILE[model.dtype]].filter((f) => !existsSync(path.join(folder, f)));
    if (missing.length > 0) throw fail(MESSAGES.folderIncomplete(shown, missing));
    const config = readJsonObject(folder, shown, 'config.json', fail);
    const tokenizer = readJsonObject(folder, shown, 'tokenizer.json', fail);
    if (!isRecord(tokenizer['model'])) {
      const why = 'has no "model" object: it is not a tokenizer.json of the Hugging Face tokenizers library';
      throw fail(MESSAGES.badModelFile(`${shown}/tokenizer.json`, why));
    }
    const origin: ModelSource = { kind: 'local', folder, shown };
    return onnxModel(origin, ['model', 'path'], shown, model, {
      readLabels: async () => {
        const labels = configLabels(config);
        if (typeof labels === 'string') throw fail(MESSAGES.badModelFile(`${shown}/config.json`, labels));
        return { known: true, labels, from: `${shown}/config.json` };
      },
      failure: (reason) => MESSAGES.loadFailed(shown, reason),
    });
  },
});

/** `model.id`: a Hugging Face hub model. */
export const HUB = modelRow({
  key: 'id',
  noun: 'a Hugging Face model ("id")',
  doc: 'a Hugging Face hub id, downloaded by transformers.js on first use, on onnxruntime sessions in worker threads',
  schema: HubSchema,
  resolve(model) {
    const origin: ModelSource = { kind: 'hub', id: model.id, revision: model.revision };
    const fail = (message: Message) => new SpecIssueError([{ path: ['model', 'id'], ...message }]);
    return onnxModel(origin, ['model', 'id'], model.id, model, {
      // Once downloaded, a hub model's config is in the model cache; before, it is known only once it loads.
      readLabels: async () => {
        const folder = await hubCacheFolder(model.id, model.revision);
        if (!existsSync(path.join(folder, 'config.json'))) return { known: false, note: MESSAGES.labelsAfterLoading(model.id).message };
        const labels = configLabels(readJsonObject(folder, folder, 'config.json', fail));
        if (typeof labels === 'string') throw fail(MESSAGES.badModelFile(path.join(folder, 'config.json'), labels));
        return { known: true, labels, from: `${model.id} in the model cache` };
      },
      failure: (reason) =>
        /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(reason)
          ? MESSAGES.hubUnreachable(model.id, reason)
          : MESSAGES.loadFailed(`${model.id} from the Hugging Face hub`, reason),
    });
  },
});

/** The resolved model of either row: both load through `loadOnnxClassifier`. */
function onnxModel(
  origin: Extract<ModelSource, { kind: 'local' | 'hub' }>,
  specPath: string[],
  source: string,
  model: Runtime,
  own: { readLabels: ResolvedModel['readLabels']; failure: (reason: string) => Message },
): ResolvedModel {
  return {
    specPath,
    source,
    origin,
    requestedDevice: model.device,
    pathOf: (id) => (id === DEVICE_MESSAGES.deviceUnavailable.id ? ['model', 'device'] : undefined),
    readLabels: own.readLabels,
    fingerprint: (hashFile) => modelFingerprint(origin, model.dtype, hashFile),
    async load(options: LoadOptions): Promise<LoadedClassifier> {
      try {
        return await loadOnnxClassifier(origin, {
          device: model.device,
          dtype: model.dtype,
          log: options.log,
          workers: options.workers,
          threads: options.threads,
          tokenBudget: model.token_budget,
          hashFile: options.hashFile,
        });
      } catch (err) {
        if (err instanceof CounterfairError) throw err;
        throw new CounterfairError('model', own.failure(firstLine(err)));
      }
    },
  };
}

/** Labels of a config.json's id2label in id order, or why there are none to use. */
function configLabels(config: Record<string, unknown>): string[] | string {
  const id2label = config['id2label'];
  if (!isRecord(id2label)) return 'has no "id2label": the labels of the model are not named';
  const ids = Object.keys(id2label).sort((a, b) => Number(a) - Number(b));
  const labels = ids.map((id) => id2label[id]);
  if (!labels.every((l): l is string => typeof l === 'string')) return '"id2label" maps an id to something that is not a label name';
  const problem = checkLabelList(labels, 'its "id2label"');
  return problem === undefined ? labels : problem.message;
}

function readJsonObject(folder: string, shown: string, file: string, fail: (m: Message) => Error): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  } catch (err) {
    throw fail(MESSAGES.badModelFile(`${shown}/${file}`, `is not valid JSON (${firstLine(err)})`));
  }
  if (!isRecord(value)) throw fail(MESSAGES.badModelFile(`${shown}/${file}`, 'is not a JSON object'));
  return value;
}
