/** The lines `counterfair augment` prints: rows read and written, and per axis and group what was swapped and what was not. */
import { AUGMENT_MODES } from './modes.js';
import type { AugmentResult, AxisSummary } from './types.js';

/** How many rows each reason names one by one; every one is marked in the output's augment_skipped column. */
const ROWS_SHOWN = 10;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const verb = (n: number): string => (n === 1 ? 'mentions' : 'mention');

/** The summary of an augmentation, one line per fact, for a person reading a terminal. */
export function augmentSummary(result: AugmentResult, out: string): string[] {
  const mode = AUGMENT_MODES.find((m) => m.name === result.mode);
  const read = `read ${plural(result.rows_read, 'row')} from ${result.file}`;
  const how = `${result.mode}: ${mode?.reference ?? ''}; seed ${result.seed}`;
  const lines = [`${read}; wrote ${plural(result.rows.length, 'row')} to ${out} (${how})`];
  for (const axis of result.axes) lines.push(...axisLines(axis));
  if (result.names) {
    const n = result.names;
    lines.push(`names: ${plural(n.pairs.length, 'pair')} of first names swapped with gender (${n.source})`);
    if (n.left_out.length > 0) {
      const shown = n.left_out.slice(0, ROWS_SHOWN).map((p) => `${p.pair.join('/')} (${p.why})`);
      lines.push(`names: ${plural(n.left_out.length, 'pair')} left out: ${shown.join(', ')}${n.left_out.length > ROWS_SHOWN ? ', …' : ''}`);
    }
  }
  for (const [axis, forms] of Object.entries(result.left_out_forms)) {
    if (forms.length === 0) continue;
    lines.push(`${axis}: lower-cased corpus: not searched for, being common English words in lower case: ${forms.join(', ')}`);
  }
  if (!result.lower_case && looksLowerCased(result)) {
    lines.push(
      'note: the corpus has no capital letters; names of countries and people are found only when capitalised: ' +
        'is it lower-cased? (--lower-case)',
    );
  }
  return lines;
}

function axisLines(a: AxisSummary): string[] {
  const swappable = Object.values(a.mentioned).reduce((x, y) => x + y, 0);
  const written = Object.values(a.written).reduce((x, y) => x + y, 0);
  const byGroup = (counts: Record<string, number>): string =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([g, n]) => `${g} ${n}`)
      .join(', ');
  const lines = [
    `${a.axis}: ${plural(swappable, 'row')} ${verb(swappable)} one group${swappable > 0 ? ` (${byGroup(a.mentioned)})` : ''}; ` +
      `${plural(written, 'counterfactual row')} written${written > 0 ? ` (swapped to ${byGroup(a.written)})` : ''}`,
  ];
  if (a.unsafe.length > 0) {
    const n = plural(a.unsafe.length, 'row');
    lines.push(`${a.axis}: ${n} not swapped, as the engine cannot do it safely (kept as written, with why in augment_skipped):`);
    const reasons = new Map<string, number[]>();
    for (const s of a.unsafe) reasons.set(s.reason, [...(reasons.get(s.reason) ?? []), s.row]);
    for (const [reason, rows] of [...reasons].sort((x, y) => y[1].length - x[1].length)) {
      const shown = `${rows.slice(0, ROWS_SHOWN).join(', ')}${rows.length > ROWS_SHOWN ? ', …' : ''}`;
      lines.push(`  ${rows.length} ${reason}: ${rows.length === 1 ? 'row' : 'rows'} ${shown}`);
    }
  }
  const groups = a.groups.length <= 6 ? a.groups.join(', ') : `its ${a.groups.length} groups`;
  lines.push(`${a.axis}: ${plural(a.nothing_to_swap, 'row')} ${verb(a.nothing_to_swap)} no group of ${groups}`);
  return lines;
}

/** True when no text of the corpus has a capital letter. */
function looksLowerCased(result: AugmentResult): boolean {
  const texts = result.rows.filter((r) => r.swaps.length === 0).flatMap((r) => result.text_columns.map((c) => r.values[c]));
  return texts.some((t) => typeof t === 'string' && /\p{L}/u.test(t)) && texts.every((t) => typeof t !== 'string' || t === t.toLowerCase());
}
