/** The words of a comparison, shared by compare.md and compare.html. */
import type { Comparison, MetricChange } from './diff.js';

/** Where a change is: `country`, `country (POSITIVE)`, `country / India (POSITIVE)`. */
export function whereOf(c: MetricChange): string {
  return `${c.axis}${c.group !== undefined ? ` / ${c.group}` : ''}${c.label !== undefined ? ` (${c.label})` : ''}`;
}

/** What a change means, in a few words: REGRESSED, worse (and why it is not a regression), better, unchanged, changed. */
export function verdictOf(c: MetricChange, maxRegression = 0): string {
  switch (c.status) {
    case 'regressed':
      return 'REGRESSED';
    case 'worse':
      return (c.worsening ?? 0) > maxRegression ? 'worse, within uncertainty' : 'worse, within allowance';
    case 'better':
      return 'better';
    case 'changed':
      return 'changed (descriptive)';
    default:
      return c.ideal === null ? 'unchanged (descriptive)' : 'unchanged';
  }
}

const DESCRIPTIVE = 'Descriptive metrics (group means) are shown, never judged.';

/** The rule that decides a regression, as the page states it once. */
export function ruleText(cmp: Comparison): string {
  const allowance = `more than ${cmp.maxRegression} further from its no-disparity value (0 for a gap, 1 for a ratio)`;
  return cmp.rule === 'interval'
    ? `A metric regresses when the candidate is ${allowance} and the interval of the change excludes 0 ` +
        `(the change is beyond both runs’ uncertainty). Without an interval, the estimates alone decide. ${DESCRIPTIVE}`
    : `A metric regresses when the candidate’s estimate is ${allowance} ` +
        `(--estimates-only: the intervals are not consulted). ${DESCRIPTIVE}`;
}

/** What was left out when the runs' templates differ, in a sentence; "" when nothing was. */
export function setsText(cmp: Comparison): string {
  const s = cmp.sets;
  if (!s) return '';
  const only = (n: number, templates: string[], run: string) =>
    n === 0 ? '' : `${n} set${n === 1 ? '' : 's'} only in the ${run}${quoted(templates)}`;
  const left = [
    only(s.baselineOnly, s.templatesOnlyIn.baseline, 'baseline'),
    only(s.candidateOnly, s.templatesOnlyIn.candidate, 'candidate'),
  ].filter(Boolean);
  const sets = `${s.shared} set${s.shared === 1 ? '' : 's'}`;
  const leftOut = left.length > 0 ? `; left out: ${left.join('; ')}` : '';
  return `The runs’ templates differ: both were computed again on the ${sets} they share${leftOut}.`;
}

/** " (“t1”, “t2”)", or "" for no templates. */
function quoted(templates: readonly string[]): string {
  return templates.length > 0 ? ` (${templates.map((t) => `“${t}”`).join(', ')})` : '';
}
