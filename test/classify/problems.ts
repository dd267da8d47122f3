/** Assertion helpers: a CounterfairError matched by the ids (and locations) of its problems, not its prose. */
import assert from 'node:assert/strict';
import { CounterfairError, type Problem } from '../../src/shared/errors.ts';

/** A matcher for `assert.rejects`/`assert.throws`: one problem with `id`, its message matching `text` when given. */
export function problem(id: string, text?: RegExp): (err: unknown) => true {
  return (err) => {
    assert.ok(err instanceof CounterfairError, `expected a CounterfairError, got ${String(err)}`);
    assert.deepEqual(err.problems.map((p) => p.id), [id], err.message);
    if (text) assert.match(err.message, text);
    return true;
  };
}

/** The problems of the CounterfairError `fn` throws, as [id, line, col]. */
export function problemsOf(fn: () => unknown): [string | undefined, number | undefined, number | undefined][] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CounterfairError, `expected a CounterfairError, got ${String(err)}`);
    return err.problems.map((p: Problem) => [p.id, p.location?.line, p.location?.col]);
  }
  assert.fail('expected a CounterfairError');
}

/** The message of an error, or '' for anything else. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : '';
}
