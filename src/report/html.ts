/**
 * report.html: one self-contained page (inline CSS, SVG and scripts, no network) rendered with
 * eta from `templates/report.html.eta`. Everything the template shows is formatted here into a
 * plain view object, so the template only lays text out; eta escapes every interpolation.
 *
 * The page opens with the answer: the verdict, the findings (a few sentences per axis from the
 * results), the gates. Then one section per axis: its gates drawn, its metrics, and per label
 * the charts (a many-group axis shows its highest and lowest groups, the full chart one click
 * away), the most extreme pairs, the groups with one significance call each. Then the corpus
 * (corpus audits), the sentences (paged), the templates and the metadata.
 */
import { readFileSync } from 'node:fs';
import { Eta, type TemplateFunction } from 'eta';
import type { AuditResults, AxisResult, GateResult, LabelResult, SentenceRow, Timings, Verdict } from '../results/index.js';
import { breakdownPanels, BREAKDOWN_PANELS, type Chart } from './charts/index.js';
import { breakdownsOf } from './breakdowns.js';
import { corpusView, type CorpusView } from './corpus-view.js';
import { findings, type Finding } from './findings.js';
import { formatDuration, formatInterval, formatNumber, formatPercent, formatThreshold, NOT_AVAILABLE } from './format.js';
import { axisMetricRows, groupTable, PRIMARY_TEST, type GroupTable, type MetricRow } from './metric-view.js';
import { interactiveScripts, jsonForScriptBlock, reportCsp, tableScript, type InlineScript } from './page-assets.js';
import { sentenceTable, templateLabel, type SentenceTableView } from './sentence-view.js';
import { extremePairs, setScores } from './set-scores.js';
import { renderVersions } from './versions.js';
import { TEMPLATES_URL } from '../shared/package-files.js';
import { COMBINATION_SEPARATOR } from '../shared/format.js';

/** Partials the page includes by name (`include('@gates', …)`), and their files. */
const PARTIALS: Record<string, string> = {
  gates: 'gates.eta',
  metrics: 'metrics.eta',
  figure: 'figure.eta',
  groups: 'groups.eta',
  style: 'style.css',
};

const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: false });
let compiled: TemplateFunction | undefined;

function template(): TemplateFunction {
  if (!compiled) {
    for (const [name, file] of Object.entries(PARTIALS))
      eta.loadTemplate(`@${name}`, readFileSync(new URL(`partials/${file}`, TEMPLATES_URL), 'utf8'));
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

/** A chart on the page; a compact chart of a many-group axis carries its full version. */
interface FigureView {
  id: string;
  name: string;
  svg: string;
  caption: string;
  full?: FigureView;
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
  /** Undefined for the other label of a two-label model: its table mirrors the audited one. */
  groups?: GroupTable;
  /** For the other label of a two-label model: the audited label whose complement it is. */
  mirrorOf?: string;
}

interface BreakdownView {
  by: string;
  figure?: FigureView;
  /** Every value: its gap with interval and its sets. */
  rows: { value: string; gap: string; interval: string; sets: string }[];
  more: boolean;
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
  gatesFigure?: FigureView;
  metrics: MetricRow[];
  labels: LabelView[];
  breakdowns: BreakdownView[];
}

/** What the template receives: every value already formatted. */
interface ReportView {
  csp: string;
  version: string;
  title: string;
  description: string;
  verdict: Verdict;
  gateSummary: string;
  findings: Array<Finding & { id: string }>;
  gates: GateView[];
  significance: string;
  auditedLabel: string;
  confidence: string;
  axes: AxisView[];
  corpus?: CorpusView;
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
  const templateNumber = new Map(results.templates.map((t, i) => [t.id, i + 1]));
  const figures = new Map(inputs.charts.map((c) => [c.name, c]));
  const corpus = corpusView(results, inputs.sentences);
  return {
    csp: reportCsp(scripts),
    version: results.counterfair_version,
    title: results.name,
    description: results.description ?? '',
    verdict: results.verdict,
    gateSummary: gateSummary(results.gates),
    findings: findings(results).map((f) => ({ ...f, id: `axis-${f.index + 1}` })),
    gates: results.gates.map(gateView),
    significance: PRIMARY_TEST.text,
    auditedLabel: results.model.audited_label,
    confidence: formatPercent(results.bootstrap.confidence),
    axes: results.axes.map((axis, i) => axisView(results, axis, i, inputs, templateNumber, figures)),
    ...(corpus ? { corpus } : {}),
    sentences: sentenceTable(results, inputs.sentences, results.templates),
    templates: results.templates.map((t, i) => ({
      number: i + 1,
      id: t.id,
      axis: t.axes.join(COMBINATION_SEPARATOR),
      text: t.text_pair === undefined ? t.text : `${t.text} ‖ ${t.text_pair}`,
    })),
    metadata: [...metadata(results), ...(inputs.timings ? [['Run on', inputs.timings.environment] as [string, string]] : [])],
    timings: Object.entries(inputs.timings?.stages ?? {}).map(([stage, ms]) => [stage.replace(/_/g, ' '), formatDuration(ms)]),
    createdAt: results.created_at,
    scripts,
    chartData: inputs.interactive
      ? inputs.charts.map((c) => ({ id: `chart-${c.name}`, name: c.name, json: jsonForScriptBlock(c.spec) }))
      : [],
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

/** The figure of a chart, with its full version when it has one. */
function figureOf(chart: Chart, inputs: HtmlInputs, all: ReadonlyMap<string, Chart>): FigureView | undefined {
  const svg = inputs.svgs.get(chart.name);
  if (svg === undefined) return undefined;
  const fullChart = chart.full ? undefined : all.get(`${chart.name}-all`);
  const full = fullChart ? figureOf(fullChart, inputs, all) : undefined;
  return {
    id: `chart-${chart.name}`,
    name: chart.name,
    svg: accessibleSvg(checkedSvg(svg, chart.name), chart.alt),
    caption: chart.caption,
    ...(full ? { full } : {}),
  };
}

function axisView(
  results: AuditResults,
  axis: AxisResult,
  index: number,
  inputs: HtmlInputs,
  templateNumber: Map<string, number>,
  all: ReadonlyMap<string, Chart>,
): AxisView {
  const id = `axis-${index + 1}`;
  const gatesChart = inputs.charts.find((c) => c.axis === index && c.kind === 'gates');
  const gatesFigure = gatesChart ? figureOf(gatesChart, inputs, all) : undefined;
  return {
    id,
    name: axis.name,
    lexicon: axis.lexicons.join(COMBINATION_SEPARATOR),
    combination: axis.axes.length > 1,
    reference: axis.reference,
    counts: {
      groups: plural(axis.labels[0]?.groups.length ?? 0, 'group'),
      sets: plural(axis.n_sets, 'counterfactual set'),
      sentences: plural(axis.n_sentences, 'sentence'),
    },
    ...(gatesFigure ? { gatesFigure } : {}),
    metrics: axisMetricRows(axis, axis.labels[0], true),
    labels: axis.labels.map((label, li) =>
      labelView(results, axis, index, label, li, inputs, templateNumber, `${id}-label-${li + 1}`, all),
    ),
    breakdowns: breakdownViews(results, axis, index, inputs, all),
  };
}

function breakdownViews(
  results: AuditResults,
  axis: AxisResult,
  index: number,
  inputs: HtmlInputs,
  all: ReadonlyMap<string, Chart>,
): BreakdownView[] {
  const breakdowns = breakdownsOf(results);
  return inputs.charts
    .filter((c) => c.axis === index && c.kind === 'breakdown' && c.by !== undefined)
    .map((c) => {
      const panels = breakdownPanels(breakdowns, c.by as string, axis.name);
      const figure = figureOf(c, inputs, all);
      return {
        by: c.by as string,
        ...(figure ? { figure } : {}),
        rows: panels.map((p) => ({
          value: p.value,
          gap: p.gap === undefined ? NOT_AVAILABLE : formatNumber(p.gap),
          interval: formatInterval(p.gapCi),
          sets: String(p.axis.n_sets),
        })),
        more: panels.length > BREAKDOWN_PANELS,
      };
    });
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
  all: ReadonlyMap<string, Chart>,
): LabelView {
  const audited = labelIndex === 0;
  const figures = inputs.charts
    .filter((c) => c.axis === axisIndex && c.label === label.label && !c.full && c.kind !== 'gates' && c.kind !== 'breakdown')
    .flatMap((c) => {
      const f = figureOf(c, inputs, all);
      return f ? [f] : [];
    });
  const pairs = audited
    ? extremePairs(setScores(axis, inputs.sentences, results.model.labels.indexOf(label.label)), EXTREME_PAIRS).map((p) => ({
        set: p.set_id,
        template: templateLabel(p.high.row, templateNumber),
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
    // With two labels P(other) = 1 − P(audited): the other label's groups table says nothing new.
    ...(audited || results.model.labels.length !== 2 ? { groups: groupTable(axis, label) } : { mirrorOf: results.model.audited_label }),
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sentenceText(row: SentenceRow): string {
  return row.text_pair === undefined ? row.text : `${row.text} ‖ ${row.text_pair}`;
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
  if (typeof svg !== 'string' || !svg.startsWith('<svg '))
    throw new TypeError(`chart ${JSON.stringify(name)} is not an SVG from renderSvg`);
  return svg;
}

/**
 * The SVG as one image with a text alternative: `role="img"` and `aria-label` on its root (the
 * chart's own ARIA marks become presentational; the tables beside it hold the same numbers).
 */
export function accessibleSvg(svg: string, alt: string): string {
  return `<svg role="img" aria-label="${escapeAttribute(alt)}" focusable="false" ${svg.slice('<svg '.length)}`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
