/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no network) rendered
 * with eta from `templates/report.html.eta`. Everything the template shows is formatted here
 * into a plain view object, so the template only lays text out.
 */
import { readFileSync } from 'node:fs';
import { Eta, type TemplateFunction } from 'eta';
import { groupMeans } from './group-means.js';
import type { AxisResult, MetricValue } from '../metrics/types.js';
import { formatInterval, formatNumber, formatPercent, formatThreshold } from './format.js';
import type { AuditResults } from './types.js';

/**
 * The page's Content-Security-Policy: nothing may load, only the inline `<style>` (and the style
 * attributes vega writes into the SVG) applies. `base-uri` and `form-action` do not fall back to
 * `default-src`, so they are closed explicitly.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Resolved from this module, so the same relative path works from `src/` and `dist/`. */
const TEMPLATE_URL = new URL('../../templates/report.html.eta', import.meta.url);

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false });
let compiled: TemplateFunction | undefined;

function template(): TemplateFunction {
  compiled ??= eta.compile(readFileSync(TEMPLATE_URL, 'utf8'));
  return compiled;
}

interface GateRow {
  metric: string;
  axis: string;
  value: string;
  threshold: string;
  passed: boolean;
  message: string;
}

interface MetricRow {
  name: string;
  value: string;
  interval: string;
  ciReason?: string;
  n: string;
  method: string;
}

interface AxisView {
  /** Anchor id: from the axis's position, never from its (untrusted) name. */
  id: string;
  name: string;
  lexicon: string;
  groupCount: number;
  n_sets: number;
  n_sentences: number;
  /** SVG markup from `renderSvg`, inserted unescaped; empty when the axis has no chart. */
  svg: string;
  metrics: MetricRow[];
  groups: Array<{ name: string; n: number; mean: string; interval: string }>;
}

/** What the template receives: every value already formatted. */
interface ReportView {
  csp: string;
  version: string;
  title: string;
  description: string;
  passed: boolean;
  gateSummary: string;
  gates: GateRow[];
  auditedLabel: string;
  /** Confidence level as a percentage, e.g. `95%`. */
  confidence: string;
  axes: AxisView[];
  templates: Array<{ id: string; axis: string; text: string }>;
  metadata: Array<[string, string]>;
  createdAt: string;
}

/**
 * Renders report.html.
 * @param charts axis name → SVG from `renderSvg`: trusted markup, inserted as is. An axis
 * missing from it gets a "no chart" note.
 */
export function renderHtml(results: AuditResults, charts: Record<string, string>): string {
  return eta.render(template(), buildView(results, charts));
}

function buildView(results: AuditResults, charts: Record<string, string>): ReportView {
  return {
    csp: REPORT_CSP,
    version: results.counterfair_version,
    title: results.name,
    description: results.description ?? '',
    passed: results.passed,
    gateSummary: gateSummary(results),
    gates: results.gates.map((g) => ({
      metric: g.metric,
      axis: g.axis,
      value: formatNumber(g.value),
      threshold: formatThreshold(g),
      passed: g.status !== 'fail',
      message: g.message,
    })),
    auditedLabel: results.model.audited_label,
    confidence: formatPercent(results.bootstrap.confidence),
    axes: results.axes.map((axis, i) => axisView(axis, i, chartFor(charts, axis.name))),
    templates: results.templates.map((t) => ({ id: t.id, axis: t.axes.join(' × '), text: t.text_pair === undefined ? t.text : `${t.text} ‖ ${t.text_pair}` })),
    metadata: [
      ['Model source', results.model.source],
      ['Model fingerprint', results.model.fingerprint],
      ['Labels', results.model.labels.join(', ')],
      ['Audited label', results.model.audited_label],
      ['Device', results.model.device],
      ['Dtype', results.model.dtype],
      ['Spec file', results.spec.file],
      ['Spec sha256', results.spec.sha256],
      ['Seed', String(results.seed)],
      ['Bootstrap resamples', String(results.bootstrap.resamples)],
      ['Bootstrap confidence', formatPercent(results.bootstrap.confidence)],
      ['counterfair version', results.counterfair_version],
      ['Created at', results.created_at],
      ['Results schema', results.schema],
    ],
    createdAt: results.created_at,
  };
}

function gateSummary(results: AuditResults): string {
  const total = results.gates.length;
  if (total === 0) return 'No gates are configured.';
  const failed = results.gates.filter((g) => g.status === 'fail').length;
  const noun = total === 1 ? 'gate' : 'gates';
  return failed === 0 ? `All ${total} ${noun} passed.` : `${failed} of ${total} ${noun} failed.`;
}

function axisView(axis: AxisResult, index: number, svg: string): AxisView {
  const groups = groupMeans(axis).sort((a, b) => b.mean - a.mean || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const audited = axis.labels[0];
  return {
    id: `axis-${index + 1}`,
    name: axis.name,
    lexicon: axis.lexicons.join(' × '),
    groupCount: groups.length,
    n_sets: axis.n_sets,
    n_sentences: axis.n_sentences,
    svg,
    metrics: [...Object.entries(audited?.metrics ?? {}), ...Object.entries(axis.metrics)].map(([name, m]) => metricRow(name, m)),
    groups: groups.map((g) => ({ name: g.name, n: g.n, mean: formatNumber(g.mean), interval: formatInterval(g.ci) })),
  };
}

function metricRow(name: string, m: MetricValue): MetricRow {
  return {
    name,
    value: formatNumber(m.value),
    interval: formatInterval(m.ci),
    ...(m.ci === null && m.ci_reason !== undefined ? { ciReason: m.ci_reason } : {}),
    n: String(m.n),
    method: m.method,
  };
}

/** The chart of an axis; own properties only, so an axis named `__proto__` gets no prototype. */
function chartFor(charts: Record<string, string>, axis: string): string {
  const svg = Object.hasOwn(charts, axis) ? charts[axis] : undefined;
  if (svg === undefined) return '';
  if (typeof svg !== 'string' || !svg.startsWith('<svg')) {
    throw new TypeError(`chart of axis ${JSON.stringify(axis)} is not an SVG from renderSvg`);
  }
  return svg;
}
