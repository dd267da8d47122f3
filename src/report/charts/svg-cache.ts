/**
 * Rendered SVGs kept on disk, keyed by what determines them: the chart's spec text and the
 * renderer (its code and the vega and vega-lite versions). Rendering is deterministic, so a kept
 * SVG is byte for byte what rendering again would give; a re-run whose charts did not change
 * skips vega entirely. Best effort: an entry that cannot be read or written is rendered anew.
 *
 * A kept chart goes into report.html as markup, so each entry carries an HMAC of its name, spec
 * text and SVG under the user's key of kept files (shared/kept-files.ts): an edited SVG (a forged
 * "ALL GATES PASSED", a `<meta http-equiv=refresh>`) fails the check and the chart is rendered
 * again. Without a usable key file the cache is not used.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { COMPACT_JSON_CODE } from '../../shared/compact-json.js';
import { keptKeyFile, macOf, readOrCreateKey, readText, removeDeadTemps, writeReplacing } from '../../shared/kept-files.js';
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

/** A cache that keeps nothing (no usable key). */
const NO_CACHE: SvgCache = { get: () => undefined, put: () => {} };

/**
 * The SVG cache in `dir` (created when first written). An entry is named by the hash of the
 * renderer, the compact JSON writer's code and the spec; it holds the SVG (`.svg`), the spec's
 * compact text (`.vl.json`), so an unchanged chart is neither rendered nor written out again,
 * and the MAC of both (`.mac`).
 * @param keyFile the secret key's file (created when missing); default `keptKeyFile()`.
 */
export function openSvgCache(dir: string, keyFile: string = keptKeyFile()): SvgCache {
  const key = readOrCreateKey(keyFile);
  if (key === undefined) return NO_CACHE;
  removeDeadTemps(dir);
  const baseOf = (specJson: string): string =>
    path.join(
      dir,
      createHash('sha256').update(rendererFingerprint()).update('\n').update(COMPACT_JSON_CODE).update('\n').update(specJson).digest('hex'),
    );
  const macOfEntry = (base: string, chart: KeptChart): Buffer => macOf(key, path.basename(base), chart.specText, chart.svg);
  return {
    get(specJson) {
      const base = baseOf(specJson);
      const svg = readText(`${base}.svg`);
      const specText = readText(`${base}.vl.json`);
      const mac = readText(`${base}.mac`);
      if (svg === undefined || specText === undefined || mac === undefined || !/^[0-9a-f]{64}$/.test(mac)) return undefined;
      const chart = { svg, specText };
      return timingSafeEqual(Buffer.from(mac, 'hex'), macOfEntry(base, chart)) ? chart : undefined;
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
      writeReplacing(`${base}.vl.json`, chart.specText);
      writeReplacing(`${base}.svg`, chart.svg);
      writeReplacing(`${base}.mac`, macOfEntry(base, chart).toString('hex'));
    },
  };
}
