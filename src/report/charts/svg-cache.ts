/**
 * Rendered SVGs kept on disk, keyed by what determines them: the chart's spec text and the
 * renderer (its code and the vega and vega-lite versions). Rendering is deterministic, so a kept
 * SVG is byte for byte what rendering again would give; a re-run whose charts did not change
 * skips vega entirely. Best effort: an entry that cannot be read or written is rendered anew.
 *
 * A kept chart goes into report.html as markup, so the cache must not be a way to put anything
 * else there. Each entry carries an HMAC-SHA256 of its name, spec text and SVG under a secret
 * key that lives apart from the cache (`chartCacheKeyFile`, in the user's state folder, created
 * on first use, readable by the user alone): an entry is used only when its MAC verifies, that
 * is, only when this user's renderer wrote it for this spec. Anyone who can write the cache
 * folder but not the key file (a shared CI cache, a checked-in `.counterfair`) cannot forge an
 * entry: an edited SVG (a forged "ALL GATES PASSED", a `<meta http-equiv=refresh>`) fails the
 * check and the chart is rendered again. Without a usable key file the cache is not used.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPACT_JSON_CODE } from '../../shared/compact-json.js';
import { processAlive } from '../processes.js';
import { rendererFingerprint } from './renderer.js';

/** What is kept for one chart: its SVG and its spec as `charts/<name>.vl.json` holds it. */
export interface KeptChart {
  svg: string;
  specText: string;
}

/** A folder of rendered charts. */
export interface SvgCache {
  /** The chart kept for this spec (its JSON.stringify text), if any and if its MAC verifies. */
  get(specJson: string): KeptChart | undefined;
  /** Keeps a chart for this spec. */
  put(specJson: string, chart: KeptChart): void;
}

/**
 * Where the chart cache's key lives by default: `$XDG_STATE_HOME/counterfair/chart-cache.key`,
 * or `~/.local/state/counterfair/chart-cache.key`; never inside the cache folder.
 */
export function chartCacheKeyFile(): string {
  const state = process.env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'counterfair', 'chart-cache.key');
}

/** A cache that keeps nothing (no usable key). */
const NO_CACHE: SvgCache = { get: () => undefined, put: () => {} };

/**
 * The SVG cache in `dir` (created when first written). An entry is named by the hash of the
 * renderer, the compact JSON writer's code and the spec; it holds the SVG (`.svg`), the spec's
 * compact text (`.vl.json`), so an unchanged chart is neither rendered nor written out again,
 * and the MAC of both (`.mac`).
 * @param keyFile the secret key's file (created when missing); default `chartCacheKeyFile()`.
 */
export function openSvgCache(dir: string, keyFile: string = chartCacheKeyFile()): SvgCache {
  const key = readOrCreateKey(keyFile);
  if (key === undefined) return NO_CACHE;
  removeDeadTemps(dir);
  const baseOf = (specJson: string): string =>
    path.join(
      dir,
      createHash('sha256').update(rendererFingerprint()).update('\n').update(COMPACT_JSON_CODE).update('\n').update(specJson).digest('hex'),
    );
  const macOf = (base: string, chart: KeptChart): Buffer =>
    createHmac('sha256', key).update(path.basename(base)).update('\0').update(chart.specText).update('\0').update(chart.svg).digest();
  return {
    get(specJson) {
      const base = baseOf(specJson);
      const svg = read(`${base}.svg`);
      const specText = read(`${base}.vl.json`);
      const mac = read(`${base}.mac`);
      if (svg === undefined || specText === undefined || mac === undefined || !/^[0-9a-f]{64}$/.test(mac)) return undefined;
      const chart = { svg, specText };
      return timingSafeEqual(Buffer.from(mac, 'hex'), macOf(base, chart)) ? chart : undefined;
    },
    put(specJson, chart) {
      const base = baseOf(specJson);
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return;
      }
      // The MAC last: an entry counts only once it is there and matches the files before it.
      rmSync(`${base}.mac`, { force: true });
      write(`${base}.vl.json`, chart.specText);
      write(`${base}.svg`, chart.svg);
      write(`${base}.mac`, macOf(base, chart).toString('hex'));
    },
  };
}

/** The key in `file` (64 hex digits), created with a fresh random key when missing; undefined when unusable. */
function readOrCreateKey(file: string): Buffer | undefined {
  const text = read(file);
  if (text !== undefined) return /^[0-9a-f]{64}\n?$/.test(text) ? Buffer.from(text.slice(0, 64), 'hex') : undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // `wx`: never overwrite a key another process has just written; read back whichever won.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  const written = read(file);
  return written !== undefined && /^[0-9a-f]{64}\n?$/.test(written) ? Buffer.from(written.slice(0, 64), 'hex') : undefined;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function write(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}

/** Removes `*.tmp-<pid>` files that processes killed while writing left behind. */
function removeDeadTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /\.tmp-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) rmSync(path.join(dir, name), { force: true });
  }
}
