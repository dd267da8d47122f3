import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import type { AuditResults, GateResult } from '../../src/index.ts';
import { renderJunit } from '../../src/report/index.ts';
import { fixture } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

const XSD = readFileSync(fixture('junit.xsd'), 'utf8');

async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [XSD] });
  return result.errors.map((e) => e.rawMessage);
}

/** Results whose gates hold every kind of hostile text. */
function hostile(): AuditResults {
  const { results } = syntheticRun({ groups: ['a', 'b'], templates: 2, score: (g) => 0.2 + g * 0.5 });
  const evil = 'x ]]> <y> & "q" \'s\' \u0000\u0001\u0008\u000b\u001b\u007f \uFFFE \uD800 lone, emoji 👩🏽‍🔬 🇮🇳, tab\tnew\nline\rcr';
  const gate = (status: GateResult['status'], i: number): GateResult => ({
    index: i,
    metric: 'gap',
    axis: `axis ${evil}`,
    group: evil,
    on: 'estimate',
    severity: 'error',
    max: 0.1,
    value: 0.5091112647205591,
    ci: [0.4676, 0.5438],
    compared: 0.5091112647205591,
    n: 8,
    status,
    message: `gap on ${evil} is 0.5091, above max 0.1`,
    line: 33,
    column: 5,
  });
  return { ...results, name: `Audit ${evil}`, spec: { file: `audits/${evil}.yaml`, sha256: 'ab' }, gates: [gate('fail', 0), gate('pass', 1), gate('warn', 2), gate('insufficient_evidence', 3)] };
}

describe('junit.xml', () => {
  it('validates against the JUnit schema whatever the text holds (]]>, control characters, lone surrogates, emoji)', async () => {
    const xml = renderJunit(hostile());
    assert.deepEqual(await validate(xml), []);
    // Emoji survive as themselves; characters XML cannot hold become U+FFFD.
    assert.match(xml, /👩🏽‍🔬 🇮🇳/);
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    assert.doesNotMatch(xml, /\]\]>/);
    // Newlines in attributes are kept as references, not normalised away.
    assert.match(xml, /tab&#9;new&#10;line&#13;cr/);
  });

  it('has one testcase per gate: failure with value vs threshold, skipped, warning in system-out', async () => {
    const xml = renderJunit(hostile());
    assert.equal((xml.match(/<testcase /g) ?? []).length, 4);
    assert.match(xml, /<testsuites name="counterfair" tests="4" failures="1" errors="0" skipped="1" time="0\.000">/);
    assert.match(xml, /<failure message="gap on [^"]* is 0\.5091, above max 0\.1" type="gap">value 0\.509 \(95% interval \[0\.468, 0\.544\]\) vs max 0\.1\ngate written at audits\/[\s\S]*?\.yaml:33:5<\/failure>/);
    assert.match(xml, /<skipped message="insufficient evidence: gap on /);
    assert.match(xml, /<system-out>warning: gap on /);
    assert.match(xml, /timestamp="2024-05-01T12:00:00"/);
  });

  it('is valid with no gates, and counts the run time from timings', async () => {
    const { results } = syntheticRun({ groups: ['a', 'b'], templates: 1, score: () => 0.5 });
    const xml = renderJunit({ ...results, gates: [] }, { schema: 'counterfair/timings@1', stages: { classify: 1500, metrics: 250.5 }, environment: 'test' });
    assert.deepEqual(await validate(xml), []);
    assert.match(xml, /tests="0" failures="0" errors="0" skipped="0" time="1\.750"/);
  });

  it('fails validation when the schema is broken (the check can fail)', async () => {
    const xml = renderJunit(hostile()).replace('<testcase name="gate 2', '<testcase classname="x" time="0" nameless="gate 2');
    assert.notDeepEqual(await validate(xml), []);
  });
});
