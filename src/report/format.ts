/** Number formatting shared by the reports: one place decides how a value reads. */
import type { Interval } from '../metrics/types.js';

/** Shown in place of a number that cannot be shown (non-finite). */
export const NOT_AVAILABLE = 'n/a';

/** A number with 3 decimals: `0.123`. Non-finite values read `n/a`, never `NaN`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** An interval with 3 decimals: `[0.100, 0.200]`; `n/a` when there is none. */
export function formatInterval(ci: Interval | null): string {
  return ci === null ? NOT_AVAILABLE : `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;
}

/** A confidence level as a percentage: 0.95 → `95%`, 0.975 → `97.5%`. */
export function formatPercent(level: number): string {
  if (!Number.isFinite(level)) return NOT_AVAILABLE;
  return `${Number((level * 100).toPrecision(6))}%`;
}

/** A threshold exactly as the spec wrote it (`0.1`, not `0.100`): it is a setting, not an estimate. */
export function formatThreshold(bounds: { min?: number; max?: number }): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) parts.push(`min ${bounds.min}`);
  if (bounds.max !== undefined) parts.push(`max ${bounds.max}`);
  return parts.length > 0 ? parts.join(', ') : NOT_AVAILABLE;
}
