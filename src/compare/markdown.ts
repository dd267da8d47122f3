/** compare.md: a comparison as GitHub-flavoured Markdown (fits $GITHUB_STEP_SUMMARY). */
import { formatInterval, formatNumber, formatSigned, md, mdName } from '../report/index.js';
import type { Comparison, MetricChange } from './diff.js';
import { ruleText, setsText, verdictOf, whereOf } from './text.js';

/** Group-metric rows listed in Markdown (largest changes first); the HTML lists them all. */
export const MARKDOWN_GROUP_ROWS = 20;

/** Renders compare.md. */
export function renderCompareMd(cmp: Comparison): string {
  const regressions = cmp.changes.filter((c) => c.regressed);
  const out = [
    `## ${cmp.passed ? '✅ NO REGRESSION' : '❌ REGRESSED'}: ${md(cmp.candidate.name)}`,
    '',
    `${regressions.length} of ${cmp.changes.filter((c) => c.ideal !== null).length} judged metrics regressed. ${md(ruleText(cmp))}`,
    '',
    ...(cmp.sets ? [md(setsText(cmp)), ''] : []),
    `- baseline: ${md(cmp.baseline.model)} (${md(cmp.baseline.fingerprint)}), ${md(cmp.baseline.file)}`,
    `- candidate: ${md(cmp.candidate.model)} (${md(cmp.candidate.fingerprint)}), ${md(cmp.candidate.file)}`,
    `- ${cmp.changes.length} shared metrics, ${cmp.changes.filter((c) => c.changed).length} changed beyond their uncertainty`,
    '',
  ];
  const table = (rows: MetricChange[]) => [
    '| Metric | Where | Baseline | Candidate | Change | Interval of change | Verdict |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (c) =>
        `| ${mdName(c.metric)} | ${md(whereOf(c))} ` +
        `| ${formatNumber(c.baseline.value)} ${formatInterval(c.baseline.ci)} ` +
        `| ${formatNumber(c.candidate.value)} ${formatInterval(c.candidate.ci)} ` +
        `| ${formatSigned(c.change)} | ${formatInterval(c.ci)} | ${verdictOf(c, cmp.maxRegression)} |`,
    ),
    '',
  ];
  if (regressions.length > 0) out.push('### Regressions', '', ...table(regressions.slice(0, 50)));
  out.push('### Axis metrics', '', ...table(cmp.changes.filter((c) => c.scope !== 'group')));
  const groups = cmp.changes.filter((c) => c.scope === 'group').sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  if (groups.length > 0) {
    out.push(
      `### Group metrics: the ${Math.min(groups.length, MARKDOWN_GROUP_ROWS)} largest changes of ${groups.length}`,
      '',
      ...table(groups.slice(0, MARKDOWN_GROUP_ROWS)),
    );
  }
  if (cmp.notShared.length > 0) out.push('### Not compared', '', ...cmp.notShared.slice(0, 50).map((n) => `- ${md(n)}`), '');
  out.push('Intervals of a change combine the two runs’ intervals (MOVER, treating the runs as independent).', '');
  return out.join('\n');
}
