/** compare.md: a comparison as GitHub-flavoured Markdown (fits $GITHUB_STEP_SUMMARY). */
import { formatInterval, formatNumber, formatSigned } from '../report/format.js';
import { md, mdName } from '../report/summary-md.js';
import type { Comparison, MetricChange } from './diff.js';

/** Group-metric rows listed in Markdown (largest changes first); the HTML lists them all. */
export const MARKDOWN_GROUP_ROWS = 20;

/** Where a change is: `country`, `country (POSITIVE)`, `country / India (POSITIVE)`. */
export function whereOf(c: MetricChange): string {
  return `${c.axis}${c.group !== undefined ? ` / ${c.group}` : ''}${c.label !== undefined ? ` (${c.label})` : ''}`;
}

/** What a change means: regressed, worse, better, unchanged, or not judged. */
export function verdictOf(c: MetricChange): string {
  if (c.worsening === null) return 'descriptive';
  if (c.regressed) return 'REGRESSED';
  if (c.worsening > 0) return 'worse (within allowance)';
  if (c.worsening < 0) return 'better';
  return 'unchanged';
}

/** Renders compare.md. */
export function renderCompareMd(cmp: Comparison): string {
  const regressions = cmp.changes.filter((c) => c.regressed);
  const out = [
    `## ${cmp.passed ? '✅ NO REGRESSION' : '❌ REGRESSED'}: ${md(cmp.candidate.name)}`,
    '',
    `- baseline: ${md(cmp.baseline.model)} (${md(cmp.baseline.fingerprint)}), ${md(cmp.baseline.file)}`,
    `- candidate: ${md(cmp.candidate.model)} (${md(cmp.candidate.fingerprint)}), ${md(cmp.candidate.file)}`,
    `- allowed regression: ${cmp.maxRegression} (how much further a metric may move from its no-disparity value); ${cmp.changes.length} shared metrics, ${regressions.length} regressed`,
    '',
  ];
  const table = (rows: MetricChange[]) => [
    '| Metric | Where | Baseline | Candidate | Change | Interval of change | Verdict |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (c) =>
        `| ${mdName(c.metric)} | ${md(whereOf(c))} | ${formatNumber(c.baseline.value)} ${formatInterval(c.baseline.ci)} | ${formatNumber(c.candidate.value)} ${formatInterval(c.candidate.ci)} | ${formatSigned(c.change)} | ${formatInterval(c.ci)} | ${verdictOf(c)} |`,
    ),
    '',
  ];
  if (regressions.length > 0) out.push('### Regressions', '', ...table(regressions.slice(0, 50)));
  out.push('### Axis metrics', '', ...table(cmp.changes.filter((c) => c.scope !== 'group')));
  const groups = cmp.changes.filter((c) => c.scope === 'group').sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  if (groups.length > 0) {
    out.push(`### Group metrics: the ${Math.min(groups.length, MARKDOWN_GROUP_ROWS)} largest changes of ${groups.length}`, '', ...table(groups.slice(0, MARKDOWN_GROUP_ROWS)));
  }
  if (cmp.notShared.length > 0) out.push('### Not compared', '', ...cmp.notShared.slice(0, 50).map((n) => `- ${md(n)}`), '');
  out.push('Intervals of a change combine the two runs’ intervals (MOVER, treating the runs as independent).', '');
  return out.join('\n');
}
