/**
 * Everything a run does before inference: the sentences, and every check that needs no
 * inference (the spec's schema and cross-references, lexicons and corpus, templates, gates
 * against the generated axes, the model's files, module or server, and every label the spec
 * names against the model's own). `counterfair validate` stops here; `run` goes on only when it
 * all checks out. Every problem is reported at once, not one kind per run.
 */
import { prepareModel, type Classifier, type LabelRef, type PreparedModel } from '../classify/index.js';
import { z } from 'zod';
import { checkGates } from '../gate/index.js';
import { gateSpecIssues, GatesSpecSchema } from '../gate/schema.js';
import { collectGenerateInputs, generateSets, loadGenerateInputs, type Generated } from '../generate/index.js';
import { GENERATE_KEYS, GenerateSpecSchema, type GenerateSpec } from '../generate/schema.js';
import { CounterfairError, SpecIssueError, type Problem, type SpecIssue } from '../shared/errors.js';
import { byPosition, locateIssue } from '../shared/yaml/parse.js';
import { didYouMean } from '../shared/suggest.js';
import { unknownGoldLabel } from '../metrics/index.js';
import { AuditSpecSchema, draftSpecFile, specError, type LoadedSpec } from '../spec/index.js';
import type { Locator } from '../spec/index.js';

/** What the gates' own checks read, for a spec whose schema failed elsewhere. */
const GatesOnlySchema = z.object({ gates: GatesSpecSchema, axes: GENERATE_KEYS.axes, model: z.object({ label: z.string().min(1) }) });

/** Settings of generation a run may override: its resolved seed and size limit. */
export interface GenerateOverrides {
  /** Seed of `max_sets` sampling (default: the spec's `seed`). */
  seed?: number | undefined;
  /** Most sentences the templates may make (default: the spec's `max_sentences`). */
  maxSentences?: number | undefined;
}

/** What `prepareAudit` may be given: generation's overrides, and a classifier run instead of the spec's model. */
export interface PrepareOverrides extends GenerateOverrides {
  /** With a classifier passed in, the spec's model is not resolved; its labels are checked when it runs. */
  classifier?: Classifier | undefined;
}

/** What a run needs from its spec before inference. */
export interface PreparedAudit {
  generated: Generated;
  /** The spec's model, resolved and its labels checked; absent when a classifier is passed in. */
  model: PreparedModel | undefined;
}

/**
 * Reads and checks an audit file without running the model, and reports every problem at once:
 * the schema and cross-references, lexicons and corpus, templates, gates against the generated
 * sets, the model's files. Where the schema finds problems, the templates and lexicons are still
 * checked when their own sections validated.
 * @throws CounterfairError listing every problem: the spec's in the order of its lines, then
 *   those inside other files (lexicons, corpus).
 */
export async function checkAudit(file: string, overrides: GenerateOverrides = {}): Promise<{ loaded: LoadedSpec; prepared: PreparedAudit }> {
  const draft = draftSpecFile(file);
  const found = new Problems(draft.locator, draft.file);
  found.add(draft.problems);
  if (draft.spec === undefined) {
    // Generation's own sections may still be checked, unless an unknown key may be one of them
    // misspelt ("temlates"): then its templates would read as missing.
    const generation = GenerateSpecSchema.safeParse(draft.data);
    const misspelt = Object.keys(draft.data).some((k) => !Object.hasOwn(AuditSpecSchema.shape, k) && didYouMean(k, Object.keys(GENERATE_KEYS)) !== undefined);
    if (generation.success && !misspelt) generate(generation.data, draft.dir, overrides, found);
    // So may the gates' own checks, when the gates, the axes and the audited label validated.
    const gates = GatesOnlySchema.safeParse(draft.data);
    if (gates.success) found.issues(gateSpecIssues(gates.data.gates, { axes: Object.keys(gates.data.axes), audited: gates.data.model.label }));
    throw found.error();
  }
  const loaded: LoadedSpec = { spec: draft.spec, file: draft.file, dir: draft.dir, hash: draft.hash, locator: draft.locator };
  const prepared = await prepare(loaded, overrides, found);
  if (found.count > 0 || prepared === undefined) throw found.error();
  return { loaded, prepared };
}

/**
 * Generates the sentences of a loaded spec (spec → generate), with spec problems located.
 * @throws CounterfairError (exit 2) for slots, groups or lexicons the spec gets wrong, or more
 *   sentences than the size limit allows.
 */
export function generateFromSpec(loaded: LoadedSpec, overrides: GenerateOverrides = {}): Generated {
  return located(loaded, () => {
    const inputs = loadGenerateInputs(loaded.spec, loaded.dir);
    return generateSets(loaded.spec, inputs.lexicons, { ...inputs, seed: overrides.seed, maxSentences: overrides.maxSentences });
  });
}

/**
 * Everything that can be checked without running the model, for a spec already loaded: the
 * sentences generate, every gate can be checked on them, the model exists (a local folder with
 * the files its dtype needs, a module, a server) and every label the spec names is one of its
 * labels (read from its config, its module or its server). With a `classifier` passed in, its
 * labels are checked when it runs instead.
 * @throws CounterfairError (exit 2) listing every problem, located.
 */
export async function prepareAudit(loaded: LoadedSpec, overrides: PrepareOverrides = {}): Promise<PreparedAudit> {
  const found = new Problems(loaded.locator, loaded.file);
  const prepared = await prepare(loaded, overrides, found);
  if (found.count > 0 || prepared === undefined) throw found.error();
  return prepared;
}

async function prepare(loaded: LoadedSpec, overrides: PrepareOverrides, found: Problems): Promise<PreparedAudit | undefined> {
  const { spec } = loaded;
  const generated = generate(spec, loaded.dir, overrides, found);
  // Gates are checked against the sets only when those generated whole: a missing lexicon would
  // make every gate on its axis look wrong too.
  if (generated) found.issues(checkGates(spec.gates, { axes: Object.keys(spec.axes), audited: spec.model.label, generated }));
  if (overrides.classifier) return generated && { generated, model: undefined };
  const model = await found.attemptAsync(() => prepareModel(spec.model, loaded, labelRefs(spec)));
  if (generated && model?.labels) found.issues(goldLabelIssues(generated, model.labels));
  return generated && model ? { generated, model } : undefined;
}

/**
 * The corpus's gold labels that are not labels of the model, one issue per such label (at the
 * spec's `corpus.label`, naming its first row and how many rows carry it): found before inference,
 * where the metrics stage would find them only after it.
 */
export function goldLabelIssues(generated: Generated, labels: readonly string[]): SpecIssue[] {
  const known = new Set(labels);
  const unknown = new Map<string, { first: number; rows: number }>();
  for (const set of generated.sets) {
    if (set.label === undefined || known.has(set.label)) continue;
    const seen = unknown.get(set.label);
    if (seen) seen.rows += 1;
    else unknown.set(set.label, { first: set.corpus_row ?? 0, rows: 1 });
  }
  return [...unknown].map(([gold, { first, rows }]) => {
    const more = rows > 1 ? ` (and ${rows - 1} more row${rows > 2 ? 's' : ''})` : '';
    const { id, message } = unknownGoldLabel(`corpus row ${first}${more}`, gold, labels);
    return { path: ['corpus', 'label'], message, id };
  });
}

/** Every label the spec names: the audited label and each gate's. */
export function labelRefs(spec: LoadedSpec['spec']): LabelRef[] {
  const gates = spec.gates.flatMap((g, i) => (g.label === undefined ? [] : [{ path: ['gates', i, 'label'], label: g.label }]));
  return [{ path: ['model', 'label'], label: spec.model.label }, ...gates];
}

/** The spec's sets, or undefined (with the problems found) when its lexicons or templates are wrong. */
function generate(spec: GenerateSpec, dir: string, overrides: GenerateOverrides, found: Problems): Generated | undefined {
  const inputs = collectGenerateInputs(spec, dir);
  found.issues(inputs.issues);
  found.add(inputs.problems);
  const generated = found.attempt(() => generateSets(spec, inputs.lexicons, { ...inputs, seed: overrides.seed, maxSentences: overrides.maxSentences }));
  return inputs.issues.length + inputs.problems.length === 0 ? generated : undefined;
}

/** Runs a pure stage and gives its spec issues their file:line:col. */
export function located<T>(loaded: Pick<LoadedSpec, 'locator'>, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SpecIssueError) throw specError(loaded, err);
    throw err;
  }
}

/** Problems collected across the checks, each once. */
class Problems {
  readonly #found = new Map<string, Problem>();
  constructor(
    private readonly locator: Locator,
    private readonly file: string,
  ) {}

  get count(): number {
    return this.#found.size;
  }

  add(problems: readonly Problem[]): void {
    for (const p of problems) this.#found.set(JSON.stringify([p.location?.file, p.location?.line, p.location?.col, p.message]), p);
  }

  issues(issues: readonly SpecIssue[]): void {
    this.add(issues.map((i) => locateIssue(this.locator, i)));
  }

  /** Runs a check; its spec issues and errors are recorded, and it gives undefined. */
  attempt<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.record(err);
      return undefined;
    }
  }

  /** `attempt` for a check that reads files or asks a server. */
  async attemptAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.record(err);
      return undefined;
    }
  }

  private record(err: unknown): void {
    if (err instanceof SpecIssueError) this.issues(err.issues);
    else if (err instanceof CounterfairError) this.add(err.problems);
    else throw err;
  }

  /** One error: the spec file's problems by position, then other files' in the order found. */
  error(): CounterfairError {
    const all = [...this.#found.values()];
    const inSpec = all.filter((p) => p.location?.file === this.file).sort(byPosition);
    return new CounterfairError('spec', [...inSpec, ...all.filter((p) => p.location?.file !== this.file)]);
  }
}
