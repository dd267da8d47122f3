/**
 * Hugging Face hub models, and the one place transformers.js's global `env` is set.
 *
 * transformers.js keeps where models come from (`remoteHost`, `allowRemoteModels`) and where
 * they are kept (`cacheDir`) in one process-wide object. counterfair sets it once, on first use,
 * from `HubSettings`: by default read from the environment (`HF_ENDPOINT` for a mirror,
 * `HF_HUB_OFFLINE` to forbid downloads, `COUNTERFAIR_MODEL_CACHE` for the cache folder), or given
 * by `configureHub` before any model loads. Nothing sets it around a call.
 *
 * The cache holds a model in the layout of a local model folder: `<cacheDir>/<id>/` for the
 * `main` revision, `<cacheDir>/<id>/<revision>/` for others (transformers.js's file cache keys).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CounterfairError } from '../../shared/errors.js';
import { ONNX_FILE } from '../source.js';
import { firstLine } from './device.js';
import { MESSAGES } from './messages.js';

/** A dtype, as transformers.js names its ONNX files. */
type Dtype = keyof typeof ONNX_FILE;

/** Where hub models come from and where they are kept. */
export interface HubSettings {
  /** The hub, or a mirror serving its file layout (`{id}/resolve/{revision}/{file}`). */
  remoteHost: string;
  /** The model cache folder; transformers.js's own default (inside its package) when absent. */
  cacheDir?: string;
  /** Never download: hub models come from the cache alone. */
  offline: boolean;
}

/** The Hugging Face hub. */
export const DEFAULT_HUB = 'https://huggingface.co/';

/**
 * Hub settings from environment variables: `HF_ENDPOINT` (a mirror's address, as the Python
 * `huggingface_hub` reads it), `HF_HUB_OFFLINE` (`1`/`true`: no downloads), and
 * `COUNTERFAIR_MODEL_CACHE` (the cache folder).
 */
export function hubSettingsFromEnv(environment: NodeJS.ProcessEnv): HubSettings {
  const host = environment['HF_ENDPOINT']?.trim() || DEFAULT_HUB;
  const cacheDir = environment['COUNTERFAIR_MODEL_CACHE']?.trim();
  return {
    remoteHost: host.endsWith('/') ? host : `${host}/`,
    cacheDir: cacheDir ? path.resolve(cacheDir) : undefined,
    offline: /^(1|true|yes|on)$/i.test(environment['HF_HUB_OFFLINE']?.trim() ?? ''),
  };
}

let settings: HubSettings | undefined;
let loaded: Promise<typeof import('@huggingface/transformers')> | undefined;

/**
 * Sets where hub models come from for this process, instead of the environment variables.
 * @throws Error once transformers.js has been set up (a model or tokenizer has loaded): the
 * settings are set once, before any use.
 */
export function configureHub(value: HubSettings): void {
  if (loaded) throw new Error('configureHub: hub settings are set once per process, before the first model loads');
  settings = value;
}

/** The settings in force (resolved from the environment on first use, unless configured). */
export function hubSettings(): HubSettings {
  settings ??= hubSettingsFromEnv(process.env);
  return settings;
}

/**
 * transformers.js, imported once and set up once: local folders are read where they are, and
 * hub models come from and go to where `hubSettings()` says. Only the local backend calls this.
 */
export function transformers(): Promise<typeof import('@huggingface/transformers')> {
  loaded ??= import('@huggingface/transformers').then((t) => {
    const s = hubSettings();
    t.env.allowLocalModels = true;
    t.env.remoteHost = s.remoteHost;
    t.env.allowRemoteModels = !s.offline;
    if (s.cacheDir !== undefined) t.env.cacheDir = s.cacheDir;
    return t;
  });
  return loaded;
}

/** A hub model in the cache. */
export interface CachedHubModel {
  /** The cache folder holding it, laid out as a local model folder. */
  folder: string;
  onnxFile: string;
  /** Its files, relative to `folder`, sorted. */
  files: string[];
  bytes: number;
  /** Whether any file was downloaded now. */
  downloaded: boolean;
}

/** The files a model needs before it can run from the cache alone. */
function neededFiles(dtype: Dtype): string[] {
  return ['config.json', 'tokenizer.json', ONNX_FILE[dtype]];
}

/**
 * Makes sure a hub model's config, tokenizer and ONNX weights of `dtype` are in the cache,
 * downloading what is missing (as `pipeline()` would: transformers.js loads the model once and
 * lets it go, as it has no call that only downloads).
 * @throws CounterfairError (`classify.hub-not-cached`) when files are missing and downloads are off;
 * Error with transformers.js's message when a download fails.
 */
export async function fetchHubModel(id: string, revision: string | undefined, dtype: Dtype): Promise<CachedHubModel> {
  const t = await transformers();
  const rev = revision ?? 'main';
  const cacheDir = t.env.cacheDir ?? '.cache';
  const folder = path.join(cacheDir, id, ...(rev === 'main' ? [] : [rev]));
  const missing = () => neededFiles(dtype).filter((f) => !existsSync(path.join(folder, f)));
  const downloaded = missing().length > 0;
  if (downloaded) {
    if (!t.env.allowRemoteModels) {
      const command = `counterfair models fetch ${id}${rev === 'main' ? '' : ` --revision ${rev}`}${dtype === 'fp32' ? '' : ` --dtype ${dtype}`}`;
      const model = `model ${id}${rev === 'main' ? '' : ` (revision ${rev})`}`;
      throw new CounterfairError('model', { id: MESSAGES.hubNotCached.id, message: MESSAGES.hubNotCached.text(model, cacheDir, command) });
    }
    await t.AutoTokenizer.from_pretrained(id, { revision: rev });
    const model = await t.AutoModelForSequenceClassification.from_pretrained(id, { dtype, device: 'cpu', revision: rev });
    await model.dispose();
    const still = missing();
    if (still.length > 0) throw new Error(`transformers.js did not leave ${still.join(', ')} in its cache (${folder})`);
  }
  const files = listFiles(folder);
  return {
    folder,
    onnxFile: path.join(folder, ONNX_FILE[dtype]),
    files,
    bytes: files.reduce((n, f) => n + statSync(path.join(folder, f)).size, 0),
    downloaded,
  };
}

/** Files under `folder` (not in other revisions' subfolders), relative, sorted. */
function listFiles(folder: string, under = ''): string[] {
  return readdirSync(path.join(folder, under), { withFileTypes: true })
    .flatMap((e) => {
      const rel = under ? `${under}/${e.name}` : e.name;
      if (e.isDirectory()) return under === '' && e.name !== 'onnx' ? [] : listFiles(folder, rel);
      return e.name.includes('.tmp.') ? [] : [rel];
    })
    .sort();
}

/** The dtypes a model can be fetched in, as transformers.js names its ONNX files. */
export const DTYPES = Object.keys(ONNX_FILE) as Dtype[];

function isDtype(value: string): value is Dtype {
  return (DTYPES as readonly string[]).includes(value);
}

/**
 * `counterfair models fetch <id>`: fills the model cache ahead of a run, so that runs (in CI, say)
 * need no network after.
 * @throws CounterfairError (exit 2) for an unknown dtype, or when the model cannot be fetched.
 */
export async function fetchModel(id: string, options: { revision?: string; dtype?: string }): Promise<CachedHubModel> {
  const dtype = options.dtype ?? 'fp32';
  if (!isDtype(dtype)) throw new CounterfairError('input', { id: MESSAGES.badDtype.id, message: MESSAGES.badDtype.text(dtype, DTYPES) });
  try {
    return await fetchHubModel(id, options.revision, dtype);
  } catch (err) {
    if (err instanceof CounterfairError) throw err;
    const where = hubSettings().remoteHost;
    throw new CounterfairError('model', { id: MESSAGES.fetchFailed.id, message: MESSAGES.fetchFailed.text(id, where, firstLine(err)) });
  }
}
