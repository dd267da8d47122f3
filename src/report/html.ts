/**
 * report.html: one self-contained page (inline CSS, SVG and scripts, no network) rendered with
 * eta from `templates/report.html.eta`. Everything the template shows is formatted here into a
 * plain view object, so the template only lays text out; eta escapes every interpolation.
 */
import { readFileSync } from 'node:fs';
import { Eta, type TemplateFunction } from 'eta';
import type { GateResult, VerdictName } from '../gate/index.js';
import type { AxisResult, LabelResult } from '../metrics/types.js';
import type { Chart } from './charts/index.js';
import { formatDuration, formatInterval, formatNumber, formatPercent, formatThreshold, NOT_AVAILABLE } from './format.js';
import { axisMetricRows, groupTable, type GroupTable, type MetricRow } from './metric-view.js';
import { interactiveScripts, jsonForScriptBlock, reportCsp, tableScript, type InlineScript } from './page-assets.js';
import { extremePairs, setScores } from './set-scores.js';
import type { Timings } from './timings.js';
import type { AuditResults, SentenceRow } from './types.js';
import { renderVersions } from './versions.js';
import { TEMPLATES_URL } from '../shared/package-files.js';

/** Resolved from this module, so the same relative path works from `src/` and `dist/`. */
/** Partials the page includes by name (`include('@gates', …)`), and their files. */
const PARTIALS: Record<string, string> = { gates: 'gates.eta', metrics: 'metrics.eta', style: 'style.css' };

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false });
let compiled: TemplateFunction | undefined;

function template(): TemplateFunction {
  if (!compiled) {
    for (const [name, file] of Object.entries(PARTIALS)) eta.loadTemplate(`@${name}`, readFileSync(new URL(`partials/${file}`, TEMPLATES_URL), 'utf8'));
    compiled = eta.compile(readFileSync(new URL('report.html.eta', TEMPLATES_URL), 'utf8'));
  }
  return compiled;
}

/** How many extreme pairs each axis lists. */
export const EXTREME_PAIRS = 10;

/** What report.html needs besides the results. */
export interface HtmlInputs {
  sentences: readonly SentenceRow[];
  /** Charts and their SVGs (from `renderCharts`), inserted as trusted markup. */
  charts: readonly Chart[];
  svgs: ReadonlyMap<string, string>;
  timings?: Timings;
  /** Add live vega-embed charts (tooltips, zoom) over the static SVGs. */
  interactive?: boolean;
}

interface GateView {
  metric: string;
  axis: string;
  where: string;
  value: string;
  interval: string;
  threshold: string;
  status: string;
  statusText: string;
  message: string;
  location: string;
}

interface FigureView {
  id: string;
  name: string;
  svg: string;
}

interface PairView {
  set: string;
  template: string;
  high: { group: string; text: string; p: string };
  low: { group: string; text: string; p: string };
  difference: string;
}

interface LabelView {
  id: string;
  label: string;
  audited: boolean;
  metrics: MetricRow[];
  figures: FigureView[];
  pairs: PairView[];
  groups: GroupTable;
}

interface AxisView {
  /** Anchor id: from the axis's position, never from its (untrusted) name. */
  id: string;
  name: string;
  lexicon: string;
  combination: boolean;
  reference: string;
  /** "4 groups", "1 counterfactual set", "12 sentences". */
  counts: { groups: string; sets: string; sentences: string };
  gates: GateView[];
  metrics: MetricRow[];
  labels: LabelView[];
}

interface SentenceTableView {
  axes: string[];
  labels: string[];
  hasPairs: boolean;
  rows: { set: string; template: string; groups: string[]; text: string; textPair: string; predicted: string; probs: { shown: string; exact: string }[] }[];
}

/** What the template receives: every value already formatted. */
interface ReportView {
  csp: string;
  version: string;
  title: string;
  description: string;
  verdict: VerdictName;
  gateSummary: string;
  gates: GateView[];
  auditedLabel: string;
  confidence: string;
  axes: AxisView[];
  sentences: SentenceTableView;
  templates: Array<{ number: number; id: string; axis: string; text: string }>;
  metadata: Array<[string, string]>;
  timings: Array<[string, string]>;
  createdAt: string;
  scripts: InlineScript[];
  chartData: Array<{ id: string; name: string; json: string }>;
}

/** Renders report.html. */
export function renderHtml(results: AuditResults, inputs: HtmlInputs): string {
  return eta.render(template(), buildView(results, inputs));
}

function buildView(results: AuditResults, inputs: HtmlInputs): ReportView {
  const scripts = [tableScript(), ...(inputs.interactive ? interactiveScripts() : [])];
  const gates = results.gates.map(gateView);
  const templateNumber = new Map(results.templates.map((t, i) => [t.id, i + 1]));
  return {
    csp: reportCsp(scripts),
    version: results.counterfair_version,
    title: results.name,
    description: results.description ?? '',
    verdict: results.verdict,
    gateSummary: gateSummary(results.gates),
    gates,
    auditedLabel: results.model.audited_label,
    confidence: formatPercent(results.bootstrap.confidence),
    axes: results.axes.map((axis, i) => axisView(results, axis, i, inputs, templateNumber)),
    sentences: sentenceTable(results, inputs.sentences, templateNumber),
    templates: results.templates.map((t, i) => ({ number: i + 1, id: t.id, axis: t.axes.join(' × '), text: t.text_pair === undefined ? t.text : `${t.text} ‖ ${t.text_pair}` })),
    metadata: [...metadata(results), ...(inputs.timings ? [['Run on', inputs.timings.environment] as [string, string]] : [])],
    timings: Object.entries(inputs.timings?.stages ?? {}).map(([stage, ms]) => [stage.replace(/_/g, ' '), formatDuration(ms)]),
    createdAt: results.created_at,
    scripts,
    chartData: inputs.interactive ? inputs.charts.map((c) => ({ id: `chart-${c.name}`, name: c.name, json: jsonForScriptBlock(c.spec) })) : [],
  };
}

/** "3 of 5 gates failed." and the like. */
export function gateSummary(gates: readonly GateResult[]): string {
  const total = gates.length;
  if (total === 0) return 'No gates are configured.';
  const count = (s: GateResult['status']) => gates.filter((g) => g.status === s).length;
  const noun = total === 1 ? 'gate' : 'gates';
  const parts = [
    count('fail') > 0 ? `${count('fail')} failed` : '',
    count('warn') > 0 ? `${count('warn')} warned` : '',
    count('insufficient_evidence') > 0 ? `${count('insufficient_evidence')} without enough evidence` : '',
  ].filter(Boolean);
  return parts.length === 0 ? `All ${total} ${noun} passed.` : `Of ${total} ${noun}: ${parts.join(', ')}.`;
}

/** A gate status as a reader says it. */
export const STATUS_TEXT: Record<GateResult['status'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  warn: 'warn',
  insufficient_evidence: 'insufficient evidence',
};

function gateView(g: GateResult): GateView {
  return {
    metric: g.metric,
    axis: g.axis,
    where: [g.group, g.label].filter((x) => x !== undefined).join(' · '),
    value: formatNumber(g.value),
    interval: formatInterval(g.ci),
    threshold: formatThreshold(g),
    status: g.status,
    statusText: STATUS_TEXT[g.status] ?? g.status,
    message: g.message,
    location: g.line === undefined ? '' : `line ${g.line}`,
  };
}

function axisView(results: AuditResults, axis: AxisResult, index: number, inputs: HtmlInputs, templateNumber: Map<string, number>): AxisView {
  const id = `axis-${index + 1}`;
  return {
    id,
    name: axis.name,
    lexicon: axis.lexicons.join(' × '),
    combination: axis.axes.length > 1,
    reference: axis.reference,
    counts: {
      groups: plural(axis.labels[0]?.groups.length ?? 0, 'group'),
      sets: plural(axis.n_sets, 'counterfactual set'),
      sentences: plural(axis.n_sentences, 'sentence'),
    },
    gates: results.gates.filter((g) => g.axis === axis.name).map(gateView),
    metrics: axisMetricRows(axis, axis.labels[0], true),
    labels: axis.labels.map((label, li) => labelView(results, axis, index, label, li, inputs, templateNumber, `${id}-label-${li + 1}`)),
  };
}

function labelView(
  results: AuditResults,
  axis: AxisResult,
  axisIndex: number,
  label: LabelResult,
  labelIndex: number,
  inputs: HtmlInputs,
  templateNumber: Map<string, number>,
  id: string,
): LabelView {
  const audited = labelIndex === 0;
  const figures = inputs.charts
    .filter((c) => c.axis === axisIndex && c.label === label.label)
    .flatMap((c) => {
      const svg = inputs.svgs.get(c.name);
      return svg === undefined ? [] : [{ id: `chart-${c.name}`, name: c.name, svg: checkedSvg(svg, c.name) }];
    });
  const pairs = audited
    ? extremePairs(setScores(axis, inputs.sentences, results.model.labels.indexOf(label.label)), EXTREME_PAIRS).map((p) => ({
        set: p.set_id,
        template: templateOf(p.high.row, templateNumber),
        high: { group: p.high.group, text: sentenceText(p.high.row), p: formatNumber(p.high.p) },
        low: { group: p.low.group, text: sentenceText(p.low.row), p: formatNumber(p.low.p) },
        difference: formatNumber(p.difference),
      }))
    : [];
  return {
    id,
    label: label.label,
    audited,
    // The audited label's axis metrics are shown with the axis; other labels show their own here.
    metrics: audited ? [] : axisMetricRows(axis, label, false),
    figures,
    pairs,
    groups: groupTable(axis, label),
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function templateOf(row: SentenceRow, templateNumber: Map<string, number>): string {
  if (row.template_id === undefined) return row.corpus_row === undefined ? '' : `row ${row.corpus_row}`;
  const n = templateNumber.get(row.template_id);
  return n === undefined ? row.template_id : `T${n}`;
}

function sentenceText(row: SentenceRow): string {
  return row.text_pair === undefined ? row.text : `${row.text} ‖ ${row.text_pair}`;
}

function sentenceTable(results: AuditResults, sentences: readonly SentenceRow[], templateNumber: Map<string, number>): SentenceTableView {
  const axes = results.axes.filter((a) => a.axes.length === 1).map((a) => a.name);
  return {
    axes,
    labels: results.model.labels,
    hasPairs: sentences.some((s) => s.text_pair !== undefined),
    rows: sentences.map((s) => ({
      set: s.set_id,
      template: templateOf(s, templateNumber),
      groups: axes.map((a) => (Object.hasOwn(s.groups, a) ? (s.groups[a] as string) : '')),
      text: s.text,
      textPair: s.text_pair ?? '',
      predicted: s.predicted,
      probs: s.probs.map((p) => ({ shown: formatNumber(p), exact: String(p) })),
    })),
  };
}

function metadata(results: AuditResults): Array<[string, string]> {
  return [
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
    ['Confidence level', formatPercent(results.bootstrap.confidence)],
    ['counterfair version', results.counterfair_version],
    ['Rendered with', renderVersions()],
    ['Created at', results.created_at || NOT_AVAILABLE],
    ['Results schema', results.schema],
  ];
}

/** Only SVG from `renderSvg` may be inserted unescaped. */
function checkedSvg(svg: string, name: string): string {
  if (typeof svg !== 'string' || !svg.startsWith('<svg')) throw new TypeError(`chart ${JSON.stringify(name)} is not an SVG from renderSvg`);
  return svg;
}
