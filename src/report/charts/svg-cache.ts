/**
 * Rendered SVGs kept on disk, keyed by what determines them: the chart's spec text and the
 * renderer (its code and the vega and vega-lite versions). Rendering is deterministic, so a kept
 * SVG is byte for byte what rendering again would give; a re-run whose charts did not change
 * skips vega entirely. Best effort: an entry that cannot be read or written is rendered anew.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COMPACT_JSON_CODE } from '../compact-json.js';
import { rendererFingerprint } from './renderer.js';

/** What is kept for one chart: its SVG and its spec as `charts/<name>.vl.json` holds it. */
export interface KeptChart {
  svg: string;
  specText: string;
}

/** A folder of rendered charts. */
export interface SvgCache {
  /** The chart kept for this spec (its JSON.stringify text), if any. */
  get(specJson: string): KeptChart | undefined;
  /** Keeps a chart for this spec. */
  put(specJson: string, chart: KeptChart): void;
}

/**
 * The SVG cache in `dir` (created when first written). An entry is named by the hash of the
 * renderer, the compact JSON writer's code and the spec; it holds the SVG (`.svg`) and the
 * spec's compact text (`.vl.json`), so an unchanged chart is neither rendered nor written out
 * again (~0.1 s of JSON formatting for a 10,000-sentence audit's charts).
 */
export function openSvgCache(dir: string): SvgCache {
  const baseOf = (specJson: string): string =>
    path.join(dir, createHash('sha256').update(rendererFingerprint()).update('\n').update(COMPACT_JSON_CODE).update('\n').update(specJson).digest('hex'));
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const write = (file: string, text: string): void => {
    const temp = `${file}.tmp-${process.pid}`;
    try {
      writeFileSync(temp, text);
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  };
  return {
    get(specJson) {
      const base = baseOf(specJson);
      const svg = read(`${base}.svg`);
      const specText = read(`${base}.vl.json`);
      // Written whole (temp name, then rename), so anything else is not ours: render anew.
      if (svg === undefined || specText === undefined || !svg.startsWith('<svg') || !svg.endsWith('</svg>')) return undefined;
      return { svg, specText };
    },
    put(specJson, chart) {
      const base = baseOf(specJson);
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return;
      }
      // The spec text first: an entry counts only once its SVG is there.
      write(`${base}.vl.json`, chart.specText);
      write(`${base}.svg`, chart.svg);
    },
  };
}
