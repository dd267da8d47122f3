/**
 * The findings: a few plain sentences per axis, generated from the results, that say what the
 * model does — the largest disparity with its groups, values and intervals, how many sets flip
 * the predicted label, what each gate needed and got. The first screen of report.html (and the
 * top of summary.md) reads them before any table.
 */
import type { AuditResults, AxisResult, GateResult, TestResult } from '../results/index.js';
import { formatInterval, formatNumber, formatP, formatSigned, formatThreshold } from './format.js';
import { groupMeans, sortedGroupMeans } from './group-means.js';
import { intersectionOf } from './intersection.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';

/** A piece of a sentence; `strong` pieces (group names, verdicts) are emphasised. */
export interface Segment {
  text: string;
  strong?: boolean;
}

/** The findings of one axis: its sentences, each a list of segments. */
export interface Finding {
  axis: string;
  /** Index into `results.axes` (the page links each finding to its section). */
  index: number;
  sentences: Segment[][];
}

/** What a gate status reads as at the end of a finding. */
const OUTCOME: Record<GateResult['status'], string> = {
  pass: 'passed',
  fail: 'FAILED',
  warn: 'warned',
  insufficient_evidence: 'had too little evidence to decide',
};

/** The findings of every axis, failing gates' axes first, then in the results' order. */
export function findings(results: AuditResults): Finding[] {
  const groupsOf = new Map(
    results.axes.filter((a) => a.axes.length === 1).map((a) => [a.name, groupMeans(a.labels[0]).map((g) => g.name)]),
  );
  const all = results.axes.map((axis, index) => ({ axis: axis.name, index, sentences: axisSentences(results, axis, groupsOf) }));
  const failing = (f: Finding) => (results.gates.some((g) => g.axis === f.axis && g.status === 'fail') ? 0 : 1);
  return all.filter((f) => f.sentences.length > 0).sort((a, b) => failing(a) - failing(b) || a.index - b.index);
}

function axisSentences(results: AuditResults, axis: AxisResult, groupsOf: ReadonlyMap<string, readonly string[]>): Segment[][] {
  const label = axis.labels[0];
  const p = `P(${label?.label ?? results.model.audited_label})`;
  const sentences: Segment[][] = [];
  const sorted = sortedGroupMeans(label);
  const high = sorted[0];
  const low = sorted[sorted.length - 1];
  const intersection = intersectionOf(axis, label, groupsOf);
  if (intersection && intersection.sides.length === 2 && intersection.rows.length > 1) {
    const [a, b] = intersection.sides as [string, string];
    const top = intersection.rows[0];
    const bottom = intersection.rows[intersection.rows.length - 1];
    const rowAxes = intersection.rowAxes.join(COMBINATION_SEPARATOR);
    const side = (r: NonNullable<typeof top>) =>
      `${a} ${formatNumber(r.values.get(a)?.mean ?? NaN)}, ${b} ${formatNumber(r.values.get(b)?.mean ?? NaN)}`;
    if (top && bottom) {
      sentences.push([
        { text: `On ` },
        { text: axis.name, strong: true },
        { text: `, the difference ${a} − ${b} is largest for ` },
        { text: top.row, strong: true },
        { text: ` (${formatSigned(top.difference)}: ${side(top)}) and smallest for ` },
        { text: bottom.row, strong: true },
        {
          text: ` (${formatSigned(bottom.difference)}: ${side(bottom)}), over ${intersection.rows.length} ${rowAxes} groups.`,
        },
      ]);
    }
  } else if (high && low && high !== low) {
    const gap = label?.metrics['gap'];
    sentences.push([
      { text: 'On ' },
      { text: axis.name, strong: true },
      { text: ', sentences about ' },
      { text: high.name, strong: true },
      { text: ` score ${p} ${formatNumber(high.mean)} ${formatInterval(high.ci)}, about ` },
      { text: low.name, strong: true },
      { text: ` ${formatNumber(low.mean)} ${formatInterval(low.ci)}` },
      { text: gap ? `: a gap of ${formatNumber(gap.value)} ${formatInterval(gap.ci)}${testNote(gap.tests)}` : '' },
      { text: sorted.length > 2 ? ` across ${sorted.length} groups.` : '.' },
    ]);
  }
  const flip = axis.metrics['flip_rate'];
  if (flip && flip.n > 0 && Number.isFinite(flip.value)) {
    const flipped = Math.round(flip.value * flip.n);
    const what = axis.axes.length > 1 ? `the ${axis.axes.join(' and ')}` : `the ${axis.name}`;
    // "Alone" only when the axis's sets vary nothing else (a gender × country template varies both).
    const alone = results.templates
      .filter((t) => axis.axes.every((a) => t.axes.includes(a)))
      .every((t) => t.axes.length === axis.axes.length);
    const share = `${flipped} of ${flip.n} sets (${Math.round((100 * flipped) / flip.n)}%)`;
    sentences.push(
      flipped === 0
        ? [{ text: `No set of ${flip.n} changes its predicted label with ${what}.` }]
        : [
            {
              text: alone
                ? `${share} change the predicted label with ${what} alone.`
                : `${share} give their sentences more than one predicted label as ${what} and the other axes vary.`,
            },
          ],
    );
  }
  for (const g of results.gates.filter((x) => x.axis === axis.name)) sentences.push(gateSentence(g));
  return sentences;
}

/** "The gap gate (line 33) needed at most 0.1; it is 0.509 [0.462, 0.544]: FAILED." */
export function gateSentence(g: GateResult): Segment[] {
  const where = [g.group, g.label].filter((x) => x !== undefined).join(', ');
  const needed =
    [g.min !== undefined ? `at least ${g.min}` : '', g.max !== undefined ? `at most ${g.max}` : ''].filter(Boolean).join(' and ') ||
    formatThreshold(g);
  const of = g.on === 'estimate' ? '' : g.on === 'ci_high' ? ' for the upper end of its interval' : ' for the lower end of its interval';
  return [
    {
      text:
        `The ${g.metric} gate${where ? ` on ${where}` : ''}${g.line !== undefined ? ` (line ${g.line})` : ''} needed ${needed}${of}; ` +
        `it is ${formatNumber(g.value)} ${formatInterval(g.ci)}${g.status === 'insufficient_evidence' ? ` over ${g.n} sets` : ''}: `,
    },
    { text: OUTCOME[g.status], strong: true },
    { text: '.' },
  ];
}

/** " (permutation test p < 0.001)": the first test of a metric that has a p, or "". */
function testNote(tests: readonly TestResult[] | undefined): string {
  const t = tests?.find((x) => x.p !== null);
  return t && t.p !== null ? ` (${t.name.replace(/_/g, ' ')} test p ${t.p < 0.001 ? '< 0.001' : formatP(t.p)})` : '';
}
