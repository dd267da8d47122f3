/** Gates through the whole pipeline on models/planted-bias: the CLI's output, exit codes and results.json. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AuditResults } from '../../src/index.ts';
import { cli, fixture, sigmoid, tempDir } from '../helpers.ts';

async function run(spec: string): Promise<{ code: number; stdout: string; stderr: string; dir: string; results?: AuditResults }> {
  const out = tempDir();
  const r = await cli('run', fixture(spec), '--out', out, '--quiet');
  const file = path.join(out, 'results.json');
  return r.code === 2 ? { ...r, dir: out } : { ...r, dir: out, results: JSON.parse(readFileSync(file, 'utf8')) as AuditResults };
}

describe('gates through the pipeline', () => {
  it('a gate on ci_low passes on a small noisy audit where the same gate on the estimate fails', async () => {
    const r = await run('noisy-gates.yaml');
    // India − Germany per set is σ(c + 2) − σ(c + 1) for the contexts c = 0, 3, 5, −5, 8, −2.
    const delta = [0, 3, 5, -5, 8, -2].reduce((sum, c) => sum + sigmoid(c + 2) - sigmoid(c + 1), 0) / 6;
    const [estimate, low, high] = r.results?.gates ?? [];
    assert.ok(Math.abs((estimate?.value as number) - delta) < 1e-6, `${estimate?.value} vs ${delta}`);
    assert.deepEqual([estimate, low, high].map((g) => [g?.on, g?.status]), [['estimate', 'fail'], ['ci_low', 'pass'], ['ci_high', 'warn']]);
    const [lo, hi] = low?.ci ?? [NaN, NaN];
    assert.ok(lo < 0.05 && 0.05 < delta && delta < hi, `interval [${lo}, ${hi}] straddles 0.05 around ${delta}`);
    assert.equal(low?.compared, lo);
    assert.equal(high?.compared, high?.ci?.[1]);
    assert.ok(Math.abs((high?.compared as number) - hi) < 1e-12); // India's delta is the gap of a two-group axis
    // Only the estimate gate fails the audit; the warn-severity gate does not.
    assert.equal(r.code, 1);
    assert.equal(r.results?.verdict, 'failed');
    assert.deepEqual(r.stdout.split('\n').map((l) => l.split('  ')[0]), ['FAIL', 'PASS', 'WARN', 'FAILED: Noisy gap, three ways to gate it', '']);
    // Each gate result points at its line in the spec, for CI annotations.
    assert.deepEqual(r.results?.gates.map((g) => [g.line, g.column]), [[17, 5], [18, 5], [19, 5]]);
  });

  it('reports insufficient_evidence for passes resting on too few sets: INCONCLUSIVE, exit 3, never a pass', async () => {
    const r = await run('few-sets.yaml');
    assert.equal(r.code, 3, r.stderr);
    assert.equal(
      r.stdout,
      [
        'INSUFFICIENT_EVIDENCE  gap on gender is 0.2449, within max 0.3, but rests on 2 sets, fewer than min_n 5: insufficient evidence',
        // A breach is a breach however few the sets: flip_rate is 1 (her POSITIVE, him NEGATIVE).
        'WARN  flip_rate on gender is 1, above max 0.5',
        'INCONCLUSIVE: Planted bias, too few sets to pass',
        '',
      ].join('\n'),
    );
    assert.deepEqual(r.results?.gates.map((g) => [g.status, g.n]), [['insufficient_evidence', 2], ['warn', 2]]);
    assert.equal(r.results?.verdict, 'inconclusive');
    // Every output says so, in amber where it has colour: summary.md, report.html, junit.xml.
    const summary = readFileSync(path.join(r.dir, 'summary.md'), 'utf8');
    assert.match(summary.split('\n')[0] as string, /^## 🟠 INCONCLUSIVE: /);
    assert.match(readFileSync(path.join(r.dir, 'report.html'), 'utf8'), /<div class="banner inconclusive">\s*<strong>INCONCLUSIVE<\/strong>/);
    assert.match(readFileSync(path.join(r.dir, 'junit.xml'), 'utf8'), /<skipped message="insufficient evidence: gap on gender/);
  });

  it('stops before inference, exit 2, on gates that can never be checked', async () => {
    const r = await run('bad-gates.yaml');
    assert.equal(r.code, 2);
    const file = fixture('bad-gates.yaml');
    assert.equal(
      r.stderr,
      [
        `${file}:10:44: "Irak" is not a group of country (did you mean "Iraq"?)`,
        `${file}:11:15: mean_difference is not computed on country: it needs an axis of exactly two groups, and country has 3`,
        `${file}:12:15: tpr is not computed on any axis: it needs sets with a gold label (a labelled corpus)`,
        '',
      ].join('\n'),
    );
  });
});
