/**
 * The producers' side of the contract, checked by the compiler. The stages produce results with
 * their own types (metrics' AxisResult, gate's GateResult, classify's ModelRecord…); the audit
 * assembles them into results.json. `asResults` accepts what it assembled only when it is
 * assignable to the schema's type AND every property it has, at any depth, is one the schema
 * declares: a field a stage adds to its result type but not to the schema (which reading would
 * then neither check nor type) fails to compile, naming its path.
 */
import type { AuditResults } from './schema.js';

/**
 * The paths (`.axes[].labels[].deltas`) of properties `P` has at any depth that `C` does not
 * declare; never when there are none.
 */
export type Unlisted<P, C, At extends string = ''> = P extends readonly (infer PItem)[]
  ? C extends readonly (infer CItem)[]
    ? Unlisted<PItem, CItem, `${At}[]`>
    : never
  : P extends object
    ? {
        [K in keyof P & string]-?: K extends keyof C ? Unlisted<NonNullable<P[K]>, NonNullable<C[K]>, `${At}.${K}`> : `${At}.${K}`;
      }[keyof P & string]
    : never;

/** `unknown` (no constraint) when `P` has nothing `C` lacks; else a property naming what it has. */
export type ListedIn<P, C> = [Unlisted<P, C>] extends [never] ? unknown : { 'not in the results schema': Unlisted<P, C> };

/**
 * The assembled results as the contract's type. The identity at run time; at compile time the
 * check described above.
 */
export function asResults<P extends AuditResults>(results: P & ListedIn<P, AuditResults>): AuditResults {
  return results;
}
