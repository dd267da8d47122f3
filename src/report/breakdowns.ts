/**
 * Breakdowns: every axis computed again within each value of a filler (each occupation) or each
 * template (`results.breakdowns`, from the spec's `breakdown:`).
 */
import type { AuditResults, Breakdown } from '../results/index.js';

export type { Breakdown };

/** The breakdowns results hold (none without the spec's `breakdown:`). */
export function breakdownsOf(results: AuditResults): Breakdown[] {
  return results.breakdowns ?? [];
}

/** The `by` names of the breakdowns that include the axis named `axis`, in order of first appearance. */
export function breakdownsFor(breakdowns: readonly Breakdown[], axis: string): string[] {
  return [...new Set(breakdowns.filter((b) => b.axes.some((a) => a.name === axis)).map((b) => b.by))];
}
