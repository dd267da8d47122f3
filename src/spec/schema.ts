/**
 * The audit spec: one zod schema that validates a parsed YAML file, gives the TypeScript types,
 * and generates the JSON Schema editors use (`counterfair schema`).
 */
import { z } from 'zod';
import { ModelSpecSchema } from '../classify/schema.js';
import { GatesSpecSchema, GateSpecSchema } from '../gate/schema.js';
import { BreakdownSpecSchema } from '../metrics/schema.js';
import { GENERATE_KEYS } from '../generate/schema.js';

/** One entry of `gates:` — defined by the gate stage (src/gate/schema.ts). */
export { GateSpecSchema };

/** A whole audit file: the single source of validation, TS types and JSON Schema. */
export const AuditSpecSchema = z
  .strictObject({
    name: z.string().min(1).describe('Title of the audit, shown in reports'),
    description: z.string().optional(),
    seed: z.int().min(0).max(2 ** 32 - 1).default(1).describe('Seed of every random draw: max_sets sampling, bootstrap resamples, permutation tests'),
    language: GENERATE_KEYS.language,
    model: ModelSpecSchema,
    templates: GENERATE_KEYS.templates,
    fillers: GENERATE_KEYS.fillers,
    max_sets: GENERATE_KEYS.max_sets,
    max_sentences: GENERATE_KEYS.max_sentences,
    corpus: GENERATE_KEYS.corpus,
    perturb: GENERATE_KEYS.perturb,
    axes: GENERATE_KEYS.axes,
    bootstrap: z
      .strictObject({
        resamples: z.int().min(100).max(1_000_000).default(2000).describe('Bootstrap resamples of the sets'),
        confidence: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level of every interval'),
      })
      .default({ resamples: 2000, confidence: 0.95 }),
    gates: GatesSpecSchema,
    breakdown: BreakdownSpecSchema.optional(),
  })
  .describe('A counterfair audit');

/** An audit spec as written in YAML (defaults not yet applied). */
export type AuditSpecInput = z.input<typeof AuditSpecSchema>;
/** An audit spec after validation, with defaults applied. */
export type AuditSpec = z.output<typeof AuditSpecSchema>;
/** Parts of a validated spec. */
export type ModelSpec = AuditSpec['model'];
export type GateSpec = AuditSpec['gates'][number];
export type { AxisSpec, CorpusSpec, TemplateSpec } from '../generate/schema.js';

/** The JSON Schema of an audit file, for yaml-language-server and other editors. */
export function auditJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(AuditSpecSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'counterfair audit',
  };
}
