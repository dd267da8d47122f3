/**
 * A zod union whose option is chosen from the input (which key is present, or the value of one
 * key) rather than tried option by option. A plain `z.union` that fails reports every option's
 * errors as one "invalid input" at the union; this one reports the chosen option's own errors,
 * each at its place, says in one line when the input chooses no option or two, and says where a
 * key that belongs to another option belongs. For JSON Schema, TypeScript types and the
 * did-you-mean walker it is an ordinary union (`anyOf` of its options).
 *
 * It is built the way zod builds its own discriminated union: a constructor that initialises a
 * union and replaces how it parses, so clones made by `.describe()` and `.optional()` keep it.
 */
import { z } from 'zod';
import * as core from 'zod/v4/core';
import { didYouMean } from '../shared/suggest.js';

type Options = readonly [z.ZodObject, ...z.ZodObject[]];

/** A problem of the input as a whole, reported at `path` (relative to the union's value). */
export interface ChoiceProblem {
  path: (string | number)[];
  message: string;
  id: string;
}

/** How a chosen union picks its option, and what it says when it cannot. */
export interface ChoiceRule {
  /** The position of the option `input` chooses, or why it chooses none. */
  choose(input: Record<string, unknown>): number | ChoiceProblem;
  /** For a key the chosen option lacks but the options `owners` take: the line saying so (reported at the key). */
  misplaced(chosen: number, owners: number[]): Omit<ChoiceProblem, 'path'>;
  /** For a key the chosen option requires but the input lacks: the line saying so. */
  missing(key: string, chosen: number, description: string | undefined): Omit<ChoiceProblem, 'path'>;
}

interface ChosenUnionDef extends core.$ZodUnionDef<Options> {
  rule: ChoiceRule;
}

const ZodChosenUnion = core.$constructor<z.ZodUnion<Options>, ChosenUnionDef>('ZodChosenUnion', (inst, def) => {
  z.ZodUnion.init(inst, def);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isRecord(input)) {
      payload.issues.push({ code: 'invalid_type', expected: 'object', input, inst });
      return payload;
    }
    const choice = def.rule.choose(input);
    const option = typeof choice === 'number' ? def.options[choice] : undefined;
    if (typeof choice !== 'number' || option === undefined) {
      const problem = typeof choice === 'number' ? { path: [], message: `no option ${choice}`, id: 'classify.internal' } : choice;
      payload.issues.push({ code: 'custom', input, inst, path: problem.path, message: problem.message, params: { id: problem.id } });
      return payload;
    }
    const before = payload.issues.length;
    const result = option._zod.run(payload, ctx);
    if (result instanceof Promise) return result; // the options here are all synchronous
    result.issues.splice(before, Infinity, ...result.issues.slice(before).flatMap((issue) => explain(issue, choice, def, input)));
    return result;
  };
});

/**
 * A union of object schemas that parses as `rule` chooses.
 * @param options the options, in the positions `rule.choose` answers with
 */
export function chosenUnion<const T extends Options>(options: T, rule: ChoiceRule): z.ZodUnion<T> {
  const union = new ZodChosenUnion({ type: 'union', options, rule });
  // The constructor is typed for any options; these are exactly `T`.
  return union as unknown as z.ZodUnion<T>;
}

/**
 * Rewrites the chosen option's issues at its top level: a key another option takes becomes "it
 * belongs there", and a missing required key says what it is for. Every other issue is kept.
 */
function explain(issue: core.$ZodRawIssue, chosen: number, def: ChosenUnionDef, input: Record<string, unknown>): core.$ZodRawIssue[] {
  const path = issue.path ?? [];
  if (path.length === 0 && issue.code === 'unrecognized_keys') {
    const out: core.$ZodRawIssue[] = [];
    const unknown: string[] = [];
    for (const key of issue.keys) {
      const owners = def.options.flatMap((o, i) => (i !== chosen && Object.hasOwn(o.shape, key) ? [i] : []));
      if (owners.length === 0) unknown.push(key);
      else out.push(custom(def.rule.misplaced(chosen, owners), [key], input));
    }
    if (unknown.length > 0) out.unshift({ ...issue, keys: unknown });
    return out;
  }
  const key = path[0];
  if (path.length === 1 && typeof key === 'string' && issue.code === 'invalid_type' && !Object.hasOwn(input, key)) {
    const shape = def.options[chosen]?.shape ?? {};
    // A misspelt key ("nmae") is reported once, as unknown with its "did you mean"; not twice.
    const misspelt = Object.keys(input).some((k) => !Object.hasOwn(shape, k) && didYouMean(k, [key]) !== undefined);
    return misspelt ? [] : [custom(def.rule.missing(key, chosen, shape[key]?.description), [], input)];
  }
  return [issue];
}

function custom(problem: Omit<ChoiceProblem, 'path'>, path: PropertyKey[], input: unknown): core.$ZodRawIssue {
  return { code: 'custom', input, path, message: problem.message, params: { id: problem.id } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Row = { schema: z.ZodObject };

/**
 * The schemas of a table's rows, position by position: what `chosenUnion` takes, built from the
 * table itself so that a row added to the table is in the union too.
 */
export function schemasOf<const R extends readonly [Row, ...Row[]]>(rows: R): { [K in keyof R]: R[K]['schema'] } {
  // `map` keeps the positions but not their types; the mapped type restores them.
  return rows.map((r) => r.schema) as { [K in keyof R]: R[K]['schema'] };
}
