/** Number formatting shared by the reports: one place decides how a value reads. */
import type { Interval } from '../results/index.js';

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

/** A signed difference with 3 decimals: `+0.123`, `-0.045`, `0.000`. */
export function formatSigned(value: number): string {
  const text = formatNumber(value);
  return text === NOT_AVAILABLE || text.startsWith('-') || text === '0.000' ? text : `+${text}`;
}

/** A p-value: 3 significant decimals, `<0.001` below that. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return NOT_AVAILABLE;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Milliseconds as a short duration: `850 ms`, `2.4 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_AVAILABLE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
