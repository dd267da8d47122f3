/**
 * Template slots and the grammar applied when they are filled. Parsing is separate from filling
 * so the spec can be checked (unknown axes, unknown fields) before anything is generated.
 *
 *   {axis} {axis.field}      a lexicon form (the lexicon's default field, or the named one)
 *   {filler} {filler.field}  a filler word
 *   {…|cap} {…|upper} {…|lower}   capitalise the first letter, or change the case of the whole value
 *   {a/an}                   English: "a" or "an", chosen by the sound of the word after it
 *
 * A value or article that begins a sentence gets a capital first letter. English: "'s" after a
 * plural in s becomes "'" (the United States' desert). Spanish: "de el" and "a el" at a slot
 * become "del" and "al" (de + el Perú → del Perú).
 */
import { articleFor } from './article.js';
import { DEFAULT_LANGUAGE, type Language } from './language.js';
import { fixPossessive } from './possessive.js';
import { contractBefore } from './spanish.js';

/** Case changes a slot may ask for. */
export const MODIFIERS = ['cap', 'upper', 'lower'] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** A slot as written in a template. */
export interface Slot {
  /** The text between the braces without the modifier, e.g. "gender.subject"; "a/an" for an article. */
  raw: string;
  /** An axis or filler name; empty for an article. */
  axis: string;
  /** The lexicon field; undefined means the lexicon's default field. */
  field: string | undefined;
  modifier?: Modifier;
  /** `{a/an}`: filled by the generator, not from a lexicon. */
  article?: boolean;
  start: number;
  end: number;
}

const SLOT = /\{([^{}]*)\}/g;
const NAME = /^([A-Za-z][A-Za-z0-9_]*)(?:\.([A-Za-z][A-Za-z0-9_]*))?(?:\|([a-z]+))?$/;

/** Parses the slots of a template; returns them with any malformed-slot messages. */
export function parseSlots(text: string): { slots: Slot[]; errors: string[] } {
  const slots: Slot[] = [];
  const errors: string[] = [];
  for (const m of text.matchAll(SLOT)) {
    const inner = (m[1] ?? '').trim();
    const span = { start: m.index, end: m.index + m[0].length };
    if (/^a\/an$/i.test(inner)) {
      slots.push({ raw: 'a/an', axis: '', field: undefined, article: true, ...span });
      continue;
    }
    const name = NAME.exec(inner);
    if (!name) {
      errors.push(`malformed slot "{${m[1]}}": write {axis}, {axis.field}, {axis.field|cap} or {a/an}`);
      continue;
    }
    const modifier = name[3];
    if (modifier !== undefined && !(MODIFIERS as readonly string[]).includes(modifier)) {
      errors.push(`slot "{${inner}}": unknown modifier "${modifier}"; write one of ${MODIFIERS.map((x) => `|${x}`).join(', ')}`);
      continue;
    }
    const raw = inner.replace(/\|[a-z]+$/, '');
    slots.push({ raw, axis: name[1] as string, field: name[2], ...(modifier ? { modifier: modifier as Modifier } : {}), ...span });
  }
  const stray = text.replace(SLOT, '').match(/[{}]/);
  if (stray) errors.push(`unbalanced "${stray[0]}" in template: slots are written {axis} or {axis.field}`);
  return { slots, errors };
}

/** A filled template: the text, and where each slot's value (not an article) landed in it. */
export interface Filled {
  text: string;
  spans: { start: number; end: number }[];
}

/**
 * Fills slots with values (same order as `slots`; an article slot's value is ignored). Applies,
 * in order: each slot's modifier; a/an from the word that follows the article; the language's
 * rules at slot edges (English possessives, Spanish contractions); a capital first letter for a
 * value or article that begins a sentence (at the start of the text, or after ". ", "! ", "? ",
 * opening quotes, brackets and the Spanish ¿ ¡).
 */
export function fillSlots(text: string, slots: readonly Slot[], values: readonly string[], language: Language = DEFAULT_LANGUAGE): string {
  return fillTemplate(text, slots, values, language).text;
}

/** As `fillSlots`, also returning where the slot values landed (for the doubled-word check). */
export function fillTemplate(text: string, slots: readonly Slot[], values: readonly string[], language: Language = DEFAULT_LANGUAGE): Filled {
  const pieces: { text: string; slot?: Slot }[] = [];
  let cursor = 0;
  slots.forEach((slot, i) => {
    pieces.push({ text: text.slice(cursor, slot.start) });
    pieces.push({ text: slot.article ? '' : applyModifier(values[i] ?? '', slot.modifier), slot });
    cursor = slot.end;
  });
  pieces.push({ text: text.slice(cursor) });
  // Articles right to left, so an article before another article sees its final word.
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] as { text: string; slot?: Slot };
    if (piece.slot?.article) piece.text = articleFor(pieces.slice(i + 1).map((p) => p.text).join(''));
  }
  if (language === 'en') {
    pieces.forEach((piece, i) => {
      const next = pieces[i + 1];
      if (piece.slot && !piece.slot.article && next && !next.slot) next.text = fixPossessive(piece.text, next.text);
    });
  }
  let out = '';
  const spans: Filled['spans'] = [];
  for (const piece of pieces) {
    let value = piece.text;
    if (piece.slot && language === 'es') {
      const contracted = contractBefore(out, value);
      out = contracted.before;
      value = contracted.value;
    }
    if (piece.slot && startsSentence(out)) value = capitalise(value);
    if (piece.slot && !piece.slot.article) spans.push({ start: out.length, end: out.length + value.length });
    out += value;
  }
  return { text: out, spans };
}

function applyModifier(value: string, modifier: Modifier | undefined): string {
  if (modifier === 'cap') return capitalise(value);
  if (modifier === 'upper') return value.toUpperCase();
  if (modifier === 'lower') return value.toLowerCase();
  return value;
}

/** True when text written after `before` begins a sentence. */
export function startsSentence(before: string): boolean {
  return /^[\s"'“‘«¿¡(]*$/.test(before) || /[.!?]["'”’»)]*\s+[\s"'“‘«¿¡(]*$/.test(before);
}

/** The value with a capital first letter. */
export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
