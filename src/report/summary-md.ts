/**
 * summary.md: the verdict, the gates and the top disparities as GitHub-flavoured Markdown, for
 * `$GITHUB_STEP_SUMMARY` (which takes at most 1 MiB per step). Every list is capped and every
 * text cut, so the file stays small whatever the audit's size; untrusted text is escaped so it
 * cannot open links, images, HTML or break a table.
 */
import type { AuditResults, AxisResult, GateResult, SentenceRow, Verdict } from '../results/index.js';
import { findings } from './findings.js';
import { formatInterval, formatNumber, formatPercent, formatThreshold } from './format.js';
import { gateSummary, STATUS_TEXT } from './html.js';
import { sortedGroupMeans } from './group-means.js';
import { axisMetricRows } from './metric-view.js';
import { extremePairs, setScores } from './set-scores.js';

/** Limits that keep summary.md far below GitHub's 1 MiB. */
export const SUMMARY_LIMITS = {
  /** Gate rows listed (failures first). */
  gates: 50,
  /** Axes with a disparity section (largest first by the first metric's value). */
  axes: 20,
  /** Highest and lowest groups listed per axis. */
  groups: 3,
  /** Extreme pairs listed per axis. */
  pairs: 3,
  /** Characters kept of any one text (sentence, group, name). */
  text: 120,
  /** Hard ceiling on the file, in bytes. */
  bytes: 1024 * 1024 - 1,
} as const;

const ICON: Record<GateResult['status'], string> = { pass: '✅', fail: '❌', warn: '⚠️', insufficient_evidence: '❔' };

/** Inconclusive is amber, never green: an audit that could not decide is not a pass. */
const VERDICT_HEADING: Record<Verdict, string> = { passed: '✅ PASSED', failed: '❌ FAILED', inconclusive: '🟠 INCONCLUSIVE' };

/** Renders summary.md. */
export function renderSummaryMd(results: AuditResults, sentences: readonly SentenceRow[]): string {
  const out: string[] = [];
  out.push(`## ${VERDICT_HEADING[results.verdict]}: ${md(results.name)}`, '');
  out.push(
    `${md(gateSummary(results.gates))} Model ${md(results.model.source)} · audited label ${mdName(results.model.audited_label)} · spec ${md(results.spec.file)} · seed ${results.seed}`,
    '',
  );

  const found = findings(results).slice(0, SUMMARY_LIMITS.axes);
  if (found.length > 0) {
    out.push('### Findings', '');
    for (const f of found) out.push(`- ${f.sentences.map((s) => s.map((seg) => (seg.strong ? `**${md(seg.text)}**` : md(seg.text))).join('')).join(' ')}`);
    out.push('');
  }

  if (results.gates.length > 0) {
    const interval = `${formatPercent(results.bootstrap.confidence)} interval`;
    out.push('### Gates', '', `| Result | Gate | Value | ${interval} | Threshold | Spec line |`, '| --- | --- | ---: | ---: | ---: | ---: |');
    // Failures first, each group in spec order; the sort is stable.
    const rank = (g: GateResult) => (g.status === 'fail' ? 0 : g.status === 'pass' ? 2 : 1);
    const ordered = [...results.gates].sort((a, b) => rank(a) - rank(b));
    for (const g of ordered.slice(0, SUMMARY_LIMITS.gates)) {
      const where = [g.group, g.label].filter((x) => x !== undefined).map((x) => md(x as string));
      const gate = `${mdName(g.metric)} on ${mdName(g.axis)}${where.length > 0 ? ` / ${where.join(' / ')}` : ''}`;
      out.push(`| ${ICON[g.status]} ${STATUS_TEXT[g.status]} | ${gate} | ${formatNumber(g.value)} | ${formatInterval(g.ci)} | ${md(formatThreshold(g))} | ${g.line ?? ''} |`);
    }
    if (ordered.length > SUMMARY_LIMITS.gates) out.push('', `…and ${ordered.length - SUMMARY_LIMITS.gates} more gate results in results.json and junit.xml.`);
    out.push('');
  }

  out.push('### Top disparities', '');
  const axes = [...results.axes].sort((a, b) => headline(b) - headline(a)).slice(0, SUMMARY_LIMITS.axes);
  for (const axis of axes) out.push(...axisSection(results, axis, sentences), '');
  if (results.axes.length > axes.length) out.push(`…and ${results.axes.length - axes.length} more axes in report.html.`, '');
  out.push('Full details: `report.html` (charts, every group and sentence), `results.json`, `sentences.csv`.', '');
  return capBytes(out.join('\n'));
}

/** The value an axis is ranked by: its audited label's first metric (gap, in catalog order). */
function headline(axis: AxisResult): number {
  const first = axisMetricRows(axis, axis.labels[0], false)[0];
  const value = first ? Number(first.value) : NaN;
  return Number.isFinite(value) ? value : -Infinity;
}

function axisSection(results: AuditResults, axis: AxisResult, sentences: readonly SentenceRow[]): string[] {
  const label = axis.labels[0];
  const lines = [`**${mdName(axis.name)}** (${label?.groups.length ?? 0} groups, ${axis.n_sets} sets, reference ${md(axis.reference)})`, ''];
  const metrics = axisMetricRows(axis, label, true).map((m) => `${mdName(m.name)} ${m.value} ${m.interval}${m.flag ? ` (${md(m.flag)})` : ''}`);
  if (metrics.length > 0) lines.push(`- ${metrics.join(' · ')}`);
  const groups = sortedGroupMeans(label);
  const show = (g: (typeof groups)[number]) => `${md(g.name)} ${formatNumber(g.mean)} ${formatInterval(g.ci)}`;
  const k = SUMMARY_LIMITS.groups;
  const p = `P(${md(label?.label ?? '')})`;
  if (groups.length > 2 * k) {
    lines.push(`- highest ${p}: ${groups.slice(0, k).map(show).join(', ')}`);
    lines.push(`- lowest ${p}: ${groups.slice(-k).reverse().map(show).join(', ')}`);
  } else if (groups.length > 0) {
    lines.push(`- ${p} by group: ${groups.map(show).join(', ')}`);
  }
  const index = results.model.labels.indexOf(label?.label ?? '');
  for (const p of extremePairs(setScores(axis, sentences, index), SUMMARY_LIMITS.pairs)) {
    lines.push(`- ${quote(p.high.row.text)} ${formatNumber(p.high.p)} vs ${quote(p.low.row.text)} ${formatNumber(p.low.p)} (difference ${formatNumber(p.difference)})`);
  }
  return lines;
}

/**
 * Untrusted text as inert Markdown: one line, at most `SUMMARY_LIMITS.text` characters, HTML
 * special characters as entities (no tag, no `<autolink>`), the punctuation of links, images,
 * code, emphasis and tables backslash-escaped, and bare-URL autolinks (`http://`, `www.`) broken.
 */
export function md(text: string): string {
  const chars = [...text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')];
  const cut = chars.length > SUMMARY_LIMITS.text ? `${chars.slice(0, SUMMARY_LIMITS.text - 1).join('')}…` : chars.join('');
  return cut
    .replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]!|~#]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** A name: as a code span when it is a plain identifier (metric, axis), else escaped text. */
export function mdName(text: string): string {
  return /^[A-Za-z0-9_]+$/.test(text) ? `\`${text}\`` : md(text);
}

/** A sentence in quotes, escaped. */
function quote(text: string): string {
  return `“${md(text)}”`;
}

/** Cuts the file at a line boundary below the ceiling, saying so. */
function capBytes(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= SUMMARY_LIMITS.bytes) return text;
  const note = '\n…summary cut to stay under 1 MiB; see report.html.\n';
  let budget = SUMMARY_LIMITS.bytes - Buffer.byteLength(note, 'utf8');
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (size > budget) break;
    kept.push(line);
    budget -= size;
  }
  return `${kept.join('\n')}${note}`;
}
