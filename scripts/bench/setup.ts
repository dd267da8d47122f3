/**
 * What every benchmark case shares: the DistilBERT-base-shaped model (built by the project's
 * own ONNX graph builder, with seeded random weights) and the audits whose sentences all cases
 * classify.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { generateFromSpec, loadSpec } from '../../src/index.js';
import { writeDistilBertFolder } from '../models/distilbert-folder.js';
import { DISTILBERT_BASE, parameterCount } from '../models/distilbert-onnx.js';
import { wordTokens } from '../models/tokenizer.js';

/** Where the benchmark writes (ignored by git: the model is ~260 MB). */
export const BENCH_DIR = path.join('reports', 'bench');
export const MODEL_DIR = path.join(BENCH_DIR, 'model');
const TEMPLATES_FILE = path.join('scripts', 'bench', 'templates.json');

/** The benchmark's templates, in file order. */
export function benchTemplates(): string[] {
  return (JSON.parse(readFileSync(TEMPLATES_FILE, 'utf8')) as { templates: string[] }).templates;
}

/** The model's vocabulary words, first seen first: the templates' and the countries' words. */
export function benchWords(): string[] {
  const countries = JSON.parse(readFileSync(path.join('lexicons', 'countries.json'), 'utf8')) as { groups: { forms: Record<string, string | string[]> }[] };
  return wordTokens([...benchTemplates(), ...countries.groups.flatMap((g) => Object.values(g.forms).flat())].join(' '));
}

/**
 * Builds the model unless it is there already (the build is deterministic: same seed, same
 * bytes). Its vocabulary holds the templates' and countries' words, so each word is one token.
 */
export function ensureBenchModel(log: (line: string) => void): { parameters: number; bytes: number } {
  const onnx = path.join(MODEL_DIR, 'onnx', 'model.onnx');
  if (!existsSync(onnx)) {
    log(`building the DistilBERT-base-shaped model (${parameterCount(DISTILBERT_BASE).toLocaleString('en')} parameters, random weights) into ${MODEL_DIR}`);
    writeDistilBertFolder(MODEL_DIR, DISTILBERT_BASE, 1, benchWords());
  }
  return { parameters: parameterCount(DISTILBERT_BASE), bytes: readFileSync(onnx).byteLength };
}

/**
 * Writes an audit of the first `templates` templates (numbered variants beyond the file's
 * length) over every country, with the bootstrap the targets name (2,000 resamples).
 * @param model the model folder, relative to the audit (the bench model by default).
 */
export function writeBenchAudit(name: string, templates: number, model = 'model'): string {
  const base = benchTemplates();
  const list = Array.from({ length: templates }, (_, i) => (i < base.length ? (base[i] as string) : `Report ${Math.floor(i / base.length)}: ${base[i % base.length]}`));
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `${name}.yaml`);
  writeFileSync(
    file,
    stringify({
      name: `Benchmark: ${list.length} templates × every country`,
      model: { path: model, label: 'POSITIVE' },
      bootstrap: { resamples: 2000 },
      templates: list,
      axes: { country: { lexicon: 'countries' } },
      gates: [{ metric: 'gap', axis: 'country', max: 1 }],
    }),
  );
  return file;
}

/** The distinct sentences of an audit, in generation order: what every case classifies. */
export function sentencesOf(spec: string): string[] {
  return [...new Set(generateFromSpec(loadSpec(spec)).sets.flatMap((s) => s.sentences.map((x) => x.text)))];
}
