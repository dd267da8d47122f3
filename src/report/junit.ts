/**
 * junit.xml: one testcase per gate result, in the JUnit XML format CI systems read (the Ant
 * format Jenkins, GitLab, GitHub test reporters and Azure accept): a failed gate is a
 * `<failure>` whose message gives value against threshold, a gate without enough evidence is
 * `<skipped>`, a warning passes with the warning in `<system-out>`. Well-formed whatever the
 * text holds (see xml.ts).
 */
import type { AuditResults, GateResult, Timings } from '../results/index.js';
import { formatInterval, formatNumber, formatPercent, formatThreshold } from './format.js';
import { xmlAttr, xmlText } from './xml.js';

/** Renders junit.xml. */
export function renderJunit(results: AuditResults, timings?: Timings): string {
  const gates = results.gates;
  const failures = gates.filter((g) => g.status === 'fail').length;
  const skipped = gates.filter((g) => g.status === 'insufficient_evidence').length;
  const seconds = timings ? Object.values(timings.stages).reduce((a, b) => a + b, 0) / 1000 : 0;
  const time = seconds.toFixed(3);
  const counts = `tests="${gates.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}"`;
  const suite = results.spec.file.replace(/\\/g, '/');
  const properties: [string, string][] = [
    ['audit', results.name],
    ['spec', results.spec.file],
    ['spec_sha256', results.spec.sha256],
    ['model', results.model.source],
    ['model_fingerprint', results.model.fingerprint],
    ['audited_label', results.model.audited_label],
    ['seed', String(results.seed)],
    ['counterfair_version', results.counterfair_version],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="counterfair" ${counts}>`,
    // The Ant format's timestamp has no zone designator; this one is UTC.
    `  <testsuite name="${xmlAttr(results.name)}" ${counts} timestamp="${xmlAttr(junitTimestamp(results.created_at))}" hostname="counterfair" id="0" package="${xmlAttr(suite)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`),
    '    </properties>',
    ...gates.map((g) => testcase(g, results)),
    '    <system-out/>',
    '    <system-err/>',
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

/** `2024-05-01T12:00:00` from an ISO time; the epoch when it cannot be read. */
function junitTimestamp(iso: string): string {
  const d = new Date(iso);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19);
}

function testcase(g: GateResult, results: AuditResults): string {
  const where = [g.group, g.label].filter((x) => x !== undefined).join(' / ');
  const name = `gate ${g.index + 1}: ${g.metric} on ${g.axis}${where ? ` / ${where}` : ''}`;
  const classname = `counterfair.${g.axis}`;
  const location = g.line === undefined ? results.spec.file : `${results.spec.file}:${g.line}:${g.column ?? 1}`;
  const detail = [
    `value ${formatNumber(g.value)} (${formatPercent(results.bootstrap.confidence)} interval ${formatInterval(g.ci)}) vs ${formatThreshold(g)}`,
    ...(g.on !== 'estimate' ? [`compared: ${g.on} = ${g.compared === null ? 'n/a' : formatNumber(g.compared)}`] : []),
    `gate written at ${location}`,
  ].join('\n');
  const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(classname)}" time="0">`;
  switch (g.status) {
    case 'fail':
      return `${open}\n      <failure message="${xmlAttr(g.message)}" type="${xmlAttr(g.metric)}">${xmlText(detail)}</failure>\n    </testcase>`;
    case 'insufficient_evidence':
      return `${open}\n      <skipped message="${xmlAttr(`insufficient evidence: ${g.message}`)}"/>\n    </testcase>`;
    case 'warn':
      return `${open}\n      <system-out>${xmlText(`warning: ${g.message}\n${detail}`)}</system-out>\n    </testcase>`;
    default:
      return `${open}</testcase>`;
  }
}
