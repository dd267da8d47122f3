/**
 * Templates × groups → counterfactual sets. Pure: same spec and lexicons, same sentences in the
 * same order with the same ids.
 */
import { SpecIssueError, type SpecIssue } from '../errors.js';
import type { AuditSpec } from '../spec/schema.js';
import { suggestion } from '../spec/suggest.js';
import { stableId } from './hash.js';
import { fillSlots, parseSlots, type Slot } from './template.js';
import type { AxisInfo, CounterfactualSet, Generated, Lexicon, LexiconGroup, Sentence, TemplateInfo } from './types.js';

/**
 * Builds every counterfactual set of an audit.
 * @param lexicons the lexicon of each axis, keyed by axis name.
 * @throws SpecIssueError for slots naming unknown axes or fields, unknown groups, unused axes.
 */
export function generateSets(spec: AuditSpec, lexicons: Readonly<Record<string, Lexicon>>): Generated {
  const issues: SpecIssue[] = [];
  const axes = resolveAxes(spec, lexicons, issues);
  const axisNames = Object.keys(spec.axes);
  const templates: (TemplateInfo & { slots: Slot[] })[] = [];
  const firstWithId = new Map<string, number>();

  spec.templates.forEach((t, index) => {
    const text = typeof t === 'string' ? t : t.text;
    const path = typeof t === 'string' ? ['templates', index] : ['templates', index, 'text'];
    const id = typeof t === 'string' ? `t${stableId(text).slice(0, 8)}` : t.id;
    const first = firstWithId.get(id);
    if (first !== undefined) {
      // The same set twice would count its sentences twice in every mean.
      if (typeof t === 'string') issues.push({ path, message: `template repeats templates[${first}]` });
      else issues.push({ path: ['templates', index, 'id'], message: `template id "${id}" is already used by templates[${first}]` });
      return;
    }
    firstWithId.set(id, index);
    const { slots, errors } = parseSlots(text);
    for (const message of errors) issues.push({ path, message });
    if (slots.length === 0) {
      if (errors.length === 0) issues.push({ path, message: `template has no slot, so nothing varies: add one such as {${axisNames[0]}}` });
      return;
    }
    let ok = errors.length === 0;
    for (const slot of slots) {
      const lexicon = lexicons[slot.axis];
      if (!axisNames.includes(slot.axis) || !lexicon) {
        issues.push({ path, message: `slot {${slot.raw}} names axis "${slot.axis}", which is not declared under "axes"${suggestion(slot.axis, axisNames)}` });
        ok = false;
      } else if (slot.field !== undefined && !(slot.field in lexicon.fields)) {
        const fields = Object.keys(lexicon.fields);
        issues.push({ path, message: `slot {${slot.raw}}: lexicon "${lexicon.name}" has no field "${slot.field}"${suggestion(slot.field, fields)}; its fields are ${fields.join(', ')}` });
        ok = false;
      }
    }
    const used = [...new Set(slots.map((s) => s.axis))];
    if (used.length > 1) {
      issues.push({ path, message: `template mixes axes ${used.join(' and ')}: write one axis per template` });
      ok = false;
    }
    if (ok) templates.push({ id, text, axes: used, slots });
  });

  for (const axis of axisNames) {
    if (issues.length === 0 && !templates.some((t) => t.axes.includes(axis))) {
      issues.push({ path: ['axes', axis], key: true, message: `axis "${axis}" is used by no template: add a template with {${axis}} or remove the axis` });
    }
  }
  if (issues.length > 0) throw new SpecIssueError(issues);
  return {
    axes,
    templates: templates.map(({ id, text, axes: used }) => ({ id, text, axes: used })),
    sets: templates.map((t) => {
      const name = t.axes[0] as string;
      const axis = axes.find((a) => a.name === name) as AxisInfo;
      return buildSet(t.id, t.text, t.slots, axis, lexicons[name] as Lexicon);
    }),
  };
}

function resolveAxes(spec: AuditSpec, lexicons: Readonly<Record<string, Lexicon>>, issues: SpecIssue[]): AxisInfo[] {
  return Object.entries(spec.axes).flatMap(([name, axisSpec]) => {
    const lexicon = lexicons[name];
    if (!lexicon) return [];
    const known = lexicon.groups.map((g) => g.group);
    const reference = axisSpec.reference !== undefined ? { reference: axisSpec.reference } : {};
    if (!axisSpec.groups) return [{ name, lexicon: lexicon.name, groups: known, ...reference }];
    axisSpec.groups.forEach((g, i) => {
      if (!known.includes(g)) issues.push({ path: ['axes', name, 'groups', i], message: `lexicon "${lexicon.name}" has no group "${g}"${suggestion(g, known)}` });
    });
    const duplicate = axisSpec.groups.find((g, i) => axisSpec.groups?.indexOf(g) !== i);
    if (duplicate !== undefined) issues.push({ path: ['axes', name, 'groups'], message: `group "${duplicate}" is listed twice` });
    const groups = axisSpec.groups;
    if (axisSpec.reference !== undefined && !groups.includes(axisSpec.reference)) {
      issues.push({ path: ['axes', name, 'reference'], message: `reference "${axisSpec.reference}" is not one of the axis's groups${suggestion(axisSpec.reference, groups)}` });
    }
    return [{ name, lexicon: lexicon.name, groups, ...reference }];
  });
}

function buildSet(templateId: string, text: string, slots: Slot[], axis: AxisInfo, lexicon: Lexicon): CounterfactualSet {
  const setId = stableId(templateId, text, axis.name);
  const byName = new Map(lexicon.groups.map((g) => [g.group, g]));
  const sentences: Sentence[] = [];
  for (const groupName of axis.groups) {
    const group = byName.get(groupName) as LexiconGroup;
    for (const values of variants(slots, group, lexicon.default_field)) {
      const filled = fillSlots(text, slots, slots.map((s) => values[s.raw] as string));
      sentences.push({
        id: stableId(setId, groupName, filled),
        set_id: setId,
        template_id: templateId,
        groups: { [axis.name]: groupName },
        text: filled,
        values,
      });
    }
  }
  return { id: setId, template_id: templateId, axes: [axis.name], sentences };
}

/**
 * Every assignment of values to the template's slots for one group. A field holding a list
 * (several names for one group) gives one sentence per item; the same field used twice in a
 * template takes the same item both times.
 */
function variants(slots: Slot[], group: LexiconGroup, defaultField: string): Record<string, string>[] {
  const fields = [...new Set(slots.map((s) => s.field ?? defaultField))];
  let rows: Record<string, string>[] = [{}];
  for (const field of fields) {
    const form = group.forms[field] ?? '';
    const options = Array.isArray(form) ? form : [form];
    rows = rows.flatMap((row) => options.map((o) => ({ ...row, [field]: o })));
  }
  return rows.map((row) => Object.fromEntries(slots.map((s) => [s.raw, row[s.field ?? defaultField] as string])));
}
