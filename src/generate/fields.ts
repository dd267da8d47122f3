/** Reading a lexicon's fields and forms: what a field declares, and the forms a group holds. */
import type { FieldInfo, Form, Lexicon, LexiconGroup } from './types.js';

/** A field's declaration; a field written as a bare doc string declares nothing else. */
export function fieldInfo(lexicon: Lexicon, field: string): FieldInfo {
  const f = lexicon.fields[field];
  if (f === undefined) return { doc: '' };
  return typeof f === 'string' ? { doc: f } : f;
}

const byName = new WeakMap<Lexicon, Map<string, LexiconGroup>>();

/** A lexicon's group by name (indexed once per lexicon: sets look groups up once per sentence). */
export function groupNamed(lexicon: Lexicon, name: string | undefined): LexiconGroup | undefined {
  let index = byName.get(lexicon);
  if (index === undefined) byName.set(lexicon, (index = new Map(lexicon.groups.map((g) => [g.group, g]))));
  return name === undefined ? undefined : index.get(name);
}

/** The fields of a lexicon, in file order. */
export function fieldNames(lexicon: Lexicon): string[] {
  return Object.keys(lexicon.fields);
}

/**
 * The forms a group holds for a field, as a list (one form gives a list of one).
 * @param byGroup for a field declared `by` another axis: that axis's group.
 * @returns undefined when a `by` field has no entry for `byGroup`.
 */
export function formsOf(group: LexiconGroup, field: string, byGroup?: string): string[] | undefined {
  const form: Form | undefined = group.forms[field];
  if (form === undefined) return undefined;
  if (typeof form === 'string') return [form];
  if (Array.isArray(form)) return form;
  if (byGroup === undefined) return Object.values(form).flatMap((v) => (typeof v === 'string' ? [v] : v));
  const v = form[byGroup];
  return v === undefined ? undefined : typeof v === 'string' ? [v] : v;
}

/** The groups an axis uses when the spec names none: the lexicon's `default_groups`, else all. */
export function defaultGroups(lexicon: Lexicon): string[] {
  return lexicon.default_groups ?? lexicon.groups.map((g) => g.group);
}
