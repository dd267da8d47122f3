/**
 * The module backend: any model, rule system or API, written as a JavaScript module that
 * exports
 *
 * ```js
 * export const labels = ['NEGATIVE', 'POSITIVE'];          // or model.labels in the spec
 * export async function classify(texts, pairs) {            // pairs: only in pair audits
 *   return texts.map((t) => ({ NEGATIVE: 0.3, POSITIVE: 0.7 }));
 * }
 * ```
 *
 * and, optionally, `fingerprint` (a string that changes when its answers do; default: a hash
 * of the module file, so editing the file invalidates cached predictions).
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { modelFingerprint, type FileHasher } from './source.js';
import type { Classifier, ModelSource } from './types.js';

type Scores = Record<string, number>;

interface ClassifierModule {
  classify: (texts: string[], pairs?: (string | undefined)[]) => Promise<Scores[]> | Scores[];
  labels?: unknown;
  fingerprint?: unknown;
}

/**
 * Imports the module and checks its exports.
 * @throws Error naming what the module lacks.
 */
export async function loadModuleClassifier(source: Extract<ModelSource, { kind: 'module' }>, specLabels: readonly string[] | undefined, hashFile?: FileHasher): Promise<Classifier> {
  let mod: Partial<ClassifierModule>;
  try {
    mod = (await import(pathToFileURL(source.file).href)) as Partial<ClassifierModule>;
  } catch (err) {
    throw new Error(`cannot import module ${source.shown}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  const classify = mod.classify;
  if (typeof classify !== 'function') throw new Error(`module ${source.shown} exports no function "classify"`);
  const exported = Array.isArray(mod.labels) && mod.labels.length >= 2 && mod.labels.every((l) => typeof l === 'string') ? (mod.labels as string[]) : undefined;
  const labels = specLabels ? [...specLabels] : exported;
  if (labels === undefined) throw new Error(`module ${source.shown} exports no "labels" (an array of at least two label names); export one, or set model.labels in the spec`);
  const own = typeof mod.fingerprint === 'string' ? `sha256:${createHash('sha256').update(`module-own\0${mod.fingerprint}`).digest('hex')}` : undefined;

  return {
    labels,
    device: 'module',
    dtype: 'module',
    backend: 'module',
    fingerprint: own ?? modelFingerprint(source, 'fp32', hashFile),
    async classify(inputs) {
      const texts = inputs.map((i) => i.text);
      const pairs = inputs.some((i) => i.text_pair !== undefined) ? inputs.map((i) => i.text_pair) : undefined;
      const out: unknown = await (pairs ? classify(texts, pairs) : classify(texts));
      if (!Array.isArray(out) || out.length !== inputs.length) {
        throw new Error(`module ${source.shown}: classify() returned ${Array.isArray(out) ? `${out.length} results` : typeof out} for ${inputs.length} texts; expected an array with one { label: probability } object per text`);
      }
      return out.map((scores: unknown, i) => toRow(scores, labels, () => `module ${source.shown}: classify() result ${i} (for ${JSON.stringify(texts[i])})`));
    },
    async dispose() {},
  };
}

function toRow(scores: unknown, labels: readonly string[], where: () => string): number[] {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) throw new Error(`${where()} is not an object of label → probability`);
  const record = scores as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !labels.includes(k));
  if (extra.length > 0) throw new Error(`${where()} has unknown label ${JSON.stringify(extra[0])}; the labels are ${labels.join(', ')}`);
  return labels.map((label) => {
    const p = record[label];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new Error(`${where()} gives ${label} ${JSON.stringify(p)}; expected a probability from 0 to 1`);
    return p;
  });
}
