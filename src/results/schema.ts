/**
 * The results contract, written down once: the zod schema of results.json
 * (`counterfair/results@2`), of a sentences.csv row and of timings.json. The TypeScript types
 * every reader uses are inferred from these schemas; reading checks a file against them.
 *
 * Tolerance: objects are plain `z.object`s, whose parse ignores keys it does not declare (zod's
 * default, "strip"), so a file with fields a later version adds reads; the reader hands on the
 * file's own objects, those fields included (see read.ts). Plain objects rather than
 * `z.looseObject` keep index signatures out of the inferred types: a misspelt field is a
 * compile error, not an `unknown`.
 *
 * Within a version fields are only added, and an added field is `.optional()`: files written
 * before it must still read. No schema here transforms or defaults a value: what a file holds
 * when it passes is exactly the inferred type (read.ts relies on it, and its `ZodType<T, T>`
 * refuses a transforming schema at compile time).
 *
 * The stages produce these results with types of their own (metrics' AxisResult, gate's
 * GateResult, classify's ModelRecord…); contract.ts checks at compile time that they fit.
 */
import { z } from 'zod';

/** Version tag of results.json; later versions only add fields. */
export const RESULTS_SCHEMA = 'counterfair/results@2';
/** Version tag of the first results.json, read as version 2 (see upgrade.ts). */
export const RESULTS_SCHEMA_V1 = 'counterfair/results@1';
/** Version tag of timings.json. */
export const TIMINGS_SCHEMA = 'counterfair/timings@1';

/** A closed interval `[lo, hi]`; where an interval is absent it is null, with a reason beside it. */
const IntervalSchema = z.tuple([z.number(), z.number()]);

/** A hypothesis test of "no difference", e.g. a paired t-test of a group's deltas. */
const TestResultSchema = z.object({
  /** paired_t, wilcoxon, sign_flip, permutation. */
  name: z.string(),
  /** null, with `reason`, when undefined or infinite. */
  statistic: z.number().nullable(),
  /** Two-sided p-value; null, with `reason`, when the test is undefined for the data. */
  p: z.number().nullable(),
  /** p adjusted across the axis's groups (Holm), when the test is one of a family and has a p. */
  p_holm: z.number().optional(),
  /** p adjusted across the axis's groups (Benjamini–Hochberg). */
  p_bh: z.number().optional(),
  /** Why `statistic` or `p` is null. */
  reason: z.string().optional(),
  method: z.string(),
});

/** One metric's value with its uncertainty. */
const MetricValueSchema = z.object({
  value: z.number(),
  ci: IntervalSchema.nullable(),
  /** Why `ci` is null, when it is. */
  ci_reason: z.string().optional(),
  /** Sets (or pairs, or rows: `method` says) the value is computed from. */
  n: z.number(),
  /** How value and interval were computed. */
  method: z.string(),
  /** Tests of "no difference", when the metric has them. */
  tests: z.array(TestResultSchema).optional(),
  /** Something a reader must see, e.g. "outside the 0.8–1.25 band". */
  flag: z.string().optional(),
});

/** Metrics by catalog name (mean, gap, flip_rate…). */
const MetricsSchema = z.record(z.string(), MetricValueSchema);

/** A group's results on one axis for one label. */
const GroupResultSchema = z.object({
  name: z.string(),
  /** Sets the group appears in. */
  n: z.number(),
  metrics: MetricsSchema,
});

/** An axis's results for one label of the model. */
const LabelResultSchema = z.object({
  label: z.string(),
  groups: z.array(GroupResultSchema),
  /** Axis-level metrics of this label (gap, ctf_gap…). */
  metrics: MetricsSchema,
  /** All-pairs deltas; the metrics stage computes them, results.json leaves them out (write.ts). */
  deltas: z.object({ groups: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
});

/** Every result of one axis, or of one combination of axes (an intersection). */
const AxisResultSchema = z.object({
  /** The axis name, or the combination's ("gender × country"). */
  name: z.string(),
  /** The axes it covers: one for an axis, two or more for a combination. */
  axes: z.array(z.string()).min(1),
  /** Lexicon of each axis in `axes`, in the same order. */
  lexicons: z.array(z.string()),
  /** The group deltas are taken against. */
  reference: z.string(),
  n_sets: z.number(),
  n_sentences: z.number(),
  /** Metrics that do not depend on a label (flip_rate…). */
  metrics: MetricsSchema,
  /** Results per label of the model; the audited label first. */
  labels: z.array(LabelResultSchema),
});

/** Every axis's results on the sets of one value of a filler or of one template (the spec's `breakdown:`). */
const BreakdownSchema = z.object({
  /** The filler name ("emotion"), or "template". */
  by: z.string(),
  /** The filler's group ("anger"), its word for a word list, or the template id. */
  value: z.string(),
  n_sets: z.number(),
  axes: z.array(AxisResultSchema),
});

/** How a gate came out. */
const GateStatusSchema = z.enum(['pass', 'fail', 'warn', 'insufficient_evidence']);

/** One gate checked on one axis (and group, for a per-group metric). */
export const GateResultSchema = z.object({
  /** Index of the gate in the spec's `gates` list. */
  index: z.int().min(0),
  metric: z.string(),
  axis: z.string(),
  group: z.string().optional(),
  label: z.string().optional(),
  /** Which number is compared with the threshold: the estimate or an end of its interval. */
  on: z.enum(['estimate', 'ci_low', 'ci_high']),
  severity: z.enum(['error', 'warn']),
  max: z.number().optional(),
  min: z.number().optional(),
  /** The gate's significance level, when it has one. */
  alpha: z.number().optional(),
  /** With `alpha`: the p-value of the metric's permutation test (null when it has none). */
  p: z.number().nullable().optional(),
  /** The metric's estimate. */
  value: z.number(),
  ci: IntervalSchema.nullable(),
  /** The number compared with the threshold, null when there is none. */
  compared: z.number().nullable(),
  /** Sets the metric rests on. */
  n: z.number(),
  status: GateStatusSchema,
  /** "gap on country is 0.31, above max 0.1". */
  message: z.string(),
  /** Where the gate is written in the spec (1-based). */
  line: z.int().optional(),
  column: z.int().optional(),
});

/** An audit's overall verdict. */
const VerdictSchema = z.enum(['passed', 'failed', 'inconclusive']);

/** How an LLM backend was asked (docs/llm.md). */
const LlmRecordSchema = z.object({
  api: z.enum(['chat', 'completions']),
  system: z.string().nullable(),
  prompt: z.string(),
  /** Labels in spec order, each with its verbalizers. */
  labels: z.array(z.object({ label: z.string(), verbalizers: z.array(z.string()) })),
  scoring: z.enum(['logprobs', 'sample']),
  logprobs: z.enum(['first_token', 'continuation']).nullable(),
  top_logprobs: z.number().nullable(),
  continuation_prefix: z.string().nullable(),
  samples: z.number().nullable(),
  use_n: z.boolean().nullable(),
  no_label: z.string().nullable(),
  temperature: z.number(),
  seed: z.number().nullable(),
  max_tokens: z.number(),
  body: z.record(z.string(), z.unknown()),
  /** The model the server serves under the name requests carry. */
  server_model: z.string(),
});

/** The classifier that ran. */
const ModelRecordSchema = z.object({
  /** Hub id, the folder or module as written in the spec, the server, or the library classifier's name. */
  source: z.string(),
  fingerprint: z.string(),
  labels: z.array(z.string()).min(1),
  audited_label: z.string(),
  /** Where inference ran: cpu, cuda or webgpu (local models), remote (servers), module, library. */
  device: z.string(),
  /** The spec's `model.device`; absent in results written before it was recorded. */
  device_requested: z.string().optional(),
  /** The adapter a GPU ran on, where the runtime names it (`NVIDIA (PCI 10de:2335)`). */
  adapter: z.string().optional(),
  /** With `device: auto`, the GPUs passed over, each with its reason. */
  device_fallbacks: z.array(z.object({ device: z.string(), reason: z.string() })).optional(),
  /** onnxruntime, kserve, tei, openai, module or library; absent in results written before it was recorded. */
  backend: z.string().optional(),
  dtype: z.string(),
  /** An LLM backend's settings. */
  llm: LlmRecordSchema.optional(),
});

/** A template after parsing, with the axes its slots name. */
const TemplateInfoSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** Second text of a pair (an NLI hypothesis). */
  text_pair: z.string().optional(),
  /** Axes its slots name, in order of first appearance. */
  axes: z.array(z.string()),
  /** Fillers its slots name, in order of first appearance. */
  fillers: z.array(z.string()).optional(),
});

/** Corpus accounting, when the audit perturbs a corpus. */
const CorpusRecordSchema = z.object({
  file: z.string(),
  rows: z.number(),
  sets: z.number(),
  skipped: z.array(z.object({ row: z.number(), reason: z.string() })),
  /** The gold label of each labelled row that became a set. */
  gold: z.array(z.object({ row: z.number(), label: z.string() })).optional(),
});

/** results.json, version `counterfair/results@2`: everything an audit found. */
export const ResultsSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA, { error: `must be "${RESULTS_SCHEMA}" (this counterfair reads that version)` }),
  name: z.string(),
  description: z.string().optional(),
  /**
   * passed (exit 0), failed (exit 1) or inconclusive (exit 3: no gate failed, but an
   * error-severity gate had too little evidence to decide). Always the verdict of `gates`.
   */
  verdict: VerdictSchema,
  seed: z.int(),
  /** ISO time the audit ran: the one field that differs between two identical runs. */
  created_at: z.string(),
  counterfair_version: z.string(),
  spec: z.object({ file: z.string(), sha256: z.string() }),
  model: ModelRecordSchema,
  bootstrap: z.object({ resamples: z.number(), confidence: z.number() }),
  templates: z.array(TemplateInfoSchema),
  corpus: CorpusRecordSchema.optional(),
  /** One entry per axis, then one per combination of axes. */
  axes: z.array(AxisResultSchema),
  /** The spec's `breakdown:` (absent without one). */
  breakdowns: z.array(BreakdownSchema).optional(),
  gates: z.array(GateResultSchema),
});

/** One row of sentences.csv: a generated sentence with the model's answer. */
export const SentenceRowSchema = z.object({
  sentence_id: z.string(),
  set_id: z.string(),
  /** The template it was filled from; absent for corpus sentences. */
  template_id: z.string().optional(),
  /** The corpus row (0-based data row) it was perturbed from; absent for template sentences. */
  corpus_row: z.number().optional(),
  /** Each axis the set varies → this sentence's group. */
  groups: z.record(z.string(), z.string()),
  text: z.string(),
  text_pair: z.string().optional(),
  /** Corpus sets: true for the row's own, unchanged text. */
  original: z.boolean().optional(),
  /** The set's filler words by filler name (emotion → angry), when its template has fillers. */
  fillers: z.record(z.string(), z.string()).optional(),
  /** For lexicon fillers: the group of the lexicon the word comes from (emotion → anger). */
  filler_groups: z.record(z.string(), z.string()).optional(),
  predicted: z.string(),
  /** Probability of each label, in the model's label order. */
  probs: z.array(z.number()),
  /** Numbers the backend reports per input besides the probabilities (an LLM's `outside_mass`); written, not read back. */
  extras: z.record(z.string(), z.number()).optional(),
});

/** timings.json: wall-clock milliseconds per stage, kept out of results.json so that stays reproducible. */
export const TimingsSchema = z.object({
  schema: z.literal(TIMINGS_SCHEMA),
  /** Stage name (generate, load_model, classify, metrics, gate, render) → milliseconds, in the order they ran. */
  stages: z.record(z.string(), z.number()),
  /** Where the run happened: `node v20.20.2 linux x64`. */
  environment: z.string(),
});

/** Everything an audit found: the contract CI parses, written as results.json. */
export type AuditResults = z.output<typeof ResultsSchema>;
/** One row of sentences.csv. */
export type SentenceRow = z.output<typeof SentenceRowSchema>;
/** timings.json. */
export type Timings = z.output<typeof TimingsSchema>;
/** An audit's overall verdict. */
export type Verdict = z.output<typeof VerdictSchema>;
/** One gate's outcome as results.json holds it. */
export type GateResult = z.output<typeof GateResultSchema>;
/** How a gate came out. */
export type GateStatus = z.output<typeof GateStatusSchema>;
/** One axis's (or combination's) results as results.json holds them. */
export type AxisResult = z.output<typeof AxisResultSchema>;
/** An axis's results for one label. */
export type LabelResult = z.output<typeof LabelResultSchema>;
/** A group's results on one axis for one label. */
export type GroupResult = z.output<typeof GroupResultSchema>;
/** One metric's value with its uncertainty. */
export type MetricValue = z.output<typeof MetricValueSchema>;
/** A hypothesis test's result. */
export type TestResult = z.output<typeof TestResultSchema>;
/** `[lo, hi]`. */
export type Interval = z.output<typeof IntervalSchema>;
/** A breakdown: every axis on the sets of one value. */
export type Breakdown = z.output<typeof BreakdownSchema>;
/** A template as results.json lists it. */
export type TemplateInfo = z.output<typeof TemplateInfoSchema>;
/** results.json's `model`. */
export type ModelRecord = z.output<typeof ModelRecordSchema>;
