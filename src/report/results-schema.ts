/**
 * The shape of results.json as `counterfair report` and `counterfair compare` read it back: a
 * zod schema of every field the reports use. Objects are loose, so fields later versions add
 * (the contract only ever adds) pass through.
 */
import { z } from 'zod';
import { RESULTS_SCHEMA } from './types.js';

const Interval = z.tuple([z.number(), z.number()]).nullable();

const Test = z.looseObject({
  name: z.string(),
  statistic: z.number().nullable(),
  p: z.number().nullable(),
  reason: z.string().optional(),
  p_holm: z.number().optional(),
  p_bh: z.number().optional(),
  method: z.string(),
});

const Metric = z.looseObject({
  value: z.number(),
  ci: Interval,
  ci_reason: z.string().optional(),
  n: z.number(),
  method: z.string(),
  tests: z.array(Test).optional(),
  flag: z.string().optional(),
});

const Metrics = z.record(z.string(), Metric);

const Label = z.looseObject({
  label: z.string(),
  groups: z.array(z.looseObject({ name: z.string(), n: z.number(), metrics: Metrics })),
  metrics: Metrics,
  deltas: z.looseObject({ groups: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
});

const Axis = z.looseObject({
  name: z.string(),
  axes: z.array(z.string()).min(1),
  lexicons: z.array(z.string()),
  reference: z.string(),
  n_sets: z.number(),
  n_sentences: z.number(),
  metrics: Metrics,
  labels: z.array(Label),
});

const Gate = z.looseObject({
  index: z.int().min(0),
  metric: z.string(),
  axis: z.string(),
  group: z.string().optional(),
  label: z.string().optional(),
  on: z.enum(['estimate', 'ci_low', 'ci_high']),
  severity: z.enum(['error', 'warn']),
  max: z.number().optional(),
  min: z.number().optional(),
  value: z.number(),
  ci: Interval,
  compared: z.number().nullable(),
  n: z.number(),
  status: z.enum(['pass', 'fail', 'warn', 'insufficient_evidence']),
  message: z.string(),
  line: z.int().optional(),
  column: z.int().optional(),
});

/** results.json, version `counterfair/results@2`. */
export const ResultsFileSchema = z.looseObject({
  schema: z.literal(RESULTS_SCHEMA, { error: `must be "${RESULTS_SCHEMA}" (this counterfair reads that version)` }),
  name: z.string(),
  description: z.string().optional(),
  verdict: z.enum(['passed', 'failed', 'inconclusive']),
  seed: z.int(),
  created_at: z.string(),
  counterfair_version: z.string(),
  spec: z.looseObject({ file: z.string(), sha256: z.string() }),
  model: z.looseObject({
    source: z.string(),
    fingerprint: z.string(),
    labels: z.array(z.string()).min(1),
    audited_label: z.string(),
    device: z.string(),
    dtype: z.string(),
  }),
  bootstrap: z.looseObject({ resamples: z.number(), confidence: z.number() }),
  templates: z.array(z.looseObject({ id: z.string(), text: z.string(), text_pair: z.string().optional(), axes: z.array(z.string()) })),
  corpus: z.unknown().optional(),
  axes: z.array(Axis),
  gates: z.array(Gate),
});

/** timings.json. */
export const TimingsFileSchema = z.looseObject({
  schema: z.literal('counterfair/timings@1'),
  stages: z.record(z.string(), z.number()),
  environment: z.string(),
});
