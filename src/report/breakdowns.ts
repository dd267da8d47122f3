/**
 * Breakdowns: every axis computed again within each value of a filler (each occupation) or each
 * template (`results.breakdowns`, from the spec's `breakdown:`). Read defensively, so a results
 * file without them, or with entries of another shape, renders as before.
 */
import type { Breakdown } from '../metrics/index.js';
import type { AuditResults } from './types.js';

export type { Breakdown };

/** The breakdowns results hold, those of a usable shape. */
export function breakdownsOf(results: AuditResults): Breakdown[] {
  const raw: unknown = results.breakdowns;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (b): b is Breakdown =>
      b !== null &&
      typeof b === 'object' &&
      typeof b.by === 'string' &&
      typeof b.value === 'string' &&
      Array.isArray(b.axes) &&
      b.axes.every(
        (a: unknown) =>
          a !== null &&
          typeof a === 'object' &&
          typeof (a as { name?: unknown }).name === 'string' &&
          Array.isArray((a as { labels?: unknown }).labels),
      ),
  );
}

/** The `by` names of the breakdowns that include the axis named `axis`, in order of first appearance. */
export function breakdownsFor(breakdowns: readonly Breakdown[], axis: string): string[] {
  return [...new Set(breakdowns.filter((b) => b.axes.some((a) => a.name === axis)).map((b) => b.by))];
}
