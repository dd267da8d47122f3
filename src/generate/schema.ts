/**
 * The generate stage's sections of the audit spec: the axes and their lexicons, the templates
 * and fillers, a corpus to perturb, the language, and how many sets and sentences to make. The
 * spec composes these sections with the other stages'; generation reads only these.
 */
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES } from './language.js';

/**
 * Names every JavaScript object already has (`constructor`, `toString`…): as axis or filler
 * names they would collide with what the object inherits, so they are refused by name.
 */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** An axis or filler name: it becomes a slot (`{name}`), a column and a key in results.json. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _')
  .refine((name) => !INHERITED.has(name), { message: 'is a name every JavaScript object already has; choose another' });

const templateId = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, ".", "_" and "-"').describe('A stable id for the template (default: a hash of its text)');
const maxSets = z.int().min(1).describe('Keep at most this many sets, drawn with the seed, when the template makes more');

/**
 * Most sentences an audit may generate unless the spec or `--max-sentences` says otherwise. A
 * million sentences take about 1.3 GB through generation and metrics; five million stay well
 * inside a 24 GiB machine, while a filler list crossed with 197 countries by mistake does not.
 */
export const DEFAULT_MAX_SENTENCES = 5_000_000;

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

/** The keys of the audit spec that generation reads, each with its schema; the spec places them. */
export const GENERATE_KEYS = {
  language: z.enum(LANGUAGE_CODES).default(DEFAULT_LANGUAGE).describe('Language of the templates: picks the built-in lexicons and the grammar rules (en: English, es: Spanish)'),
  templates: z.array(TemplateSpecSchema).default([]).describe('Sentences with slots; give templates, a corpus, or both'),
  fillers: z.record(identifier, FillerSpecSchema).optional().describe('Filler slots: word lists that multiply sets'),
  max_sets: maxSets.optional(),
  max_sentences: z
    .int()
    .min(1)
    .default(DEFAULT_MAX_SENTENCES)
    .describe('Most sentences the audit may generate (checked before any is made); a spec above it fails with the count and the hint to set max_sets'),
  corpus: CorpusSpecSchema.optional(),
  perturb: z.array(identifier).min(1).optional().describe('Axes whose mentions are swapped in the corpus'),
  axes: z.record(identifier, AxisSpecSchema).refine((a) => Object.keys(a).length > 0, { message: 'declare at least one axis' }),
};

/**
 * Generation's keys on their own, other keys ignored: when another part of a spec is wrong, its
 * templates and lexicons can still be checked.
 */
export const GenerateSpecSchema = z.object({ ...GENERATE_KEYS, seed: z.int().min(0).max(2 ** 32 - 1).default(1) });

/** What generation reads of a validated spec: its own keys, and the seed of `max_sets` sampling. */
export type GenerateSpec = z.output<typeof GenerateSpecSchema>;
/** One validated template entry. */
export type TemplateSpec = GenerateSpec['templates'][number];
/** A validated `corpus:`. */
export type CorpusSpec = NonNullable<GenerateSpec['corpus']>;
/** One validated axis entry. */
export type AxisSpec = GenerateSpec['axes'][string];
