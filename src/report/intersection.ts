/**
 * A combination of axes (gender × country) split for reading: the smallest axis's groups side by
 * side (female, male) within one row per group of the other axes (each country), rows sorted by
 * their difference. The intersection chart and the findings read it.
 */
import type { AxisResult, Interval, LabelResult } from '../results/index.js';
import { compareText, groupMeans } from './group-means.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';

/** One row: a group of the larger axes with the value of each group of the side axis. */
export interface IntersectionRow {
  row: string;
  values: Map<string, { mean: number; ci: Interval | null }>;
  /** first − second side group (two side groups), else max − min. */
  difference: number;
}

/** How a combination splits: the side axis and its groups, and the rows sorted by their difference. */
export interface Intersection {
  sideAxis: string;
  sides: string[];
  rowAxes: string[];
  rows: IntersectionRow[];
}

/**
 * Splits a combination's groups into rows and sides.
 * @param groupsOf the groups of each single axis (to split names that contain " × ").
 */
export function intersectionOf(
  axis: AxisResult,
  label: LabelResult | undefined,
  groupsOf: ReadonlyMap<string, readonly string[]>,
): Intersection | undefined {
  if (axis.axes.length < 2) return undefined;
  const parsed = groupMeans(label).flatMap((g) => {
    const parts = splitName(
      g.name,
      axis.axes.map((a) => groupsOf.get(a)),
    );
    return parts ? [{ parts, mean: g.mean, ci: g.ci }] : [];
  });
  // The side axis: the one with the fewest groups (gender's 2 beside country's 197).
  const counts = axis.axes.map((_, i) => new Set(parsed.map((p) => p.parts[i])).size);
  const side = counts.indexOf(Math.min(...counts));
  const sideOrder = groupsOf.get(axis.axes[side] as string) ?? [];
  const sides = [...new Set(parsed.map((p) => p.parts[side] as string))].sort(
    (a, b) => rank(sideOrder, a) - rank(sideOrder, b) || compareText(a, b),
  );
  const byRow = new Map<string, IntersectionRow>();
  for (const p of parsed) {
    const row = p.parts.filter((_, i) => i !== side).join(COMBINATION_SEPARATOR);
    const r = byRow.get(row) ?? { row, values: new Map(), difference: 0 };
    r.values.set(p.parts[side] as string, { mean: p.mean, ci: p.ci });
    byRow.set(row, r);
  }
  const rows = [...byRow.values()].filter((r) => r.values.size >= 2);
  for (const r of rows) {
    const means = sides.flatMap((s) => (r.values.has(s) ? [r.values.get(s)?.mean as number] : []));
    r.difference = sides.length === 2 ? (means[0] as number) - (means[1] as number) : Math.max(...means) - Math.min(...means);
  }
  rows.sort((a, b) => b.difference - a.difference || compareText(a.row, b.row));
  return { sideAxis: axis.axes[side] as string, sides, rowAxes: axis.axes.filter((_, i) => i !== side), rows };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** A combination group's name split into one group per axis, using the axes' known groups where they help. */
function splitName(name: string, known: readonly (readonly string[] | undefined)[]): string[] | undefined {
  const parts = name.split(COMBINATION_SEPARATOR);
  if (parts.length === known.length) return parts;
  // A group name holds " × " itself: try every split that gives each axis one of its groups.
  const go = (rest: string[], k: number): string[] | undefined => {
    if (k === known.length - 1) {
      const last = rest.join(COMBINATION_SEPARATOR);
      return !known[k] || known[k]?.includes(last) ? [last] : undefined;
    }
    for (let take = 1; take <= rest.length - (known.length - 1 - k); take++) {
      const head = rest.slice(0, take).join(COMBINATION_SEPARATOR);
      if (known[k] && !known[k]?.includes(head)) continue;
      const tail = go(rest.slice(take), k + 1);
      if (tail) return [head, ...tail];
    }
    return undefined;
  };
  return go(parts, 0);
}
