/**
 * Static SVG rendered in Node from Vega-Lite specs (no canvas, no browser, no network).
 */
import { createHash } from 'node:crypto';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Advance widths of Helvetica / Arial for the printable ASCII characters U+0020..U+007E, in
 * 1/1000 em (the Adobe Helvetica AFM metrics; Arial shares them).
 */
// prettier-ignore
const ASCII_WIDTHS: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, //  !"#$%&'()*+,-./
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 :;<=>?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [\]^_
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z {|}~
];
/** Width of a character not in the table (after accents are stripped), e.g. a digit-wide glyph. */
const DEFAULT_WIDTH = 556;
/** Bold Helvetica is about this much wider on average. */
const BOLD_FACTOR = 1.07;

/** Width of `text` in em, from the table; accented Latin letters count as their base letter. */
function emWidth(text: string): number {
  let total = 0;
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x300 && code <= 0x36f) continue; // combining accent: no advance of its own
    const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32] : undefined;
    // CJK and other wide scripts take about a full em.
    total += ascii ?? (code >= 0x1100 ? 1000 : DEFAULT_WIDTH);
  }
  return total / 1000;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Text width in px, as vega lays out labels and titles. Mirrors vega's own estimate (11 px
 * default size, trimmed text, a truncated label never wider than its `limit`).
 */
function textWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const str = text == null ? '' : String(text).trim();
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const width = emWidth(str) * size * (bold ? BOLD_FACTOR : 1);
  return item.limit != null && item.limit > 0 ? Math.min(width, item.limit) : width;
}

// Without the `canvas` package vega estimates every character as 0.8 em, about 1.5× too wide:
// axes reserve far too much room for labels and long names are cut early. vega exposes the
// hook `textMetrics.width` (not in its typings) for exactly this; it is a process-wide setting,
// so it is set once, here, at module load, and never reset.
const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text: unknown) => number } })
  .textMetrics;
if (metrics === undefined) throw new Error('vega no longer exports textMetrics: update src/report/charts/render.ts');
metrics.width = textWidth;

/**
 * Renders a Vega-Lite spec to an SVG string in Node. Deterministic: the same spec gives the same
 * string. Text is XML-escaped by vega's SVG writer. Data must be inline: a spec that tries to
 * load anything (data or image URL) is an error, never a silently empty chart.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // vega and vega-lite report problems through a logger that prints to the console (with a
  // stack for a failed dataflow step): collect them instead, and fail with one clean line.
  const problems: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    if (level === 'ERROR') problems.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  });
  const compiled = compile(spec, { logger }).spec;
  const refused: string[] = [];
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader(refused), logger });
  try {
    // Clip and gradient ids come from counters global to the process: start them afresh so
    // the same spec always gives the same string...
    vega.resetSVGDefIds();
    let svg: string;
    try {
      svg = await view.toSVG();
    } catch (err) {
      throw new Error(problems[0] ?? (err instanceof Error ? err.message : String(err)));
    }
    // vega only logs a failed load and draws without the data.
    if (refused.length > 0) {
      throw new Error(`chart tried to load ${refused.map((u) => JSON.stringify(u)).join(', ')}: only inline data is allowed`);
    }
    if (problems.length > 0) throw new Error(problems[0]);
    // ...and make them unique per chart, since several SVGs share one HTML document.
    return scopeDefIds(svg);
  } finally {
    view.finalize();
  }
}

/** Prefixes vega's `clipN` / `gradient_N` ids with a hash of the SVG, so charts never collide. */
export function scopeDefIds(svg: string): string {
  // A few ids in megabytes of paths: find them with indexOf, which is far cheaper than a
  // regex pass (or two) over the whole string.
  const at = [...idSpots(svg, 'id="', '"', true)];
  if (at.length === 0) return svg;
  at.push(...idSpots(svg, 'url(#', ')', false));
  at.sort((a, b) => a - b);
  const prefix = `cf${createHash('sha256').update(svg).digest('hex').slice(0, 8)}-`;
  let out = '';
  let from = 0;
  for (const i of at) {
    out += svg.slice(from, i) + prefix;
    from = i;
  }
  return out + svg.slice(from);
}

/**
 * Where each def id (`clip` or `gradient_` and digits) starts after `lead` and is closed by
 * `close`; with `wordStart`, only where `lead` does not follow a letter, digit or `_`.
 */
function* idSpots(svg: string, lead: string, close: string, wordStart: boolean): Generator<number> {
  for (let i = svg.indexOf(lead); i >= 0; i = svg.indexOf(lead, i + 1)) {
    if (wordStart && i > 0 && /\w/.test(svg[i - 1] as string)) continue;
    const start = i + lead.length;
    const name = svg.startsWith('clip', start) ? 4 : svg.startsWith('gradient_', start) ? 9 : 0;
    if (name === 0) continue;
    let end = start + name;
    while (end < svg.length && svg.charCodeAt(end) >= 48 && svg.charCodeAt(end) <= 57) end++;
    if (end > start + name && svg.startsWith(close, end)) yield start;
  }
}

/** A loader that loads nothing (charts render offline from inline data) and notes what was asked. */
function noLoader(refused: string[]): vega.Loader {
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new Error(`loading ${JSON.stringify(uri)} is not allowed`));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}
