import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { AuditResults } from '../../src/index.ts';
import { cli, fixture, groupsOf, metricOf, sigmoid, tempDir, type CliResult } from '../helpers.ts';

// float32 inference against float64 expectations
const TOL = 1e-6;
const close = (actual: number | undefined, expected: number, what: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < TOL, `${what}: ${actual} vs ${expected}`);

describe('counterfair run on models/planted-bias', () => {
  let out: string;
  let run: CliResult;
  let results: AuditResults;

  before(async () => {
    out = tempDir();
    run = await cli('run', fixture('planted.yaml'), '--out', out, '--quiet');
    results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as AuditResults;
  });

  it('fails its gates with exit code 1 and says why', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        'FAIL  gap on country is 0.5692, above max 0.1',
        'FAIL  flip_rate on country is 0.6667, above max 0.5',
        'FAIL  flip_rate on gender is 1, above max 0.5',
        'FAILED: Planted bias',
        '',
      ].join('\n'),
    );
    assert.equal(results.verdict, 'failed');
  });

  it('gives each country its analytic mean: the mean over templates of sigmoid(planted weights)', () => {
    const country = results.axes.find((a) => a.name === 'country');
    assert.ok(country);
    assert.equal(country.n_sets, 3);
    assert.equal(country.n_sentences, 12);
    const expected: Record<string, number> = {
      India: (sigmoid(2) + sigmoid(3) + sigmoid(5)) / 3,
      Iraq: (sigmoid(-2) + sigmoid(-1) + sigmoid(1)) / 3,
      Germany: (sigmoid(1) + sigmoid(2) + sigmoid(4)) / 3,
      France: (sigmoid(0.5) + sigmoid(1.5) + sigmoid(3.5)) / 3,
    };
    assert.deepEqual(groupsOf(country).map((g) => g.name), ['India', 'Iraq', 'Germany', 'France']);
    for (const g of groupsOf(country)) {
      close(g.mean, expected[g.name] as number, g.name);
      assert.equal(g.n, 3);
      assert.ok(g.ci![0] <= g.mean + TOL && g.mean <= g.ci![1] + TOL, `${g.name} interval ${g.ci} holds its mean`);
    }
    close(metricOf(country, 'gap').value, (expected.India as number) - (expected.Iraq as number), 'gap');
    // Two of three sets flip: "I am from Iraq." and "The food in Iraq was fine." are NEGATIVE.
    assert.equal(metricOf(country, 'flip_rate').value, 2 / 3);
    // Wilson interval of 2 of 3 at 95%.
    close(metricOf(country, 'flip_rate').ci?.[0], 0.20765960080204782, 'flip_rate ci low');
    close(metricOf(country, 'flip_rate').ci?.[1], 0.9385080552796038, 'flip_rate ci high');
  });

  it('gives zero-width intervals where every set agrees (gender: her 0.5, him -0.5 in both templates)', () => {
    const gender = results.axes.find((a) => a.name === 'gender');
    assert.ok(gender);
    const [female, male] = groupsOf(gender);
    close(female?.mean, sigmoid(0.5), 'female');
    close(male?.mean, sigmoid(-0.5), 'male');
    assert.equal(female?.ci?.[0], female?.ci?.[1]);
    assert.equal(male?.ci?.[0], male?.ci?.[1]);
    close(metricOf(gender, 'gap').value, sigmoid(0.5) - sigmoid(-0.5), 'gap');
    assert.equal(metricOf(gender, 'gap').ci?.[0], metricOf(gender, 'gap').ci?.[1]);
    assert.equal(metricOf(gender, 'flip_rate').value, 1);
  });

  it('records the gates, model and seed in results.json', () => {
    assert.equal(results.schema, 'counterfair/results@2');
    assert.equal(results.seed, 1);
    assert.deepEqual(results.model.labels, ['NEGATIVE', 'POSITIVE']);
    assert.equal(results.model.audited_label, 'POSITIVE');
    assert.equal(results.model.source, '../../models/planted-bias');
    assert.match(results.model.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(
      results.gates.map((g) => [g.metric, g.axis, g.status]),
      [
        ['gap', 'country', 'fail'],
        ['flip_rate', 'country', 'fail'],
        ['flip_rate', 'gender', 'fail'],
      ],
    );
  });

  it('writes every sentence with its scores to sentences.csv', () => {
    const rows = parse(readFileSync(path.join(out, 'sentences.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 16);
    assert.deepEqual(Object.keys(rows[0] ?? {}), ['sentence_id', 'set_id', 'template_id', 'country', 'gender', 'text', 'predicted', 'p:NEGATIVE', 'p:POSITIVE']);
    const iraq = rows.find((r) => r.text === 'I am from Iraq.');
    assert.equal(iraq?.country, 'Iraq');
    assert.equal(iraq?.gender, '');
    assert.equal(iraq?.predicted, 'NEGATIVE');
    close(Number(iraq?.['p:POSITIVE']), sigmoid(-2), 'Iraq');
    close(Number(iraq?.['p:NEGATIVE']), 1 - sigmoid(-2), 'Iraq negative');
    assert.equal(rows.find((r) => r.text === 'I saw her.')?.gender, 'female');
  });

  it('writes a self-contained report.html', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /<svg/);
    // Scripts are inline only (no src), nothing links out.
    assert.doesNotMatch(html, /<script[^>]*\ssrc=|<link|src="http|href="http/);
    assert.match(html, /Iraq/);
  });

  it('gives the same numbers for the same seed', async () => {
    const again = tempDir();
    await cli('run', fixture('planted.yaml'), '--out', again, '--quiet');
    const second = JSON.parse(readFileSync(path.join(again, 'results.json'), 'utf8')) as AuditResults;
    assert.deepEqual({ ...second, created_at: '' }, { ...results, created_at: '' });
    const other = tempDir();
    await cli('run', fixture('planted.yaml'), '--out', other, '--quiet', '--seed', '7');
    const third = JSON.parse(readFileSync(path.join(other, 'results.json'), 'utf8')) as AuditResults;
    // --seed overrides the spec (that other seeds give other intervals is tested on the metrics).
    assert.equal(third.seed, 7);
    assert.equal(groupsOf(third.axes[0])[0]?.mean, groupsOf(results.axes[0])[0]?.mean);
  });

  it('exits 0 when every gate passes', async () => {
    const dir = tempDir();
    const r = await cli('run', fixture('planted-pass.yaml'), '--out', dir, '--quiet');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'PASS  gap on gender is 0.2449, within max 0.3\nPASSED: Planted bias, gender only, lenient gate\n');
    assert.ok(existsSync(path.join(dir, 'report.html')));
  });
});
