/**
 * Template slots: `{axis}` or `{axis.field}`. Parsing is separate from filling so the spec can be
 * checked (unknown axes, unknown fields) before anything is generated.
 */

/** A slot as written in a template. */
export interface Slot {
  /** The text between the braces, e.g. "gender.subject". */
  raw: string;
  axis: string;
  /** The lexicon field; undefined means the lexicon's default field. */
  field: string | undefined;
  start: number;
  end: number;
}

const SLOT = /\{([^{}]*)\}/g;
const NAME = /^([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z][A-Za-z0-9_]*))?$/;

/** Parses the slots of a template; returns them with any malformed-slot messages. */
export function parseSlots(text: string): { slots: Slot[]; errors: string[] } {
  const slots: Slot[] = [];
  const errors: string[] = [];
  for (const m of text.matchAll(SLOT)) {
    const inner = (m[1] ?? '').trim();
    const name = NAME.exec(inner);
    if (!name) {
      errors.push(`malformed slot "{${m[1]}}": write {axis} or {axis.field}`);
      continue;
    }
    slots.push({ raw: inner, axis: name[1] as string, field: name[2], start: m.index, end: m.index + m[0].length });
  }
  const stray = text.replace(SLOT, '').match(/[{}]/);
  if (stray) errors.push(`unbalanced "${stray[0]}" in template: slots are written {axis} or {axis.field}`);
  return { slots, errors };
}

/**
 * Fills slots with values (same order as `slots`). A value that begins a sentence (at the start
 * of the text, or after ". ", "! ", "? ") gets a capital first letter: "{gender.subject} said"
 * becomes "She said".
 */
export function fillSlots(text: string, slots: readonly Slot[], values: readonly string[]): string {
  let out = '';
  let cursor = 0;
  slots.forEach((slot, i) => {
    out += text.slice(cursor, slot.start);
    const value = values[i] ?? '';
    out += startsSentence(out) ? capitalise(value) : value;
    cursor = slot.end;
  });
  return out + text.slice(cursor);
}

function startsSentence(before: string): boolean {
  return /^[\s"'“‘(]*$/.test(before) || /[.!?]["'”’)]*\s+[\s"'“‘(]*$/.test(before);
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
