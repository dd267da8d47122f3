/**
 * Per-set scores read back from the sentences: what the heatmap, the delta strip plot and the
 * table of extreme pairs show. results.json holds the aggregates; these views need the sets.
 */
import type { AxisResult, SentenceRow } from '../results/index.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';

/** Where a set came from: a template (by id) or a corpus row. */
export interface SetOrigin {
  kind: 'template' | 'corpus';
  /** Template id, or the corpus row number as text. */
  id: string;
}

/** One counterfactual set of an axis: f(x_g) per group, and the sentences behind it. */
export interface SetScores {
  set_id: string;
  origin: SetOrigin;
  /** Group → f(x_g), the mean of the label's probability over the group's sentences in the set. */
  means: Map<string, number>;
  /** The set's sentences that belong to one of the axis's groups, with their group. */
  sentences: { group: string; row: SentenceRow; p: number }[];
}

/**
 * The group a sentence stands for on an axis result: its group on that axis, or for a
 * combination the groups of each axis joined as the metrics stage names them. Undefined when
 * the sentence's set does not vary that axis (or the combination names no such group).
 */
export function groupOf(axis: AxisResult, row: SentenceRow, known: ReadonlySet<string>): string | undefined {
  const parts = axis.axes.map((a) => (Object.hasOwn(row.groups, a) ? row.groups[a] : undefined));
  if (parts.some((p) => p === undefined)) return undefined;
  const name = parts.join(COMBINATION_SEPARATOR);
  return known.has(name) ? name : undefined;
}

/** Set scores already read back, per sentence rows, axis and label: the charts, summary.md and report.html all read them. */
const readBack = new WeakMap<readonly SentenceRow[], WeakMap<AxisResult, Map<number, readonly SetScores[]>>>();

/**
 * The sets of an axis, in the order their first sentence appears, with each group's score for
 * `label` (an index into the model's labels and each row's `probs`). Read once per rows, axis and
 * label (on the bench's 10k-sentence audit, three times took 0.05 s of a 1.5 s cached re-run);
 * the result is shared, so it is read-only.
 */
export function setScores(axis: AxisResult, rows: readonly SentenceRow[], label: number): readonly SetScores[] {
  const byAxis = readBack.get(rows) ?? new WeakMap<AxisResult, Map<number, readonly SetScores[]>>();
  readBack.set(rows, byAxis);
  const byLabel = byAxis.get(axis) ?? new Map<number, readonly SetScores[]>();
  byAxis.set(axis, byLabel);
  const kept = byLabel.get(label);
  if (kept !== undefined) return kept;
  const computed = readSetScores(axis, rows, label);
  byLabel.set(label, computed);
  return computed;
}

function readSetScores(axis: AxisResult, rows: readonly SentenceRow[], label: number): SetScores[] {
  const known = new Set((axis.labels[0]?.groups ?? []).map((g) => g.name));
  const sets = new Map<string, SetScores>();
  for (const row of rows) {
    const group = groupOf(axis, row, known);
    if (group === undefined) continue;
    const p = row.probs[label];
    if (p === undefined) continue;
    let set = sets.get(row.set_id);
    if (!set) {
      set = { set_id: row.set_id, origin: originOf(row), means: new Map(), sentences: [] };
      sets.set(row.set_id, set);
    }
    set.sentences.push({ group, row, p });
  }
  for (const set of sets.values()) {
    const sum = new Map<string, [number, number]>();
    for (const s of set.sentences) {
      const acc = sum.get(s.group) ?? [0, 0];
      acc[0] += s.p;
      acc[1] += 1;
      sum.set(s.group, acc);
    }
    for (const [group, [total, count]] of sum) set.means.set(group, total / count);
  }
  return [...sets.values()];
}

function originOf(row: SentenceRow): SetOrigin {
  if (row.template_id !== undefined) return { kind: 'template', id: row.template_id };
  return { kind: 'corpus', id: String(row.corpus_row ?? '') };
}

/** One of the most extreme counterfactual pairs: two sentences of one set, different groups. */
export interface ExtremePair {
  set_id: string;
  high: { group: string; row: SentenceRow; p: number };
  low: { group: string; row: SentenceRow; p: number };
  /** high.p − low.p. */
  difference: number;
}

/**
 * The `limit` sets whose two most different sentences (of different groups) differ most,
 * largest difference first; ties keep set order. Sets with no difference are left out.
 */
export function extremePairs(sets: readonly SetScores[], limit: number): ExtremePair[] {
  const pairs: ExtremePair[] = [];
  for (const set of sets) {
    const pair = widestPair(set);
    // A set whose sentences all score the same shows no disparity: nothing to list.
    if (pair && pair.difference > 0) pairs.push(pair);
  }
  // Array.prototype.sort is stable, so equal differences stay in set order.
  return pairs.sort((a, b) => b.difference - a.difference).slice(0, limit);
}

/**
 * The pair of sentences of different groups with the largest p(high) − p(low), in one pass
 * plus a scan of the winning row: the first such pair in (high, low) order, as a double loop
 * over the sentences would find it, without its n² cost (a 197-country set has 38k pairs).
 */
function widestPair(set: SetScores): ExtremePair | undefined {
  const s = set.sentences;
  // The lowest p, and the lowest p of a group other than that one's.
  let low1: (typeof s)[number] | undefined;
  let low2: (typeof s)[number] | undefined;
  for (const x of s) {
    if (!low1 || x.p < low1.p) {
      if (low1 && low1.group !== x.group) low2 = low1;
      low1 = x;
    } else if (x.group !== low1.group && (!low2 || x.p < low2.p)) low2 = x;
  }
  if (!low1) return undefined;
  // Float subtraction is monotone, so high.p − (lowest p of another group) is the best of each row.
  const rowBest = (high: (typeof s)[number]): number | undefined => {
    const low = high.group !== low1.group ? low1 : low2;
    return low ? high.p - low.p : undefined;
  };
  let best: number | undefined;
  let bestRow = -1;
  s.forEach((high, i) => {
    const d = rowBest(high);
    if (d !== undefined && (best === undefined || d > best)) {
      best = d;
      bestRow = i;
    }
  });
  if (best === undefined) return undefined;
  const high = s[bestRow] as (typeof s)[number];
  const low = s.find((x) => x.group !== high.group && high.p - x.p === best) as (typeof s)[number];
  return { set_id: set.set_id, high, low, difference: best };
}

/** One set's difference f(x_g) − f(x_ref) for one group. */
export interface SetDelta {
  set_id: string;
  group: string;
  delta: number;
}

/** Every set's delta of every non-reference group against the reference group. */
export function setDeltas(sets: readonly SetScores[], reference: string): SetDelta[] {
  const out: SetDelta[] = [];
  for (const set of sets) {
    const ref = set.means.get(reference);
    if (ref === undefined) continue;
    for (const [group, mean] of set.means) {
      if (group !== reference) out.push({ set_id: set.set_id, group, delta: mean - ref });
    }
  }
  return out;
}
