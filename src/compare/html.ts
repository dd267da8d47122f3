/**
 * compare.html: a comparison as one self-contained page. It leads with the verdict and the rule
 * that gave it, what was compared (and what was left out), and a chart of what changed; then the
 * metrics that changed, regressions first, grouped by axis; the unchanged ones one click away.
 */
import { readFileSync } from 'node:fs';
import { Eta, type TemplateFunction } from 'eta';
import { TEMPLATES_URL } from '../shared/package-files.js';
import { accessibleSvg, formatInterval, formatNumber, formatSigned, reportCsp, tableScript } from '../report/index.js';
import { STATUS_ORDER } from './chart.js';
import type { Comparison, MetricChange } from './diff.js';
import { ruleText, setsText, verdictOf, whereOf } from './text.js';

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false });
let compiled: TemplateFunction | undefined;

function template(): TemplateFunction {
  if (!compiled) {
    eta.loadTemplate('@style', readFileSync(new URL('partials/style.css', TEMPLATES_URL), 'utf8'));
    compiled = eta.compile(readFileSync(new URL('compare.html.eta', TEMPLATES_URL), 'utf8'));
  }
  return compiled;
}

/** The comparison's chart, rendered. */
export interface CompareFigure {
  svg: string;
  alt: string;
  caption: string;
}

/** Changes in reading order: regressions first, then by axis (the baseline's order), then by size. */
export function readingOrder(cmp: Comparison, changes: readonly MetricChange[]): MetricChange[] {
  const axes = new Map([...new Set(cmp.changes.map((c) => c.axis))].map((a, i) => [a, i]));
  return [...changes].sort(
    (a, b) =>
      Number(b.regressed) - Number(a.regressed) ||
      (axes.get(a.axis) ?? 0) - (axes.get(b.axis) ?? 0) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      Math.abs(b.worsening ?? b.change) - Math.abs(a.worsening ?? a.change),
  );
}

/** Renders compare.html, with the chart when there is one. */
export function renderCompareHtml(cmp: Comparison, figure?: CompareFigure): string {
  const script = tableScript();
  const row = (c: MetricChange) => ({
    metric: c.metric,
    axis: c.axis,
    where: whereOf(c),
    baseline: formatNumber(c.baseline.value),
    baselineCi: formatInterval(c.baseline.ci),
    candidate: formatNumber(c.candidate.value),
    candidateCi: formatInterval(c.candidate.ci),
    change: formatSigned(c.change),
    changeExact: String(c.change),
    ci: formatInterval(c.ci),
    verdict: verdictOf(c, cmp.maxRegression),
    status: c.status,
  });
  const changed = readingOrder(
    cmp,
    cmp.changes.filter((c) => c.regressed || c.changed),
  );
  const unchanged = readingOrder(
    cmp,
    cmp.changes.filter((c) => !c.regressed && !c.changed),
  );
  const judged = cmp.changes.filter((c) => c.ideal !== null).length;
  return eta.render(template(), {
    csp: reportCsp([script]),
    script: script.code,
    passed: cmp.passed,
    title: cmp.candidate.name,
    summary:
      `${cmp.changes.filter((c) => c.regressed).length} of ${judged} judged metrics regressed; ` +
      `${changed.length} of ${cmp.changes.length} shared metrics changed beyond their uncertainty.`,
    rule: ruleText(cmp),
    sets: setsText(cmp),
    notShared: cmp.notShared,
    runs: (
      [
        ['Baseline', cmp.baseline],
        ['Candidate', cmp.candidate],
      ] as const
    ).map(([role, run]) => ({ role, model: run.model, fingerprint: run.fingerprint, file: run.file, createdAt: run.created_at })),
    figure: figure ? { svg: accessibleSvg(figure.svg, figure.alt), caption: figure.caption } : undefined,
    changed: changed.map(row),
    unchanged: unchanged.map(row),
  });
}
