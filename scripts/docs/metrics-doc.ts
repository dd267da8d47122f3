/**
 * docs/metrics.md, rendered from the metric catalog (src/metrics/catalog.ts): one table row per
 * metric, and the rules every metric shares. `npm run build:docs` writes it; a test fails when
 * the file differs from what this renders.
 *
 * @module
 */
import { METRICS, PERMUTATION_EXACT_MAX, SIGN_FLIP_EXACT_MAX_N, type MetricRow } from '../../src/metrics/index.js';
import { DOCUMENTED, type ScenarioCounts } from '../gates/simulate.js';

/** The counts the documented simulation gives (scripts/gates/simulate.ts); the calibration test checks them. */
export const DOCUMENTED_COUNTS: { null: ScenarioCounts; effect: ScenarioCounts } = {
  null: { audits: 200, estimate: 172, ci_low: 156, alpha: 9 },
  effect: { audits: 200, estimate: 200, ci_low: 199, alpha: 173 },
};

const ROWS: readonly MetricRow[] = METRICS;

/** The whole of docs/metrics.md. */
export function renderMetricsDoc(): string {
  const section = (scope: MetricRow['scope']) => ROWS.filter((m) => m.scope === scope).map(tableRow).join('\n');
  const tested = ROWS.filter((m) => m.tests?.includes('permutation')).map((m) => `\`${m.name}\``);
  const untested = ROWS.filter((m) => m.untested !== undefined).map((m) => `\`${m.name}\``);
  const c = DOCUMENTED_COUNTS;
  const pct = (k: number, n: number) => `${k} of ${n} (${((100 * k) / n).toFixed(1)}%)`;
  return `<!-- Generated from src/metrics/catalog.ts by \`npm run build:docs\`: edit the catalog, not this file (a test fails when they differ). -->
# Metrics

Every metric counterfair computes, from its catalog (\`src/metrics/catalog.ts\`): one row each, with
its formula, the values it can take, the value that means "no disparity", the sets its \`n\`
counts, how its interval is obtained, its tests, and when it is computed.

Notation: a set x is one template instance (or corpus row) with sentences x_g for each group g;
f(x_g) is the model's probability of a label (the mean over x_g's sentences when a group has
several in one set); ŷ the predicted label; ref the axis's reference group (\`axes.<name>.reference\`,
or else its first group); mean_g the mean over sets of f(x_g). Every metric is computed for every
label of the model (one-vs-rest for multiclass models), the audited label first. In
\`results.json\` each value is \`{ value, ci, n, method }\` (\`ci\` is \`[lo, hi]\`, or \`null\` with a
\`ci_reason\`), with \`tests\` and \`flag\` where a metric has them.

## Sets, strata and groups

A template that varies several axes (\`{gender.subject} is from {country}.\`) makes sets holding
every combination of their groups. For one axis A, the **stratum** of a sentence is its groups on
the set's other axes (a set's filler words are shared by all its sentences): sentences of one
stratum differ only in A, so they are A's counterfactual unit. A set that varies A alone is one
stratum. Unpaired name lists that vary two axes (EEC's names by race and gender) therefore
compare genders within one race and races within one gender.

- **Group means** (\`mean\`, \`positive_rate\`, \`delta\` and everything built on them: \`gap\`,
  \`positive_rate_difference\`/\`_ratio\`, \`mean_difference\`, the labelled metrics) use f(x_g) over
  all of g's sentences in the set, every stratum included.
- **Per-set statistics** (\`ctf_gap\`, \`psa_range\`, \`psa_dev\`, \`flip_rate\`, \`pairwise_flip_rate\`,
  \`total_variation\`) are computed **within each stratum**, then combined by one rule: the mean
  over the set's strata (each stratum weighing the same), then the mean over sets (each set
  weighing the same). \`flip_rate\` counts a set as the share of its strata that flip.
- A combination of axes (\`gender × country\`) is an axis of its own, whose groups are the
  combinations; its strata are the set's remaining axes.
- A classifier that ignores an axis gives exactly 0 for every metric of that axis.

## Per group (\`axes[].labels[].groups[].metrics\`)

${HEADER}
${section('group')}

## Per axis and label (\`axes[].labels[].metrics\`)

${HEADER}
${section('label')}

## Per axis, any label (\`axes[].metrics\`)

${HEADER}
${section('axis')}

## Intervals

"bootstrap" is the percentile bootstrap over sets: each resample draws whole sets with
replacement, so all groups and strata of a set move together; \`bootstrap.resamples\` draws
(default 2,000) from a seeded xoshiro128** generator; quantiles as numpy.percentile. A single set
gets no bootstrap interval (\`ci: null\`). "Wilson" is the Wilson score interval (Wilson 1927;
statsmodels \`proportion_confint(method="wilson")\`), on the share and its n; where sets count
fractions (several sentences of a group, several strata) it is conservative. Both at
\`bootstrap.confidence\` (default 95%).

**The interval of a max-minus-min statistic is biased upward.** \`gap\`,
\`positive_rate_difference\` and the labelled differences take the largest group mean minus the
smallest. With no group effect at all, noise alone spreads the group means, so the estimate is
above 0 and so is every resample's: the interval sits above 0 and cannot show that there is no
disparity. Gating on its low end does not fix this (see the calibration below). Whether a
disparity is more than noise is what the permutation test answers.

## Tests of "no disparity"

**Permutation test** (\`tests[].name = "permutation"\`), on ${tested.join(', ')}: under "no
disparity" the group labels are exchangeable within each stratum of each set, so the test
relabels the groups within every stratum independently and recomputes the statistic; p is the
share of relabellings whose distance from no disparity, |value − ideal|, is at least the observed
one (within a relative 1e-12). Exact over every relabelling when there are at most
${PERMUTATION_EXACT_MAX.toLocaleString('en')} ((G!)^strata), else Monte Carlo over \`bootstrap.resamples\` random relabellings with
p = (1 + k)/(1 + resamples) (Phipson & Smyth 2010), never 0. Its random relabellings come from a
seeded stream of their own. For an axis of two groups with one sentence each it is the sign-flip
test of the per-set differences, on |mean|. It tests "no systematic group effect", not "the
disparity is at most the gate's threshold".

**No test applies to ${untested.join(', ')}**: ${ROWS.find((m) => m.untested)?.untested ?? ''}. Any set
with a non-zero value is a counterfactual the model treats differently; there is no sentence-level
sampling noise to test against, and the interval says how the value would vary over other
templates. Whether such a disparity is systematic rather than idiosyncratic per template is
what the permutation test of \`gap\` answers.

**Paired tests of each delta** (\`delta.tests\`; \`mean_difference\` has \`paired_t\`), on the per-set
differences d = f(x_g) − f(x_ref), all two-sided:

| test | method | matches |
| --- | --- | --- |
| \`paired_t\` | t = d̄ / (s_d/√n), p from the exact Student t CDF (regularized incomplete beta) | scipy \`ttest_rel\` |
| \`wilcoxon\` | signed-rank; zero differences dropped; exact distribution up to 50 differences without ties, else the normal approximation with tie correction | scipy \`wilcoxon\` defaults (with ties, scipy's \`method="approx"\`) |
| \`sign_flip\` | permutation test of d̄ under random sign flips: exact over all 2^n patterns up to n = ${SIGN_FLIP_EXACT_MAX_N}, else Monte Carlo with \`bootstrap.resamples\` patterns, tails (k + 1)/(N + 1) | scipy \`permutation_test(permutation_type="samples")\` |

Each test's \`p_holm\` and \`p_bh\` adjust its p-values across the axis's groups (Holm 1979;
Benjamini & Hochberg 1995; statsmodels \`multipletests\`). A test undefined for the data has
\`p: null\` with a \`reason\`; constant non-zero differences give \`p: 0\` and \`statistic: null\`.

**Ties.** Differences within a relative 1e-12 of each other (of the larger of the largest |d| and
1, the scale of probabilities) count as equal, and within 1e-12 of 0 as zero, in the Wilcoxon
ranks, the sign-flip and permutation tails and the t-test's "constant" check. A binary model's
NEGATIVE differences are its POSITIVE ones negated up to rounding, and group means summed in
another order differ by rounding only: both give exactly the same W and p. **A probability of
exactly 0.5** predicts the model's first label (ŷ is the argmax, the first label in the model's
order winning a tie): with labels [NEGATIVE, POSITIVE] it counts as NEGATIVE in every positive
rate and flip, and its difference from another 0.5 is a zero that Wilcoxon drops.

## Gates with \`alpha\`

A gate with \`alpha\` (e.g. \`{ metric: gap, max: 0.05, alpha: 0.05 }\`) fails only when the
disparity is both beyond its threshold and significant: the metric's permutation test gives
p < alpha. A breach that is not significant passes (it is consistent with template noise); a
metric without a permutation test cannot take \`alpha\` (a spec error), and a value without a p is
\`insufficient_evidence\`. \`min_n\` still applies to passes.

**Calibration** (\`npx tsx scripts/gates/simulate.ts\`; test/gate/calibration-documented.test.ts checks these counts):
${DOCUMENTED.audits} simulated audits per scenario, each of ${DOCUMENTED.templates} templates × ${DOCUMENTED.groups} groups, with a baseline per
template and template × group noise of SD ${DOCUMENTED.noise} logit; the "real effect" scenario adds
${DOCUMENTED.effect} logit to one group. Gate \`gap ≤ ${DOCUMENTED.max}\`:

| scenario | on the estimate | on \`ci_low\` | on the estimate with \`alpha: ${DOCUMENTED.alpha}\` |
| --- | ---: | ---: | ---: |
| no group effect | ${pct(c.null.estimate, c.null.audits)} | ${pct(c.null.ci_low, c.null.audits)} | ${pct(c.null.alpha, c.null.audits)} |
| real effect | ${pct(c.effect.estimate, c.effect.audits)} | ${pct(c.effect.ci_low, c.effect.audits)} | ${pct(c.effect.alpha, c.effect.audits)} |

## Breakdowns

\`breakdown: [emotion]\` (a filler's name, or \`template\`) adds \`breakdowns\` to results.json:
\`{ by, value, n_sets, axes }\` per value of the filler (a lexicon filler's group, e.g. anger; a word
list's word) or per template id, where \`axes\` holds every axis and combination computed on those
sets alone, as the audit's \`axes\` does. Sets of templates without the filler are in no value.
audits/eec.yaml breaks down by emotion, EEC's tables per emotion (Kiritchenko & Mohammad 2018,
Tables 5–7): \`mean_difference\` with its paired t-test per emotion, for gender and for race.

## Adding a metric

One row in \`src/metrics/catalog.ts\` (name, scope, range, no-disparity value, what its n counts,
interval, tests, requirement, doc, method, and its value as a function of the sample of
\`src/metrics/sample.ts\`), a test of its value, and \`npm run build:docs\`. If it needs a mean the
sample does not hold yet, add it to \`summarize\`.
`;
}

const HEADER = '| metric | definition | range | no disparity | n counts | interval | tests | computed when |\n| --- | --- | --- | --- | --- | --- | --- | --- |';

function tableRow(m: MetricRow): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return `| \`${m.name}\` | ${cell(m.doc)} | [${m.range[0]}, ${m.range[1]}] | ${m.ideal ?? '—'} | ${OVER[m.over]} | ${m.interval} | ${(m.tests ?? []).join(', ') || (m.untested ? 'none applies (below)' : '—')} | ${m.requires?.doc ?? 'always'} |`;
}

const OVER: Record<MetricRow['over'], string> = { sets: 'sets', labelled: 'labelled sets', positives: 'labelled sets with gold = label', negatives: 'labelled sets with gold ≠ label' };
