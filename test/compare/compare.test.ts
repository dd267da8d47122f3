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
const close = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < TOL, `${what}: ${actual} vs ${expected}`);

interface CompareJson {
  schema: string;
  passed: boolean;
  maxRegression: number;
  rule: string;
  sets?: { shared: number; baselineOnly: number; candidateOnly: number; templatesOnlyIn: { baseline: string[]; candidate: string[] } };
  notShared: string[];
  changes: {
    axis: string;
    label?: string;
    group?: string;
    metric: string;
    scope: string;
    change: number;
    worsening: number | null;
    regressed: boolean;
    changed: boolean;
    status: string;
    ci: [number, number] | null;
    baseline: { value: number };
    candidate: { value: number };
  }[];
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
    writeFileSync(
      spec,
      readFileSync(fixture('planted.yaml'), 'utf8').replace('path: ../../models/planted-bias', `path: ${JSON.stringify(model)}`),
    );
    original = tempDir();
    fixed = tempDir();
    other = tempDir();
    for (const [file, out] of [
      [fixture('planted.yaml'), original],
      [spec, fixed],
      [fixture('planted-pass.yaml'), other],
    ] as const) {
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

  /**
   * The planted scores of the country axis, z = country weight + template weight, for an Iraq
   * weight `w`: templates "I am from {country}." (0), "…was fine." (+1), "…was great." (+3).
   */
  function countryMetrics(w: number): Record<string, number> {
    const countries = [2, w, 1, 0.5]; // India (reference), Iraq, Germany, France
    const sets = [0, 1, 3].map((t) => countries.map((c) => sigmoid(c + t)));
    const pairs = (xs: number[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));
    const groupMeans = countries.map((_, g) => mean(sets.map((s) => s[g] as number)));
    const positive = countries.map((_, g) => mean(sets.map((s) => ((s[g] as number) > 0.5 ? 1 : 0))));
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    return {
      gap: Math.max(...groupMeans) - Math.min(...groupMeans),
      positive_rate_difference: Math.max(...positive) - Math.min(...positive),
      positive_rate_ratio: Math.min(...positive) / Math.max(...positive),
      ctf_gap: mean(sets.map((s) => mean(pairs(s).map(([a, b]) => Math.abs(a - b))))),
      total_variation: mean(sets.map((s) => mean(pairs(s).map(([a, b]) => Math.abs(a - b))))),
      psa_range: mean(sets.map((s) => Math.max(...s) - Math.min(...s))),
      psa_dev: mean(sets.map(sd)),
      flip_rate: mean(sets.map((s) => (new Set(s.map((p) => p > 0.5)).size > 1 ? 1 : 0))),
      pairwise_flip_rate: mean(sets.map((s) => mean(pairs(s).map(([a, b]) => (a > 0.5 !== b > 0.5 ? 1 : 0))))),
      'mean/Iraq': groupMeans[1] as number,
      'delta/Iraq': (groupMeans[1] as number) - (groupMeans[0] as number),
      'positive_rate/Iraq': positive[1] as number,
    };
  }

  /** Metric values in a results.json, by a key as countryMetrics names them. */
  function metricCount(dir: string): number {
    const r = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as AuditResults;
    return r.axes.reduce(
      (n, a) =>
        n +
        Object.keys(a.metrics).length +
        a.labels.reduce((k, l) => k + Object.keys(l.metrics).length + l.groups.reduce((j, g) => j + Object.keys(g.metrics).length, 0), 0),
      0,
    );
  }

  it('gives the exact change of every shared metric, and exits 0 when nothing worsened', async () => {
    const r = await compare(original, fixed);
    assert.equal(r.code, 0, r.stderr);
    const changes = r.json!.changes;
    assert.equal(changes.length, metricCount(original));
    const before = countryMetrics(-2);
    const after = countryMetrics(-0.5);
    let checked = 0;
    for (const c of changes.filter((x) => x.axis === 'country' && (x.scope === 'axis' || x.label === 'POSITIVE'))) {
      const key = c.group === undefined ? c.metric : `${c.metric}/${c.group}`;
      if (key in before) {
        close(c.change, (after[key] as number) - (before[key] as number), key);
        checked++;
      } else if (c.group !== undefined && c.group !== 'Iraq') {
        // India, Germany and France score the same in both models.
        assert.equal(c.change, 0, key);
      }
    }
    assert.ok(checked >= 12, `${checked} changes checked exactly`);
    // The gap stays India − Iraq, so it shrinks by as much as Iraq's mean grew.
    close(
      changes.find((c) => c.metric === 'gap' && c.label === 'POSITIVE' && c.axis === 'country')?.change,
      -(mean(iraq(-0.5)) - mean(iraq(-2))),
      'gap',
    );
    close(
      changes.find((c) => c.metric === 'mean' && c.group === 'Iraq' && c.label === 'NEGATIVE')?.change,
      -(mean(iraq(-0.5)) - mean(iraq(-2))),
      'Iraq NEGATIVE mean',
    );
    // Nothing else moved: gender sentences score the same, and the same seed gives the same intervals.
    for (const c of changes.filter((x) => x.axis === 'gender')) assert.equal(c.change, 0, `${c.metric} ${c.group}`);
    assert.equal(changes.filter((c) => c.regressed).length, 0);
    assert.equal(r.stdout, `NO REGRESSION: 0 of ${changes.length} shared metrics beyond 0\n`);
  });

  it('--estimates-only: exits 1 when an estimate moves further from its ideal value than allowed, and says which', async () => {
    const r = await compare(fixed, original, '--max-regression', '0.05', '--estimates-only');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.json!.rule, 'estimate');
    const changes = r.json!.changes;
    // Exactly the judged metrics that moved more than 0.05 away from their ideal value regressed.
    const before = countryMetrics(-0.5);
    const after = countryMetrics(-2);
    const ideal = (metric: string) => (metric === 'positive_rate_ratio' ? 1 : 0);
    for (const c of changes.filter((x) => x.axis === 'country' && (x.scope === 'axis' || x.label === 'POSITIVE'))) {
      const key = c.group === undefined ? c.metric : `${c.metric}/${c.group}`;
      if (!(key in before) || c.worsening === null) continue;
      const worsening = Math.abs((after[key] as number) - ideal(c.metric)) - Math.abs((before[key] as number) - ideal(c.metric));
      close(c.worsening, worsening, `${key} worsening`);
      assert.equal(c.regressed, worsening > 0.05, key);
    }
    const regressed = changes.filter((c) => c.regressed);
    assert.ok(regressed.some((c) => c.metric === 'gap') && regressed.some((c) => c.metric === 'flip_rate'));
    assert.ok(regressed.every((c) => c.axis === 'country'));
    assert.ok(regressed.every((c) => c.group === undefined || c.group === 'Iraq'));
    assert.match(r.stdout, /^REGRESSED {2}flip_rate on country: 0\.3333 → 0\.6667, 0\.3333 further from 0\n/);
    assert.match(r.stdout, new RegExp(`REGRESSED: ${regressed.length} of ${changes.length} shared metrics beyond 0\\.05\\n$`));
    const md = readFileSync(path.join(r.out, 'compare.md'), 'utf8');
    assert.match(md, /^## ❌ REGRESSED: Planted bias/);
    assert.match(
      md,
      /\| `gap` \| country \(POSITIVE\) \| 0\.\d{3} \[[^\]]+\] \| 0\.\d{3} \[[^\]]+\] \| \+0\.\d{3} \| \[[^\]]+\] \| REGRESSED \|/,
    );
    const html = readFileSync(path.join(r.out, 'compare.html'), 'utf8');
    assert.match(html, /<strong>REGRESSED<\/strong>/);
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /--estimates-only: the intervals are not consulted/);
  });

  it('by default a worsening regresses only when the interval of its change excludes 0', async () => {
    const r = await compare(fixed, original, '--max-regression', '0.05');
    assert.equal(r.json!.rule, 'interval');
    const changes = r.json!.changes;
    for (const c of changes) {
      const excludes = c.ci !== null && (c.ci[0] > 0 || c.ci[1] < 0);
      assert.equal(
        c.regressed,
        c.worsening !== null && c.worsening > 0.05 && (c.ci === null ? c.change !== 0 : excludes),
        `${c.metric} ${c.axis} ${c.group}`,
      );
      assert.equal(c.changed, c.ci === null ? c.change !== 0 : excludes);
    }
    // flip_rate moved from 1 in 3 sets to 2 in 3: far, but within both runs' uncertainty.
    const flip = changes.find((c) => c.metric === 'flip_rate' && c.axis === 'country');
    assert.equal(flip?.status, 'worse');
    assert.equal(flip?.regressed, false);
    assert.equal(r.code, changes.some((c) => c.regressed) ? 1 : 0);
    const html = readFileSync(path.join(r.out, 'compare.html'), 'utf8');
    // The verdict first, the rule stated, the chart with both runs and a text alternative.
    assert.ok(html.indexOf('class="banner') < html.indexOf('<figure'));
    assert.match(html, /the interval of the change excludes 0/);
    assert.match(html, /<svg role="img" aria-label="Baseline and candidate values with their intervals for \d+ metrics in 2 axis panels/);
    assert.match(html, /<td class="verdict worse">worse, within uncertainty<\/td>/);
    assert.match(html, /<summary>Unchanged metrics \(\d+\)/);
  });

  it('allows a worsening within the threshold', async () => {
    const r = await compare(fixed, original, '--max-regression', '0.5');
    assert.equal(r.code, 0, r.stderr);
  });

  it('compares runs whose templates differ on the sets they share, exactly as a run of those sets alone', async () => {
    const work = tempDir();
    const planted = readFileSync(fixture('planted.yaml'), 'utf8').replace(
      'path: ../../models/planted-bias',
      `path: ${JSON.stringify(path.resolve('models/planted-bias'))}`,
    );
    const spec = (name: string, text: string) => {
      const file = path.join(work, name);
      writeFileSync(file, text);
      return file;
    };
    // The candidate drops "I am from {country}." and adds a template of its own.
    const candidate = spec('candidate.yaml', planted.replace('  - "I am from {country}."\n', '  - "We ate in {country}."\n'));
    // What both runs share, run on its own.
    const sharedOnly = spec('shared.yaml', planted.replace('  - "I am from {country}."\n', ''));
    const [candidateRun, sharedRun] = [tempDir(), tempDir()];
    for (const [file, out] of [
      [candidate, candidateRun],
      [sharedOnly, sharedRun],
    ] as const)
      assert.notEqual((await cli('run', file, '--out', out, '--quiet')).code, 2);
    const r = await compare(original, candidateRun);
    assert.notEqual(r.code, 2, r.stderr);
    assert.deepEqual(r.json!.sets, {
      shared: 4,
      baselineOnly: 1,
      candidateOnly: 1,
      templatesOnlyIn: { baseline: ['I am from {country}.'], candidate: ['We ate in {country}.'] },
    });
    assert.equal(
      r.stderr.split('\n')[0],
      'The runs’ templates differ: both were computed again on the 4 sets they share; left out: 1 set only in the baseline (“I am from {country}.”); 1 set only in the candidate (“We ate in {country}.”).',
    );
    // The baseline's side is what a run of the shared templates alone gives, number for number.
    const alone = JSON.parse(readFileSync(path.join(sharedRun, 'results.json'), 'utf8')) as AuditResults;
    const country = alone.axes.find((a) => a.name === 'country')!;
    for (const [metric, m] of Object.entries(country.labels[0]!.metrics)) {
      assert.equal(
        r.json!.changes.find((c) => c.axis === 'country' && c.metric === metric && c.label === 'POSITIVE' && c.scope === 'label')?.baseline
          .value,
        m.value,
        metric,
      );
    }
    const html = readFileSync(path.join(r.out, 'compare.html'), 'utf8');
    assert.ok(html.indexOf('left out: 1 set only in the baseline') < html.indexOf('<figure'), 'what was left out is said before the chart');
  });

  it('exits 2 when the runs share no set, or audit an axis with other groups', async () => {
    const r = await compare(original, other);
    // planted-pass.yaml shares "I saw {gender.object}." with planted.yaml: compared on that set.
    assert.notEqual(r.code, 2, r.stderr);
    assert.equal(r.json!.sets?.shared, 1);
    assert.ok(r.json!.notShared.includes('axis country: no set both runs share varies it'));
    const work = tempDir();
    const lone = path.join(work, 'lone.yaml');
    writeFileSync(
      lone,
      readFileSync(fixture('planted-pass.yaml'), 'utf8')
        .replace('path: ../../models/planted-bias', `path: ${JSON.stringify(path.resolve('models/planted-bias'))}`)
        .replace('"I saw {gender.object}."', '"I called {gender.object}."'),
    );
    const loneRun = tempDir();
    assert.notEqual((await cli('run', lone, '--out', loneRun, '--quiet')).code, 2);
    const none = await compare(original, loneRun);
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      `${path.join(loneRun, 'results.json')}: shares no counterfactual set with ${path.join(original, 'results.json')} (their templates differ entirely): there is nothing to compare\n`,
    );
  });

  it('exits 2 on a bad threshold or a missing run', async () => {
    assert.equal((await cli('compare', original, fixed, '--max-regression', '-1')).code, 2);
    assert.equal((await cli('compare', original, path.join(tempDir(), 'none'))).code, 2);
  });

  it('compares a run with itself as unchanged', async () => {
    const r = await compare(original, path.join(original, 'results.json'));
    assert.equal(r.code, 0);
    assert.equal(r.json!.schema, 'counterfair/compare@2');
    assert.ok(
      r.json!.changes.every(
        (c) => c.change === 0 && c.status === 'unchanged' && !c.changed && (c.ci === null || (c.ci[0] <= 0 && c.ci[1] >= 0)),
      ),
    );
    const html = readFileSync(path.join(r.out, 'compare.html'), 'utf8');
    assert.match(html, /<p class="muted">No shared metric changed beyond its uncertainty\.<\/p>/);
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
