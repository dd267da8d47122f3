/**
 * The module backend (`model.module`): any model, rule system or API, written as a JavaScript
 * module whose named exports are a `Classifier` (classifier.ts, docs/backends.md):
 *
 * ```js
 * export const labels = ['NEGATIVE', 'POSITIVE'];          // or model.labels in the spec
 * export async function classify(texts, pairs) {            // pairs: only in pair audits
 *   return texts.map((t) => ({ NEGATIVE: 0.3, POSITIVE: 0.7 }));
 * }
 * ```
 *
 * and, optionally, `fingerprint` (a string that changes when its answers do; default: a hash
 * of the module file, so editing the file invalidates cached predictions), `name`,
 * `multiLabel` and `dispose`. Importing it and each `classify()` call are timed
 * (`model.timeout_ms`): a promise that never settles is an error, not a hang.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { CounterfairError, SpecIssueError } from '../shared/errors.js';
import { adaptClassifier, DEFAULT_TIMEOUT_MS, withTimeout } from './classifier.js';
import { checkLabelList } from './labels.js';
import { MESSAGES, type Message } from './messages.js';
import { modelRow } from './row.js';
import { modelFingerprint, sha256File, type FileHasher } from './source.js';
import { COMMON_KEYS, IGNORED_KEYS, LABELS_KEY } from './spec-keys.js';
import type { LoadedClassifier, ModelSource } from './types.js';
import { firstLine } from './values.js';

const ModuleSchema = z
  .strictObject({
    module: z
      .string()
      .min(1)
      .describe('A JavaScript module exporting labels and classify(texts, pairs) (docs/backends.md), relative to the spec file'),
    ...COMMON_KEYS,
    ...LABELS_KEY,
    timeout_ms: z
      .int()
      .min(1)
      .max(86_400_000)
      .default(DEFAULT_TIMEOUT_MS)
      .describe('Time limit of importing the module and of each classify() call (one batch)'),
    ...IGNORED_KEYS.pick({ revision: true, device: true, dtype: true, token_budget: true, workers: true, threads: true }).shape,
  })
  .describe('A JavaScript module that classifies');

type ModuleSpec = z.output<typeof ModuleSchema>;
type ModuleOrigin = Extract<ModelSource, { kind: 'module' }>;

/** `model.module`: a JavaScript module exporting a classifier. */
export const MODULE = modelRow({
  key: 'module',
  noun: 'a JavaScript module ("module")',
  doc: 'a JavaScript module exporting labels and classify(texts, pairs)',
  schema: ModuleSchema,
  resolve(model, specDir) {
    const file = path.resolve(specDir, model.module);
    const at = (message: Message) => new SpecIssueError([{ path: ['model', 'module'], ...message }]);
    if (!existsSync(file) || !statSync(file).isFile()) throw at(MESSAGES.moduleMissing(model.module));
    const origin: ModuleOrigin = { kind: 'module', file, shown: model.module };
    return {
      specPath: ['model', 'module'],
      source: model.module,
      origin,
      async readLabels() {
        if (model.labels !== undefined) return { known: true, labels: model.labels, from: 'model.labels' };
        const labels = exportedLabels(await importModule(origin, model.timeout_ms), origin.shown);
        if (!Array.isArray(labels)) throw at(labels);
        return { known: true, labels, from: `the labels of module ${origin.shown}` };
      },
      fingerprint: (hashFile) => modelFingerprint(origin, 'fp32', hashFile),
      load: (options) => loadModuleClassifier(origin, model, options.hashFile),
    };
  },
});

/**
 * Imports the module and adapts its exports.
 * @throws CounterfairError (code `model`) naming what the module lacks or did wrong.
 */
export async function loadModuleClassifier(
  origin: ModuleOrigin,
  model: Pick<ModuleSpec, 'labels' | 'timeout_ms'>,
  hashFile: FileHasher = sha256File,
): Promise<LoadedClassifier> {
  const mod = await importModule(origin, model.timeout_ms);
  const classify = mod['classify'];
  if (typeof classify !== 'function') throw new CounterfairError('model', MESSAGES.moduleNoClassify(origin.shown));
  const labels = model.labels ?? exportedLabels(mod, origin.shown);
  if (!Array.isArray(labels)) throw new CounterfairError('model', labels);
  const own = mod['fingerprint'];
  const fingerprint = sha256(typeof own === 'string' ? ['module-own', own, ...labels] : ['module', hashFile(origin.file), ...labels]);
  const dispose = mod['dispose'];
  return adaptClassifier(
    {
      classify: (texts, pairs): unknown => Reflect.apply(classify, mod, pairs ? [texts, pairs] : [texts]),
      multiLabel: mod['multiLabel'] === true,
      dispose: typeof dispose === 'function' ? (): unknown => Reflect.apply(dispose, mod, []) : undefined,
    },
    {
      backend: 'module',
      who: `module ${origin.shown}`,
      labels,
      fingerprint,
      name: typeof mod['name'] === 'string' ? mod['name'] : origin.shown,
      timeoutMs: model.timeout_ms,
      owned: true,
    },
  );
}

/** The module's exports; its import (top-level await included) is timed. */
async function importModule(origin: ModuleOrigin, timeoutMs: number): Promise<Record<string, unknown>> {
  const imported = import(pathToFileURL(origin.file).href).catch((err: unknown) => {
    throw new CounterfairError('model', MESSAGES.moduleImport(origin.shown, firstLine(err)));
  });
  const late = () => new CounterfairError('model', MESSAGES.timeout(`module ${origin.shown}`, timeoutMs, 'importing it'));
  const mod: unknown = await withTimeout(imported, timeoutMs, late);
  const exports: Record<string, unknown> = {};
  if (typeof mod === 'object' && mod !== null) for (const key of Object.keys(mod)) exports[key] = Reflect.get(mod, key);
  return exports;
}

/** The module's `labels` export, checked, or the message saying what is wrong with it. */
function exportedLabels(mod: Record<string, unknown>, shown: string): string[] | Message {
  const labels = mod['labels'];
  if (labels === undefined) return MESSAGES.moduleNoLabels(shown);
  if (!Array.isArray(labels) || !labels.every((l): l is string => typeof l === 'string' && l !== '')) {
    return MESSAGES.moduleBadLabels(shown, 'are not a list of label names');
  }
  const problem = checkLabelList(labels, `module ${shown}`);
  return problem ?? labels;
}

function sha256(parts: readonly string[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\0')).digest('hex')}`;
}
