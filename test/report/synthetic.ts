/**
 * Results built directly, without a model: an axis of `groups` groups filled into `templates`
 * templates, where P(POSITIVE) of group g in template t is `score(g, t)`. Group means and gap
 * are exact means over templates; intervals are ±0.05 around them (their value does not matter
 * to the reports).
 */
import type { AuditResults, SentenceRow } from '../../src/index.ts';
import type { AxisResult, MetricValue } from '../../src/metrics/index.ts';
import { overallVerdict, type GateResult } from '../../src/gate/index.ts';

export interface SyntheticOptions {
  groups: string[];
  templates: number;
  score: (group: number, template: number) => number;
  axis?: string;
  lexicon?: string;
}

function metric(value: number, n: number, method = 'synthetic'): MetricValue {
  return { value, ci: [value - 0.05, value + 0.05], n, method };
}

/** A one-axis audit with its sentences. */
export function syntheticRun(o: SyntheticOptions): { results: AuditResults; sentences: SentenceRow[] } {
  const axis = o.axis ?? 'group';
  const templates = Array.from({ length: o.templates }, (_, t) => ({ id: `t${t}`, text: `Template ${t} about {${axis}}.`, axes: [axis] }));
  const sentences: SentenceRow[] = [];
  for (let t = 0; t < o.templates; t++) {
    o.groups.forEach((g, gi) => {
      const p = o.score(gi, t);
      sentences.push({
        sentence_id: `s${t}-${gi}`,
        set_id: `set${t}`,
        template_id: `t${t}`,
        groups: { [axis]: g },
        text: `Template ${t} about ${g}.`,
        predicted: p >= 0.5 ? 'POSITIVE' : 'NEGATIVE',
        probs: [1 - p, p],
      });
    });
  }
  const means = o.groups.map((_, gi) => {
    let sum = 0;
    for (let t = 0; t < o.templates; t++) sum += o.score(gi, t);
    return sum / o.templates;
  });
  const flipped = Array.from({ length: o.templates }, (_, t) => new Set(o.groups.map((__, gi) => o.score(gi, t) >= 0.5)).size > 1).filter(
    Boolean,
  ).length;
  const labelResult = (label: string, f: (m: number) => number) => ({
    label,
    groups: o.groups.map((name, gi) => ({ name, n: o.templates, metrics: { mean: metric(f(means[gi] as number), o.templates) } })),
    metrics: { gap: metric(Math.max(...means) - Math.min(...means), o.templates) },
  });
  const axisResult: AxisResult = {
    name: axis,
    axes: [axis],
    lexicons: [o.lexicon ?? 'synthetic'],
    reference: o.groups[0] as string,
    n_sets: o.templates,
    n_sentences: sentences.length,
    metrics: { flip_rate: metric(flipped / o.templates, o.templates) },
    labels: [labelResult('POSITIVE', (m) => m), labelResult('NEGATIVE', (m) => 1 - m)],
  };
  const gates: GateResult[] = o.groups.map((name, gi) => ({
    index: 0,
    metric: 'mean',
    axis,
    group: name,
    on: 'estimate',
    severity: 'error',
    max: 0.5,
    value: means[gi] as number,
    ci: [(means[gi] as number) - 0.05, (means[gi] as number) + 0.05],
    compared: means[gi] as number,
    n: o.templates,
    status: (means[gi] as number) > 0.5 ? 'fail' : 'pass',
    message: `mean on ${axis} / ${name} is ${means[gi]}`,
    line: 12,
    column: 5,
  }));
  const results: AuditResults = {
    schema: 'counterfair/results@2',
    name: 'Synthetic audit',
    verdict: overallVerdict(gates),
    seed: 1,
    created_at: '2024-05-01T12:00:00.000Z',
    counterfair_version: '0.0.0-test',
    spec: { file: 'audits/synthetic.yaml', sha256: '0'.repeat(64) },
    model: {
      source: 'synthetic',
      fingerprint: 'sha256:test',
      labels: ['NEGATIVE', 'POSITIVE'],
      audited_label: 'POSITIVE',
      device: 'cpu',
      dtype: 'fp32',
    },
    bootstrap: { resamples: 100, confidence: 0.95 },
    templates,
    axes: [axisResult],
    gates,
  };
  return { results, sentences };
}

/**
 * Adds to every non-reference group of the audited label a `delta` against the reference, with
 * the three tests the metrics stage writes; `p(g)` is group g's raw p, Holm = min(1, p × m),
 * BH = p (as if every group had the same p), where m is the number of non-reference groups.
 */
export function withDeltas(results: AuditResults, p: (group: number) => number): AuditResults {
  for (const axis of results.axes) {
    const label = axis.labels[0];
    if (!label) continue;
    const ref = label.groups.find((g) => g.name === axis.reference)?.metrics['mean']?.value ?? 0;
    const m = label.groups.length - 1;
    label.groups.forEach((g, gi) => {
      if (g.name === axis.reference) return;
      const value = (g.metrics['mean']?.value ?? 0) - ref;
      const raw = p(gi);
      const test = (name: string) => ({ name, statistic: value, p: raw, p_holm: Math.min(1, raw * m), p_bh: raw, method: name });
      g.metrics['delta'] = { ...metric(value, g.n), tests: [test('paired_t'), test('wilcoxon'), test('sign_flip')] };
    });
  }
  return results;
}

/**
 * A combination axis of two single axes, `sides` × `rows`, whose P(POSITIVE) is `score(side, row)`
 * in every one of `templates` sets; results carry the two single axes and the combination.
 */
export function syntheticIntersection(
  sides: string[],
  rows: string[],
  templates: number,
  score: (side: number, row: number) => number,
): { results: AuditResults; sentences: SentenceRow[] } {
  const base = syntheticRun({ groups: rows, templates, score: (g) => score(0, g), axis: 'country' });
  const sentences: SentenceRow[] = [];
  for (let t = 0; t < templates; t++) {
    sides.forEach((s, si) =>
      rows.forEach((r, ri) => {
        const p = score(si, ri);
        sentences.push({
          sentence_id: `x${t}-${si}-${ri}`,
          set_id: `xset${t}`,
          template_id: `t${t}`,
          groups: { gender: s, country: r },
          text: `${s} from ${r} ${t}`,
          predicted: p >= 0.5 ? 'POSITIVE' : 'NEGATIVE',
          probs: [1 - p, p],
        });
      }),
    );
  }
  const names = sides.flatMap((s) => rows.map((r) => `${s} × ${r}`));
  const means = sides.flatMap((_, si) => rows.map((__, ri) => score(si, ri)));
  const single = (name: string, groups: string[], mean: (g: number) => number): AxisResult => ({
    name,
    axes: [name],
    lexicons: [name],
    reference: groups[0] as string,
    n_sets: templates,
    n_sentences: sentences.length,
    metrics: {},
    labels: [
      {
        label: 'POSITIVE',
        groups: groups.map((g, gi) => ({ name: g, n: templates, metrics: { mean: metric(mean(gi), templates) } })),
        metrics: {},
      },
    ],
  });
  const combo: AxisResult = {
    name: 'gender × country',
    axes: ['gender', 'country'],
    lexicons: ['gender', 'countries'],
    reference: names[0] as string,
    n_sets: templates,
    n_sentences: sentences.length,
    metrics: { flip_rate: metric(0, templates) },
    labels: [
      {
        label: 'POSITIVE',
        groups: names.map((name, i) => ({ name, n: templates, metrics: { mean: metric(means[i] as number, templates) } })),
        metrics: { gap: metric(Math.max(...means) - Math.min(...means), templates) },
      },
    ],
  };
  const avg = (f: (i: number) => number, n: number) => Array.from({ length: n }, (_, i) => f(i)).reduce((a, b) => a + b, 0) / n;
  const results: AuditResults = {
    ...base.results,
    templates: base.results.templates.map((t) => ({ ...t, text: `{gender} {country} ${t.id}`, axes: ['gender', 'country'] })),
    axes: [
      single('gender', sides, (si) => avg((ri) => score(si, ri), rows.length)),
      single('country', rows, (ri) => avg((si) => score(si, ri), sides.length)),
      combo,
    ],
    gates: [],
    verdict: 'passed',
  };
  return { results, sentences };
}
