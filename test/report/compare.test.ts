import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildPlantedBias, PLANTED_WEIGHTS_FILE } from '../../scripts/models/planted-bias.ts';
import type { AuditResults } from '../../src/index.ts';
import { changeInterval } from '../../src/compare/index.ts';
import { cli, fixture, sigmoid, tempDir } from '../helpers.ts';

// float32 inference against float64 expectations
const TOL = 1e-6;
const close = (actual: number | undefined, expected: number, what: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) < TOL, `${what}: ${actual} vs ${expected}`);

interface CompareJson {
  passed: boolean;
  maxRegression: number;
  changes: { axis: string; label?: string; group?: string; metric: string; scope: string; change: number; worsening: number | null; regressed: boolean; ci: [number, number] | null }[];
}

/**
 * Two runs of test/fixtures/planted.yaml: the shipped planted-bias model, and a copy built by
 * the project's builder with Iraq's weight moved from −2 to −0.5 (a "fix" of the planted bias).
 */
describe('counterfair compare', () => {
  let original: string;
  let fixed: string;
  let other: string;
  const iraq = (w: number) => [sigmoid(w), sigmoid(w + 1), sigmoid(w + 3)];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const india = mean([sigmoid(2), sigmoid(3), sigmoid(5)]);

  before(async () => {
    const work = tempDir();
    const weights = JSON.parse(readFileSync(PLANTED_WEIGHTS_FILE, 'utf8')) as { weights: Record<string, number> };
    weights.weights['iraq'] = -0.5;
    const weightsFile = path.join(work, 'weights.json');
    writeFileSync(weightsFile, JSON.stringify(weights));
    const model = path.join(work, 'planted-fixed');
    await buildPlantedBias(model, weightsFile, () => {});
    // The same audit, pointed at the rebuilt model.
    const spec = path.join(work, 'planted-fixed.yaml');
    writeFileSync(spec, readFileSync(fixture('planted.yaml'), 'utf8').replace('path: ../../models/planted-bias', `path: ${JSON.stringify(model)}`));
    original = tempDir();
    fixed = tempDir();
    other = tempDir();
    for (const [file, out] of [[fixture('planted.yaml'), original], [spec, fixed], [fixture('planted-pass.yaml'), other]] as const) {
      const r = await cli('run', file, '--out', out, '--quiet');
      assert.notEqual(r.code, 2, r.stderr);
    }
  });

  async function compare(...argv: string[]) {
    const out = tempDir();
    const r = await cli('compare', ...argv, '--out', out);
    const json = r.code === 2 ? undefined : (JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8')) as CompareJson);
    return { ...r, out, json };
  }

  it('gives the exact change of every shared metric, and exits 0 when nothing worsened', async () => {
    const r = await compare(original, fixed);
    assert.equal(r.code, 0, r.stderr);
    const changes = r.json!.changes;
    const find = (metric: string, axis: string, group?: string, label = 'POSITIVE') =>
      changes.find((c) => c.metric === metric && c.axis === axis && c.group === group && (c.scope === 'axis' || c.label === label));
    // Iraq's mean over its three templates moves from weights −2 to −0.5.
    close(find('mean', 'country', 'Iraq')?.change, mean(iraq(-0.5)) - mean(iraq(-2)), 'Iraq mean');
    assert.equal(find('mean', 'country', 'India')?.change, 0);
    close(find('mean', 'country', 'Iraq', 'NEGATIVE')?.change, -(mean(iraq(-0.5)) - mean(iraq(-2))), 'Iraq NEGATIVE mean');
    // The gap stays India − Iraq, so it shrinks by as much as Iraq's mean grew.
    close(find('gap', 'country')?.change, india - mean(iraq(-0.5)) - (india - mean(iraq(-2))), 'gap');
    // "I am from Iraq." still flips its set (sigmoid(−0.5) < 0.5); "The food in Iraq was fine." no longer does.
    close(find('flip_rate', 'country')?.change, 1 / 3 - 2 / 3, 'flip_rate');
    // Nothing else moved: gender sentences score the same, and the same seed gives the same intervals.
    for (const c of changes.filter((x) => x.axis === 'gender')) assert.equal(c.change, 0, `${c.metric} ${c.group}`);
    assert.equal(changes.filter((c) => c.regressed).length, 0);
    // Every metric of both runs is compared: per axis flip_rate, per label gap, per label and group mean.
    assert.equal(changes.length, 2 * 1 + 2 * 2 * 1 + 2 * (4 + 2));
    assert.match(r.stdout, /^NO REGRESSION: 0 of 18 shared metrics beyond 0\n$/);
  });

  it('exits 1 when a metric moves further from its ideal value than allowed, and says which', async () => {
    const r = await compare(fixed, original, '--max-regression', '0.05');
    assert.equal(r.code, 1, r.stderr);
    const regressed = r.json!.changes.filter((c) => c.regressed).map((c) => [c.metric, c.axis, c.label ?? null]);
    assert.deepEqual(regressed, [['flip_rate', 'country', null], ['gap', 'country', 'POSITIVE'], ['gap', 'country', 'NEGATIVE']]);
    const gap = r.json!.changes.find((c) => c.metric === 'gap' && c.label === 'POSITIVE');
    close(gap?.worsening ?? undefined, mean(iraq(-0.5)) - mean(iraq(-2)), 'gap worsening');
    assert.match(r.stdout, /^REGRESSED {2}flip_rate on country: 0\.3333 → 0\.6667, 0\.3333 further from 0\n/);
    assert.match(r.stdout, /REGRESSED: 3 of 18 shared metrics beyond 0\.05\n$/);
    const md = readFileSync(path.join(r.out, 'compare.md'), 'utf8');
    assert.match(md, /^## ❌ REGRESSED: Planted bias/);
    assert.match(md, /\| `gap` \| country \(POSITIVE\) \| 0\.\d{3} \[[^\]]+\] \| 0\.\d{3} \[[^\]]+\] \| \+0\.\d{3} \| \[[^\]]+\] \| REGRESSED \|/);
    const html = readFileSync(path.join(r.out, 'compare.html'), 'utf8');
    assert.match(html, /<strong>REGRESSED<\/strong>/);
    assert.match(html, /Content-Security-Policy/);
  });

  it('allows a worsening within the threshold', async () => {
    const r = await compare(fixed, original, '--max-regression', '0.5');
    assert.equal(r.code, 0, r.stderr);
  });

  it('exits 2 when the runs audit different things', async () => {
    const r = await compare(original, other);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${path.join(other, 'results.json')}: cannot be compared with ${path.join(original, 'results.json')}: the templates differ; axis "country" is only in the baseline\n`);
  });

  it('exits 2 on a bad threshold or a missing run', async () => {
    assert.equal((await cli('compare', original, fixed, '--max-regression', '-1')).code, 2);
    assert.equal((await cli('compare', original, path.join(tempDir(), 'none'))).code, 2);
  });

  it('compares a run with itself as unchanged', async () => {
    const r = await compare(original, path.join(original, 'results.json'));
    assert.equal(r.code, 0);
    assert.ok(r.json!.changes.every((c) => c.change === 0 && c.ci !== null && c.ci[0] <= 0 && c.ci[1] >= 0));
  });
});

describe('changeInterval (MOVER)', () => {
  it('combines the two intervals as independent', () => {
    const base = { value: 0.5, ci: [0.4, 0.55] as [number, number], n: 10, method: '' };
    const cand = { value: 0.7, ci: [0.67, 0.9] as [number, number], n: 10, method: '' };
    const [lo, hi] = changeInterval(base, cand)!;
    close(lo, 0.2 - Math.hypot(0.03, 0.05), 'lo');
    close(hi, 0.2 + Math.hypot(0.2, 0.1), 'hi');
    assert.equal(changeInterval({ ...base, ci: null }, cand), null);
  });
});

// Keep the type import used: the results shape is what compare reads.
export type { AuditResults };
