/**
 * Maps a path inside a parsed YAML document (["gates", 0, "metric"]) back to the line and
 * column where it was written, so every problem can be reported as file:line:col.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourceLocation, SpecPath } from '../errors.js';

/** Finds where a spec path was written. */
export interface Locator {
  /** The value at `path` (or, with `key`, the key naming it); falls back to the nearest parent. */
  locate(path: SpecPath, key?: boolean): SourceLocation;
}

/** A locator over a parsed YAML document; `file` names it in locations. */
export function createLocator(file: string, doc: Document, lines: LineCounter): Locator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, col };
  };
  return {
    locate(path, key = false) {
      let node: unknown = doc.contents;
      let last: { node: unknown; pair?: Pair } = { node };
      for (const segment of path) {
        const next = child(node, segment);
        if (!next) break;
        last = next;
        node = next.node;
      }
      const target = key && last.pair ? last.pair.key : last.node;
      const range = (target as Node | null | undefined)?.range;
      return range ? at(range[0]) : { file, line: 1, col: 1 };
    },
  };
}

function child(node: unknown, segment: string | number): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) return undefined;
    // A key with no value (`label:`) has a null value node; point at the key then.
    return { node: pair.value ?? pair.key, pair };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}
