/**
 * The audit spec: one zod schema that validates a parsed YAML file, gives the TypeScript types,
 * and generates the JSON Schema editors use (`counterfair schema`).
 */
import { z } from 'zod';
import { ModelSpecSchema } from '../classify/schema.js';
import { GatesSpecSchema, GateSpecSchema } from '../gate/schema.js';
import { BreakdownSpecSchema } from '../metrics/schema.js';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES } from '../generate/language.js';

/**
 * Names every JavaScript object already has (`constructor`, `toString`…): as axis or filler
 * names they would collide with what the object inherits, so they are refused by name.
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _')
  .refine((name) => !INHERITED.has(name), { message: 'is a name every JavaScript object already has; choose another' });

const templateId = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, ".", "_" and "-"').describe('A stable id for the template (default: a hash of its text)');
const maxSets = z.int().min(1).describe('Keep at most this many sets, drawn with the seed, when the template makes more');

/** One entry of `templates:` — a string, `{ id, text, text_pair }`, or an NLI pair `{ id, premise, hypothesis }`. */
export const TemplateSpecSchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      id: templateId.optional(),
      text: z.string().min(1),
      text_pair: z.string().min(1).optional().describe('Second text of a pair; may hold slots too'),
      max_sets: maxSets.optional(),
    }),
    z.strictObject({
      id: templateId.optional(),
      premise: z.string().min(1).describe('NLI premise (the first text); may hold slots'),
      hypothesis: z.string().min(1).describe('NLI hypothesis (the second text); may hold slots'),
      max_sets: maxSets.optional(),
    }),
  ])
  .describe('A sentence with {axis}, {axis.field} or {filler} slots, e.g. "I am from {country}."');

/** One entry of `fillers:` — a plain word list, or a lexicon whose groups are recorded (emotion → anger). */
export const FillerSpecSchema = z
  .union([
    z.array(z.string().min(1)).min(1).describe('Words a {filler} slot takes, one set each'),
    z.strictObject({ lexicon: z.string().min(1).describe('A built-in lexicon or a YAML/JSON lexicon file relative to the spec') }),
  ])
  .describe('Words that multiply sets without being an axis (e.g. emotion words)');

/** `corpus:` — the user's own sentences to perturb. */
export const CorpusSpecSchema = z
  .strictObject({
    path: z.string().min(1).describe('A .csv (with a header row) or .jsonl file, relative to the spec'),
    text: z.string().min(1).describe('The column (CSV) or key (JSON Lines) holding the text'),
    text_pair: z.string().min(1).optional().describe('The column holding a second text (NLI hypothesis)'),
    label: z.string().min(1).optional().describe('The column holding the gold label'),
  })
  .describe('A corpus whose sentences are perturbed along the axes named in `perturb`');

/** One entry of `axes:`. */
export const AxisSpecSchema = z
  .strictObject({
    lexicon: z.string().min(1).describe('A built-in lexicon (countries, gender) or a YAML/JSON lexicon file relative to the spec'),
    groups: z.array(z.string().min(1)).min(2).optional().describe('Audit only these groups of the lexicon'),
    reference: z.string().min(1).optional().describe('The group every other group is compared with (deltas)'),
  })
  .describe('A protected attribute whose groups are swapped into the templates');

/** One entry of `gates:` — defined by the gate stage (src/gate/schema.ts). */
export { GateSpecSchema };

/** A whole audit file: the single source of validation, TS types and JSON Schema. */
export const AuditSpecSchema = z
  .strictObject({
    name: z.string().min(1).describe('Title of the audit, shown in reports'),
    description: z.string().optional(),
    seed: z.int().min(0).max(2 ** 32 - 1).default(1).describe('Seed of every random draw (bootstrap)'),
    language: z.enum(LANGUAGE_CODES).default(DEFAULT_LANGUAGE).describe('Language of the templates: picks the built-in lexicons and the grammar rules (en: English, es: Spanish)'),
    model: ModelSpecSchema,
    templates: z.array(TemplateSpecSchema).default([]).describe('Sentences with slots; give templates, a corpus, or both'),
    fillers: z.record(identifier, FillerSpecSchema).optional().describe('Filler slots: word lists that multiply sets'),
    max_sets: maxSets.optional(),
    corpus: CorpusSpecSchema.optional(),
    perturb: z.array(identifier).min(1).optional().describe('Axes whose mentions are swapped in the corpus'),
    axes: z
      .record(identifier, AxisSpecSchema)
      .refine((a) => Object.keys(a).length > 0, { message: 'declare at least one axis' }),
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
export type TemplateSpec = AuditSpec['templates'][number];
export type AxisSpec = AuditSpec['axes'][string];
export type GateSpec = AuditSpec['gates'][number];
export type CorpusSpec = NonNullable<AuditSpec['corpus']>;

/** The JSON Schema of an audit file, for yaml-language-server and other editors. */
export function auditJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(AuditSpecSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'counterfair audit',
  };
}
