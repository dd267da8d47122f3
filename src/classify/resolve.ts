/** A spec's `model:` bound to the registry row that owns it. */
import { MODEL_ROWS } from './registry.js';
import type { AnyModelRow, ResolvedModel } from './row.js';
import type { ModelSpec } from './schema.js';
import type { ModelSource } from './types.js';

/**
 * Binds the spec's model to its row, checking what needs no loading (a folder's files, a
 * module's file).
 * @throws SpecIssueError at the spec path of what is wrong.
 */
export function resolveModel(model: ModelSpec, specDir: string): ResolvedModel {
  for (const row of MODEL_ROWS satisfies readonly AnyModelRow[]) {
    const resolved = row.resolveOwn(model, specDir);
    if (resolved) return resolved;
  }
  // The schema admits only models some row owns.
  throw new Error('no backend row owns this model');
}

/**
 * Where the spec's model comes from, checking a local folder's files or a module's file.
 * @throws SpecIssueError at the spec path of what is wrong.
 */
export function resolveModelSource(model: ModelSpec, specDir: string): ModelSource {
  return resolveModel(model, specDir).origin;
}
