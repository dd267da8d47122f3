/**
 * Rendered SVGs kept on disk, keyed by what determines them: the chart's spec text and the
 * renderer (its code and the vega and vega-lite versions). Rendering is deterministic, so a kept
 * SVG is byte for byte what rendering again would give; a re-run whose charts did not change
 * skips vega entirely. Best effort: an entry that cannot be read or written is rendered anew.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rendererFingerprint } from './renderer.js';

/** A folder of rendered SVGs. */
export interface SvgCache {
  /** The SVG kept for this spec text, if any. */
  get(specText: string): string | undefined;
  /** Keeps an SVG for this spec text. */
  put(specText: string, svg: string): void;
}

/** The SVG cache in `dir` (created when first written). */
export function openSvgCache(dir: string): SvgCache {
  const fileOf = (specText: string): string => path.join(dir, `${createHash('sha256').update(rendererFingerprint()).update('\n').update(specText).digest('hex')}.svg`);
  return {
    get(specText) {
      let svg: string;
      try {
        svg = readFileSync(fileOf(specText), 'utf8');
      } catch {
        return undefined;
      }
      // Written whole (temp name, then rename), so anything else is not ours: render anew.
      return svg.startsWith('<svg') && svg.endsWith('</svg>') ? svg : undefined;
    },
    put(specText, svg) {
      const file = fileOf(specText);
      const temp = `${file}.tmp-${process.pid}`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, svg);
        renameSync(temp, file);
      } catch {
        rmSync(temp, { force: true });
      }
    },
  };
}
