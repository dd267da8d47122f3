/** compare.html: a comparison as one self-contained page, every shared metric in a sortable table. */
import { readFileSync } from 'node:fs';
import { Eta, type TemplateFunction } from 'eta';
import { TEMPLATES_URL } from '../shared/package-files.js';
import { formatInterval, formatNumber, formatSigned } from '../report/format.js';
import { reportCsp, tableScript } from '../report/page-assets.js';
import type { Comparison } from './diff.js';
import { verdictOf, whereOf } from './markdown.js';

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false });
let compiled: TemplateFunction | undefined;

function template(): TemplateFunction {
  if (!compiled) {
    eta.loadTemplate('@style', readFileSync(new URL('partials/style.css', TEMPLATES_URL), 'utf8'));
    compiled = eta.compile(readFileSync(new URL('compare.html.eta', TEMPLATES_URL), 'utf8'));
  }
  return compiled;
}

/** Renders compare.html. */
export function renderCompareHtml(cmp: Comparison): string {
  const script = tableScript();
  return eta.render(template(), {
    csp: reportCsp([script]),
    script: script.code,
    passed: cmp.passed,
    title: cmp.candidate.name,
    maxRegression: String(cmp.maxRegression),
    runs: [
      ['Baseline', cmp.baseline],
      ['Candidate', cmp.candidate],
    ].map(([role, r]) => {
      const run = r as Comparison['baseline'];
      return { role: role as string, model: run.model, fingerprint: run.fingerprint, file: run.file, createdAt: run.created_at };
    }),
    regressed: cmp.changes.filter((c) => c.regressed).length,
    rows: cmp.changes.map((c) => ({
      metric: c.metric,
      scope: c.scope,
      where: whereOf(c),
      baseline: formatNumber(c.baseline.value),
      baselineCi: formatInterval(c.baseline.ci),
      candidate: formatNumber(c.candidate.value),
      candidateCi: formatInterval(c.candidate.ci),
      change: formatSigned(c.change),
      changeExact: String(c.change),
      ci: formatInterval(c.ci),
      verdict: verdictOf(c),
      regressed: c.regressed,
    })),
    notShared: cmp.notShared,
  });
}
