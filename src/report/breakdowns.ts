/**
 * Breakdowns: an axis's results computed again within each value of a filler (each occupation)
 * or each template, as the metrics stage adds them to results.json (`breakdowns`). The report
 * reads them defensively, so a results file without them, or from before them, renders as before.
 */
import type { AxisResult } from '../metrics/types.js';
import type { AuditResults } from './types.js';

/** One value of a breakdown: `by` (a filler's name, or "template") = `value`, with the axes computed on its sets. */
export interface Breakdown {
  by: string;
  value: string;
  axes: AxisResult[];
}

/** The breakdowns results hold, those of a usable shape. */
export function breakdownsOf(results: AuditResults): Breakdown[] {
  const raw = (results as AuditResults & { breakdowns?: unknown }).breakdowns;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (b): b is Breakdown =>
      b !== null &&
      typeof b === 'object' &&
      typeof (b as Breakdown).by === 'string' &&
      typeof (b as Breakdown).value === 'string' &&
      Array.isArray((b as Breakdown).axes) &&
      (b as Breakdown).axes.every((a) => a !== null && typeof a === 'object' && typeof a.name === 'string' && Array.isArray(a.labels)),
  );
}

/** The `by` names of the breakdowns that include the axis named `axis`, in order of first appearance. */
export function breakdownsFor(breakdowns: readonly Breakdown[], axis: string): string[] {
  return [...new Set(breakdowns.filter((b) => b.axes.some((a) => a.name === axis)).map((b) => b.by))];
}
