/**
 * Reads the shape of the zod schema at a path, so an unknown key can be answered with the keys
 * that are allowed there ("did you mean …?").
 */
import type { z } from 'zod';
import type { SpecPath } from '../errors.js';

type AnySchema = z.core.$ZodType;

/** Wrappers whose inner schema describes the same value. */
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (WRAPPERS.has(def.type)) return unwrap(def.innerType as AnySchema);
  if (def.type === 'pipe') return unwrap(def.in as AnySchema);
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap(unwrap);
  return [schema];
}

function step(schema: AnySchema, segment: string | number): AnySchema[] {
  return unwrap(schema).flatMap((s) => {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const inner = (def.shape as Record<string, AnySchema>)[String(segment)];
      return inner ? [inner] : [];
    }
    if (def.type === 'array' && typeof segment === 'number') return [def.element as AnySchema];
    if (def.type === 'record') return [def.valueType as AnySchema];
    return [];
  });
}

/** The keys an object at `path` may have, or [] where the schema there is not an object. */
export function allowedKeys(root: AnySchema, path: SpecPath): string[] {
  let current: AnySchema[] = [root];
  for (const segment of path) current = current.flatMap((s) => step(s, segment));
  const keys = new Set<string>();
  for (const s of current.flatMap(unwrap)) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}
