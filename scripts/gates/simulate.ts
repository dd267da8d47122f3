/**
 * Calibration of gap gates by simulation: audits whose models have no systematic group effect
 * (only template-level noise: each template moves each group's score by its own random amount)
 * and audits with a real effect, each gated three ways on `gap ≤ max`: on the estimate, on the
 * low end of its bootstrap interval, and on the estimate with `alpha` (fail only when the
 * permutation test also finds the gap significant). A gate design is calibrated when it fails
 * about alpha of the null audits and most of the others.
 *
 * ```sh
 * npx tsx scripts/gates/simulate.ts            # the documented settings (docs/metrics.md)
 * npx tsx scripts/gates/simulate.ts --audits 1000 --groups 8 --noise 0.5 --effect 1
 * ```
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import type { CounterfactualSet } from '../../src/generate/index.js';
import { evaluateGates, GateSpecSchema } from '../../src/gate/index.js';
import { computeAxis, createRng, streamSeed, type Rng, type SentenceScore } from '../../src/metrics/index.js';

/** What one simulation run does. */
export interface SimulationOptions {
  /** Simulated audits per scenario. */
  audits: number;
  /** Templates (sets) per audit. */
  templates: number;
  /** Groups of the audited axis. */
  groups: number;
  /** SD of the template × group noise, in logits. */
  noise: number;
  /** The real effect: logits added to the first group's score in the effect scenario. */
  effect: number;
  /** The gates' max gap, and the alpha of the third gate. */
  max: number;
  alpha: number;
  /** Bootstrap resamples and random relabellings of each audit. */
  resamples: number;
  seed: number;
}

/** The settings docs/metrics.md reports and the calibration test checks. */
export const DOCUMENTED: SimulationOptions = {
  audits: 200,
  templates: 20,
  groups: 10,
  noise: 0.5,
  effect: 0.5,
  max: 0.05,
  alpha: 0.05,
  resamples: 400,
  seed: 11,
};

/** How many audits of a scenario each gate failed. */
export interface ScenarioCounts {
  audits: number;
  estimate: number;
  ci_low: number;
  alpha: number;
}

/** Runs the null and the effect scenario. */
export function simulateGates(options: SimulationOptions): { null: ScenarioCounts; effect: ScenarioCounts } {
  return { null: scenario(options, 0, 'null'), effect: scenario(options, options.effect, 'effect') };
}

const GATES = (o: SimulationOptions) => [
  GateSpecSchema.parse({ metric: 'gap', max: o.max }),
  GateSpecSchema.parse({ metric: 'gap', max: o.max, on: 'ci_low' }),
  GateSpecSchema.parse({ metric: 'gap', max: o.max, alpha: o.alpha }),
];

function scenario(o: SimulationOptions, effect: number, name: string): ScenarioCounts {
  const rng = createRng(streamSeed(o.seed, name));
  const counts: ScenarioCounts = { audits: o.audits, estimate: 0, ci_low: 0, alpha: 0 };
  const groups = Array.from({ length: o.groups }, (_, g) => `g${g}`);
  const labels = { labels: ['NEGATIVE', 'POSITIVE'], audited: 'POSITIVE' };
  for (let a = 0; a < o.audits; a++) {
    const { sets, scores } = simulatedAudit(rng, o, groups, effect);
    const intervals = { resamples: o.resamples, confidence: 0.95, seed: a + 1 };
    const axis = computeAxis({ name: 'group', lexicon: 'simulated', groups }, sets, scores, labels, intervals);
    const [estimate, low, alpha] = evaluateGates(GATES(o), [axis]).gates;
    counts.estimate += estimate?.status === 'fail' ? 1 : 0;
    counts.ci_low += low?.status === 'fail' ? 1 : 0;
    counts.alpha += alpha?.status === 'fail' ? 1 : 0;
  }
  return counts;
}

/**
 * One audit: for each template t, a baseline a_t ~ N(0, 1) shared by its groups; each group's
 * logit a_t + e_tg (+ effect for the first group), e_tg ~ N(0, noise²); P(POSITIVE) = σ(logit).
 */
function simulatedAudit(
  rng: Rng,
  o: SimulationOptions,
  groups: string[],
  effect: number,
): { sets: CounterfactualSet[]; scores: Map<string, SentenceScore> } {
  const scores = new Map<string, SentenceScore>();
  const sets = Array.from({ length: o.templates }, (_, t): CounterfactualSet => {
    const baseline = normal(rng);
    return {
      id: `t${t}`,
      template_id: `t${t}`,
      axes: ['group'],
      sentences: groups.map((group, g) => {
        const p = 1 / (1 + Math.exp(-(baseline + o.noise * normal(rng) + (g === 0 ? effect : 0))));
        const id = `t${t}-${group}`;
        scores.set(id, { probs: [1 - p, p], predicted: p > 0.5 ? 'POSITIVE' : 'NEGATIVE' });
        return { id, set_id: `t${t}`, template_id: `t${t}`, groups: { group }, text: id, values: {} };
      }),
    };
  });
  return { sets, scores };
}

/** A standard normal draw (Box & Muller 1958). */
function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function main(): void {
  const options = { ...DOCUMENTED };
  for (const key of ['audits', 'templates', 'groups', 'noise', 'effect', 'resamples', 'seed'] as const) {
    const flag = process.argv.indexOf(`--${key}`);
    if (flag >= 0) options[key] = Number(process.argv[flag + 1]);
  }
  const r = simulateGates(options);
  const pct = (k: number) => `${k} (${((100 * k) / options.audits).toFixed(1)}%)`;
  const o = options;
  console.log(`${o.audits} audits per scenario: ${o.templates} templates × ${o.groups} groups, template noise ${o.noise} logit`);
  console.log(`effect ${o.effect} logit; gates gap ≤ ${o.max}`);
  console.log(`| scenario | on estimate | on ci_low | estimate with alpha ${o.alpha} |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, c] of [['no group effect', r.null], ['real effect', r.effect]] as const) {
    console.log(`| ${name} | ${pct(c.estimate)} | ${pct(c.ci_low)} | ${pct(c.alpha)} |`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
