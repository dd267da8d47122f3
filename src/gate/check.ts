/**
 * Gate checks that need the generated sets but not the model: each gate must name an axis (or
 * combination) some template varies, a group of it, and a metric that is computed there. Run
 * before inference, so a gate that could never be checked stops the audit at once (exit 2).
 */
import type { SpecIssue } from '../shared/errors.js';
import type { Generated } from '../generate/types.js';
import { axisViews } from '../metrics/axis.js';
import { METRICS, metricInfo } from '../metrics/catalog.js';
import type { AuditSpec, GateSpec } from '../spec/schema.js';
import { suggestion } from '../shared/suggest.js';
import { axisMatches } from './targets.js';

type Outline = ReturnType<typeof axisViews>[number];

/** Every problem of every gate against the generated sets, each at its spec path. */
export function checkGates(spec: Pick<AuditSpec, 'gates' | 'model'>, generated: Pick<Generated, 'axes' | 'sets'>): SpecIssue[] {
  const outlines = axisViews(generated);
  return spec.gates.flatMap((gate, i) => gateIssues(gate, i, outlines, gate.label ?? spec.model.label));
}

function gateIssues(gate: GateSpec, i: number, outlines: Outline[], label: string): SpecIssue[] {
  const info = metricInfo(gate.metric);
  if (!info) return []; // the schema allows only catalog names
  const issues: SpecIssue[] = [];
  const at = (key: string, message: string) => issues.push({ path: ['gates', i, key], message });
  let targets = outlines.filter((o) => axisMatches(gate.axis, o.view));
  if (gate.axis !== undefined && targets.length === 0) {
    at('axis', `no template varies ${gate.axis} together${suggestion(gate.axis, outlines.map((o) => o.view.name))}`);
    return issues;
  }
  if (gate.label !== undefined && info.scope === 'axis') at('label', `${gate.metric} does not depend on the label: leave "label" out`);
  if (gate.group !== undefined) {
    if (info.scope !== 'group') {
      const perGroup = METRICS.filter((m) => m.scope === 'group').map((m) => m.name);
      at('group', `${gate.metric} is not a per-group metric; "group" applies to ${perGroup.join(', ')}`);
      return issues;
    }
    const group = gate.group;
    targets = targets.filter((o) => o.view.groups.includes(group));
    if (targets.length === 0) {
      const groups = outlines.filter((o) => axisMatches(gate.axis, o.view)).flatMap((o) => o.view.groups);
      at('group', `"${group}" is not a group of ${gate.axis ?? 'any axis'}${suggestion(group, groups)}`);
      return issues;
    }
    if (gate.metric === 'delta' && targets.every((o) => o.view.reference === group)) {
      at('group', `"${group}" is the reference group of ${targets.map((o) => o.view.name).join(', ')}: its delta is 0 by definition`);
    }
  }
  const why = unavailable(gate.metric, label);
  const computed = targets.filter((o) => why(o) === undefined);
  if (computed.length === 0) {
    const reason = why(targets[0] as Outline) as string;
    at('metric', `${gate.metric} is not computed on ${gate.axis ?? 'any axis'}: ${reason}`);
  }
  return issues;
}

/** Why a metric is not computed on an axis for a label, or undefined when it is. */
function unavailable(metric: string, label: string): (o: Outline) => string | undefined {
  const requires = metricInfo(metric)?.requires;
  return ({ view, sets }) => {
    if (requires === 'two_groups' && view.groups.length !== 2) return `it needs an axis of exactly two groups, and ${view.name} has ${view.groups.length}`;
    if (requires !== 'labelled_sets') return undefined;
    const labelled = sets.filter((s) => s.label !== undefined);
    if (labelled.length === 0) return 'it needs sets with a gold label (a labelled corpus)';
    const positives = labelled.filter((s) => s.label === label).length;
    const needsPositives = metric === 'tpr' || metric === 'equalized_odds_difference';
    const needsNegatives = metric === 'fpr' || metric === 'equalized_odds_difference';
    if (needsPositives && positives === 0) return `no labelled set has the gold label "${label}"`;
    if (needsNegatives && positives === labelled.length) return `every labelled set has the gold label "${label}"`;
    return undefined;
  };
}
