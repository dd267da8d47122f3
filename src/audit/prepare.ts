/**
 * Everything a run does before the model: the sentences, and every check that needs no model
 * (gates against the generated axes, the model folder's files). `counterfair validate` stops
 * here; `run` goes on only when it all checks out.
 */
import { resolveModelSource, type ModelSource } from '../classify/index.js';
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

/** What a run needs from its spec before inference. */
export interface PreparedAudit {
  generated: Generated;
  source: ModelSource;
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
 * can be checked on them, and a local model folder exists with the files its dtype needs.
 * @throws CounterfairError (exit 2), located in the spec.
 */
export function prepareAudit(loaded: LoadedSpec, overrides: GenerateOverrides = {}): PreparedAudit {
  const generated = generateFromSpec(loaded, overrides);
  const gateIssues = checkGates(loaded.spec.gates, { axes: Object.keys(loaded.spec.axes), audited: loaded.spec.model.label, generated });
  if (gateIssues.length > 0) throw specError(loaded, new SpecIssueError(gateIssues));
  return { generated, source: located(loaded, () => resolveModelSource(loaded.spec.model, loaded.dir)) };
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
