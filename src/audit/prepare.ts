/**
 * Everything a run does before inference: the sentences, and every check that needs no
 * inference (gates against the generated axes, the model's files, module or server, and every
 * label the spec names against the model's own). `counterfair validate` stops here; `run` goes
 * on only when it all checks out.
 */
import { prepareModel, type Classifier, type LabelRef, type PreparedModel } from '../classify/index.js';
import { checkGates } from '../gate/index.js';
import { generateSets, loadGenerateInputs, type Generated } from '../generate/index.js';
import { SpecIssueError } from '../shared/errors.js';
import { specError, type LoadedSpec } from '../spec/index.js';

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
 * Everything that can be checked without running the model: the sentences generate, every gate
 * can be checked on them, the model exists (a local folder with the files its dtype needs, a
 * module, a server) and every label the spec names is one of its labels (read from its config,
 * its module or its server). With a `classifier` passed in, its labels are checked when it runs.
 * @throws CounterfairError (exit 2), located in the spec.
 */
export async function prepareAudit(loaded: LoadedSpec, overrides: PrepareOverrides = {}): Promise<PreparedAudit> {
  const generated = generateFromSpec(loaded, overrides);
  const gateIssues = checkGates(loaded.spec.gates, { axes: Object.keys(loaded.spec.axes), audited: loaded.spec.model.label, generated });
  if (gateIssues.length > 0) throw specError(loaded, new SpecIssueError(gateIssues));
  return { generated, model: overrides.classifier ? undefined : await prepareModel(loaded.spec.model, loaded, labelRefs(loaded.spec)) };
}

/** Every label the spec names: the audited label and each gate's. */
export function labelRefs(spec: LoadedSpec['spec']): LabelRef[] {
  const gates = spec.gates.flatMap((g, i) => (g.label === undefined ? [] : [{ path: ['gates', i, 'label'], label: g.label }]));
  return [{ path: ['model', 'label'], label: spec.model.label }, ...gates];
}

/** Runs a pure stage and gives its spec issues their file:line:col. */
export function located<T>(loaded: LoadedSpec, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SpecIssueError) throw specError(loaded, err);
    throw err;
  }
}
