/**
 * Checks each template against the spec's axes, fillers and lexicons, and turns it into a plan:
 * its slots, the axes it varies (intersectional when several), and the fillers and paired series
 * that multiply its sets. Every problem is collected, so a spec is fixed in one edit.
 */
import type { SpecIssue } from '../shared/errors.js';
import type { GenerateSpec, TemplateSpec } from './schema.js';
import { suggestion } from '../shared/suggest.js';
import { fieldInfo, fieldNames, formsOf } from './fields.js';
import { stableId } from './hash.js';
import { parseSlots, type Slot } from './template.js';
import { LANGUAGES, languagesWith, type Language } from './language.js';
import type { AxisInfo, Lexicon } from './types.js';

/** A filler as the generator uses it: a word list, or a lexicon whose groups are recorded. */
export type Filler = { kind: 'list'; words: string[] } | { kind: 'lexicon'; lexicon: Lexicon };

/** A template ready to expand into sets. */
export interface TemplatePlan {
  id: string;
  text: string;
  textPair?: string;
  slots: Slot[];
  pairSlots: Slot[];
  /** Axes varied, in order of first appearance (an axis a `by` field depends on follows it). */
  axes: string[];
  /** Fillers used, in order of first appearance. */
  fillers: string[];
  /** Paired series used: axis and series name, in order of first appearance. */
  series: { axis: string; series: string }[];
  maxSets?: number;
  /** Where its text and its second text are in the spec, for messages about what it generates. */
  where: { text: Where; pair: Where };
}

/** Where a template is in the spec, for messages. */
type Where = (string | number)[];

/**
 * Plans every template, reporting problems into `issues`.
 * @param lexicons axis → lexicon; `fillers` filler name → filler.
 */
export function planTemplates(spec: GenerateSpec, axes: readonly AxisInfo[], lexicons: Readonly<Record<string, Lexicon>>, fillers: Readonly<Record<string, Filler>>, issues: SpecIssue[]): TemplatePlan[] {
  const axisNames = Object.keys(spec.axes);
  const plans: TemplatePlan[] = [];
  const firstWithId = new Map<string, number>();
  spec.templates.forEach((t, index) => {
    const { text, textPair, textPath, pairPath, explicitId, maxSets } = normalise(t, index);
    const id = explicitId ?? `t${(textPair === undefined ? stableId(text) : stableId(text, textPair)).slice(0, 8)}`;
    const first = firstWithId.get(id);
    if (first !== undefined) {
      // The same set twice would count its sentences twice in every mean.
      if (explicitId === undefined) issues.push({ path: textPath, message: `template repeats templates[${first}]` });
      else issues.push({ path: ['templates', index, 'id'], message: `template id "${id}" is already used by templates[${first}]` });
      return;
    }
    firstWithId.set(id, index);
    const parsed = parseSlots(text);
    const parsedPair = textPair === undefined ? { slots: [], errors: [] } : parseSlots(textPair);
    let ok = true;
    for (const message of parsed.errors) issues.push({ path: textPath, message });
    for (const message of parsedPair.errors) issues.push({ path: pairPath, message });
    if (parsed.errors.length + parsedPair.errors.length > 0) ok = false;
    const all = [...parsed.slots.map((s) => ({ s, where: textPath })), ...parsedPair.slots.map((s) => ({ s, where: pairPath }))];
    const used = { axes: [] as string[], fillers: [] as string[], series: [] as { axis: string; series: string }[] };
    for (const { s, where } of all) {
      if (s.article && !languagesWith('a/an').includes(spec.language)) {
        issues.push({ path: where, id: 'generate.english-only', message: englishOnly(s, spec.language) });
        ok = false;
      }
      if (s.article) continue;
      if (!checkSlot(s, where, spec, axisNames, axes, lexicons, fillers, used, issues)) ok = false;
    }
    if (ok && used.axes.length === 0) {
      issues.push({ path: textPath, message: all.length > 0 ? 'template names no axis, so nothing varies: add a slot such as ' + `{${axisNames[0]}}` : `template has no slot, so nothing varies: add one such as {${axisNames[0]}}` });
      ok = false;
    }
    if (ok && fillersMisaligned(all.map((x) => x.s), fillers, textPath, issues)) ok = false;
    if (!ok) return;
    plans.push({
      id,
      text,
      ...(textPair !== undefined ? { textPair } : {}),
      slots: parsed.slots,
      pairSlots: parsedPair.slots,
      axes: used.axes,
      fillers: used.fillers,
      series: used.series,
      where: { text: textPath, pair: pairPath },
      ...(maxSets !== undefined ? { maxSets } : spec.max_sets !== undefined ? { maxSets: spec.max_sets } : {}),
    });
  });
  return plans;
}

/** Why an English-only construct cannot stand in a template of another language. */
function englishOnly(s: Slot, language: Language): string {
  const hint = LANGUAGES[language].articleHint;
  return `{${s.raw}} is English grammar, but this audit is in ${LANGUAGES[language].name} (language: ${language})${hint ? `: ${hint}` : ''}`;
}

function normalise(t: TemplateSpec, index: number): { text: string; textPair?: string; textPath: Where; pairPath: Where; explicitId?: string; maxSets?: number } {
  if (typeof t === 'string') return { text: t, textPath: ['templates', index], pairPath: ['templates', index] };
  const base = { ...(t.id !== undefined ? { explicitId: t.id } : {}), ...(t.max_sets !== undefined ? { maxSets: t.max_sets } : {}) };
  if ('premise' in t) return { text: t.premise, textPair: t.hypothesis, textPath: ['templates', index, 'premise'], pairPath: ['templates', index, 'hypothesis'], ...base };
  return { text: t.text, ...(t.text_pair !== undefined ? { textPair: t.text_pair } : {}), textPath: ['templates', index, 'text'], pairPath: ['templates', index, 'text_pair'], ...base };
}

/** Checks one slot and records what it uses; false when it is wrong. */
function checkSlot(
  s: Slot,
  where: Where,
  spec: GenerateSpec,
  axisNames: string[],
  axes: readonly AxisInfo[],
  lexicons: Readonly<Record<string, Lexicon>>,
  fillers: Readonly<Record<string, Filler>>,
  used: { axes: string[]; fillers: string[]; series: { axis: string; series: string }[] },
  issues: SpecIssue[],
): boolean {
  const filler = fillers[s.axis];
  if (filler) {
    if (filler.kind === 'list') {
      if (s.field !== undefined) {
        issues.push({ path: where, message: `slot {${s.raw}}: filler "${s.axis}" is a word list, which has no fields: write {${s.axis}}` });
        return false;
      }
    } else if (s.field !== undefined && !(s.field in filler.lexicon.fields)) {
      issues.push({ path: where, message: `slot {${s.raw}}: filler lexicon "${filler.lexicon.name}" has no field "${s.field}"${suggestion(s.field, fieldNames(filler.lexicon))}; its fields are ${fieldNames(filler.lexicon).join(', ')}` });
      return false;
    }
    if (!used.fillers.includes(s.axis)) used.fillers.push(s.axis);
    return true;
  }
  // A declared filler or axis whose lexicon did not load: that lexicon's problem is reported where
  // it is named; the slot adds nothing to it.
  if (Object.hasOwn(spec.fillers ?? {}, s.axis)) return false;
  const lexicon = lexicons[s.axis];
  if (axisNames.includes(s.axis) && !lexicon) return false;
  if (!axisNames.includes(s.axis) || !lexicon) {
    const names = [...axisNames, ...Object.keys(spec.fillers ?? {})];
    issues.push({ path: where, message: `slot {${s.raw}} names "${s.axis}", which is not declared under "axes" or "fillers"${suggestion(s.axis, names)}` });
    return false;
  }
  const field = s.field ?? lexicon.default_field;
  if (!(field in lexicon.fields)) {
    const fields = fieldNames(lexicon);
    issues.push({ path: where, message: `slot {${s.raw}}: lexicon "${lexicon.name}" has no field "${field}"${suggestion(field, fields)}; its fields are ${fields.join(', ')}` });
    return false;
  }
  if (!used.axes.includes(s.axis)) used.axes.push(s.axis);
  const info = fieldInfo(lexicon, field);
  const own = axes.find((a) => a.name === s.axis);
  const empty = (own?.groups ?? []).filter((g) => {
    const group = lexicon.groups.find((x) => x.group === g);
    return group !== undefined && info.by === undefined && (formsOf(group, field) ?? []).length === 0;
  });
  if (empty.length > 0) {
    issues.push({ path: where, message: `slot {${s.raw}}: ${empty.slice(0, 5).map((g) => `"${g}"`).join(', ')}${empty.length > 5 ? ` and ${empty.length - 5} more` : ''} ha${empty.length === 1 ? 's' : 've'} no ${field} in lexicon "${lexicon.name}"` });
    return false;
  }
  if (info.paired !== undefined && !used.series.some((x) => x.axis === s.axis && x.series === info.paired)) used.series.push({ axis: s.axis, series: info.paired });
  if (info.by === undefined) return true;
  const byAxis = axes.find((a) => a.name === info.by);
  if (!byAxis) {
    issues.push({ path: where, message: `slot {${s.raw}}: field "${field}" of lexicon "${lexicon.name}" depends on axis "${info.by}": declare an axis named ${info.by} under "axes"` });
    return false;
  }
  if (!used.axes.includes(byAxis.name)) used.axes.splice(used.axes.indexOf(s.axis) + 1, 0, byAxis.name);
  for (const g of own?.groups ?? []) {
    const group = lexicon.groups.find((x) => x.group === g);
    const missing = byAxis.groups.filter((b) => group && formsOf(group, field, b) === undefined);
    if (missing.length > 0) {
      issues.push({ path: where, message: `slot {${s.raw}}: lexicon "${lexicon.name}" gives group "${g}" no ${field} for ${info.by} ${missing.map((m) => `"${m}"`).join(', ')}` });
      return false;
    }
  }
  return true;
}

/** Fields of one lexicon filler used together must have as many words per group (they align). */
function fillersMisaligned(slots: readonly Slot[], fillers: Readonly<Record<string, Filler>>, where: Where, issues: SpecIssue[]): boolean {
  let bad = false;
  for (const [name, filler] of Object.entries(fillers)) {
    if (filler.kind !== 'lexicon') continue;
    const fields = [...new Set(slots.filter((s) => s.axis === name && !s.article).map((s) => s.field ?? filler.lexicon.default_field))];
    if (fields.length < 2) continue;
    for (const g of filler.lexicon.groups) {
      const lengths = fields.map((f) => formsOf(g, f)?.length ?? 0);
      if (new Set(lengths).size > 1) {
        issues.push({ path: where, message: `filler "${name}": fields ${fields.join(', ')} have different numbers of words in group "${g.group}" (${lengths.join(', ')}), so they cannot vary together` });
        bad = true;
        break;
      }
    }
  }
  return bad;
}
