/**
 * An NLI audit end to end through the CLI: premise/hypothesis templates, a three-label model
 * (test/fixtures/modules/planted-nli.js), every label's metrics. Logits (contradiction, neutral,
 * entailment) by hand:
 *   loves  female "She loves me." / "She loves me not."   (3.5, 0, 0)
 *          male   "He loves me." / "He loves me not."     (2, 0.5, 0)
 *   doctor female "She is a doctor." / "Someone is a doctor." (1.5, 0, 1)
 *          male   "He is a doctor." / "Someone is a doctor."  (0, 0.5, 1)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { AuditResults } from '../../src/index.ts';
import { cli, fixture, groupsOf, metricOf, tempDir, type CliResult } from '../helpers.ts';

const softmax = (z: number[]) => {
  const e = z.map(Math.exp);
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
};
const logits = { loves: { female: [3.5, 0, 0], male: [2, 0.5, 0] }, doctor: { female: [1.5, 0, 1], male: [0, 0.5, 1] } };
const p = (t: 'loves' | 'doctor', g: 'female' | 'male') => softmax(logits[t][g]);
const close = (a: number | undefined, b: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

describe('an NLI audit with text pairs and three labels', () => {
  const out = tempDir();
  let run: CliResult;
  let results: AuditResults;
  before(async () => {
    run = await cli('run', fixture('planted-nli.yaml'), '--out', out, '--no-cache', '--quiet');
    results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as AuditResults;
  });

  it('fills premise and hypothesis with the same group and keeps both in sentences.csv', () => {
    assert.equal(run.code, 1, run.stderr);
    const csv = readFileSync(path.join(out, 'sentences.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'sentence_id,set_id,template_id,gender,text,text_pair,predicted,p:contradiction,p:neutral,p:entailment');
    assert.deepEqual(
      csv.slice(1).map((line) => line.split(',').slice(2, 7)),
      [
        ['loves', 'female', 'She loves me.', 'She loves me not.', 'contradiction'],
        ['loves', 'male', 'He loves me.', 'He loves me not.', 'contradiction'],
        ['doctor', 'female', 'She is a doctor.', 'Someone is a doctor.', 'contradiction'],
        ['doctor', 'male', 'He is a doctor.', 'Someone is a doctor.', 'entailment'],
      ],
    );
  });

  it('gives every label its group means and gap, the audited label first', () => {
    const axis = results.axes[0];
    assert.deepEqual(axis?.labels.map((l) => l.label), ['contradiction', 'neutral', 'entailment']);
    for (const [k, l] of [[0, 0], [1, 1], [2, 2]] as const) {
      const label = axis?.labels[l];
      const mean = (g: 'female' | 'male') => ((p('loves', g)[k] as number) + (p('doctor', g)[k] as number)) / 2;
      close(label?.groups[0]?.metrics['mean']?.value, mean('female'), `${label?.label} female`);
      close(label?.groups[1]?.metrics['mean']?.value, mean('male'), `${label?.label} male`);
      close(label?.metrics['gap']?.value, Math.abs(mean('female') - mean('male')), `${label?.label} gap`);
    }
    close(groupsOf(axis)[0]?.mean, (0.9430450161270122 + 0.5465493872661796) / 2, 'contradiction female, by value');
  });

  it('measures flips and the total variation between the probability vectors', () => {
    const axis = results.axes[0];
    // Only the doctor set changes its predicted label (contradiction → entailment).
    assert.equal(metricOf(axis, 'flip_rate').value, 0.5);
    const tv = (t: 'loves' | 'doctor') => p(t, 'female').reduce((s, v, k) => s + Math.abs(v - (p(t, 'male')[k] as number)), 0) / 2;
    close(metricOf(axis, 'total_variation').value, (tv('loves') + tv('doctor')) / 2, 'total variation');
    assert.deepEqual(results.gates.map((g) => [g.metric, g.status]), [['flip_rate', 'fail'], ['total_variation', 'insufficient_evidence']]);
  });

  it('renders a section per label in the report', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    for (const label of ['contradiction', 'neutral', 'entailment']) assert.match(html, new RegExp(`P\\(${label}\\)`));
    assert.match(html, /She loves me not\./);
  });
});
