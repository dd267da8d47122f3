/**
 * Whether sentences.csv holds the sentences results.json was computed from. `counterfair report`
 * renders both into one page (the charts from the sentences, the tables from the results), so a
 * results.json edited by hand, or a sentences.csv from another run, would give a page that
 * contradicts itself. Each axis's sets and sentences are counted, and each group's mean of each
 * label is computed again from the sentences: it must be the mean results.json states.
 */
import { CounterfairError } from '../shared/errors.js';
import { formatNumber } from './format.js';
import { reportProblem } from './messages.js';
import { groupOf, setScores } from './set-scores.js';
import type { AuditResults, SentenceRow } from '../results/index.js';

/** How far a recomputed mean may be from the stated one: float summation order, nothing more. */
const TOLERANCE = 1e-9;

/**
 * Checks that `sentences` agree with `results`.
 * @param file sentences.csv as named in messages.
 * @throws CounterfairError (`input`, id `report.sentences-disagree`) on the first disagreement.
 */
export function checkSentencesAgree(results: AuditResults, sentences: readonly SentenceRow[], file: string): void {
  const fail = (what: string): never => {
    throw new CounterfairError('input', reportProblem('report.sentences-disagree', { file }, what));
  };
  for (const axis of results.axes) {
    const known = new Set((axis.labels[0]?.groups ?? []).map((g) => g.name));
    const rows = sentences.filter((s) => groupOf(axis, s, known) !== undefined);
    const sets = new Set(rows.map((r) => r.set_id)).size;
    if (sets !== axis.n_sets) fail(`${axis.name} has ${axis.n_sets} sets in results.json but ${sets} in sentences.csv`);
    if (rows.length !== axis.n_sentences)
      fail(`${axis.name} has ${axis.n_sentences} sentences in results.json but ${rows.length} in sentences.csv`);
    for (const label of axis.labels) {
      const index = results.model.labels.indexOf(label.label);
      if (index < 0) fail(`${axis.name} has results for the label ${label.label}, which the model does not have`);
      const perSet = setScores(axis, sentences, index);
      for (const g of label.groups) {
        const stated = g.metrics['mean']?.value;
        if (stated === undefined) continue;
        let total = 0;
        let n = 0;
        for (const set of perSet) {
          const v = set.means.get(g.name);
          if (v === undefined) continue;
          total += v;
          n += 1;
        }
        const computed = n > 0 ? total / n : NaN;
        if (!(Math.abs(computed - stated) <= TOLERANCE * Math.max(1, Math.abs(stated)))) {
          fail(
            `the mean P(${label.label}) of ${g.name} on ${axis.name} is ${formatStated(stated)} in results.json ` +
              `but ${formatNumber(computed)} from sentences.csv`,
          );
        }
      }
    }
  }
}

function formatStated(v: number): string {
  return Number.isFinite(v) && Math.abs(v) < 1e6 ? formatNumber(v) : String(v);
}
