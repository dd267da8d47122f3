/**
 * Label checks: a model's own list (at least two, each once), and every label the spec names
 * (`model.label`, a gate's `label`) against it, with "did you mean". Run before inference
 * wherever the labels can be read without running the model.
 */
import type { SpecIssue, SpecPath } from '../shared/errors.js';
import { suggestion } from '../shared/suggest.js';
import { MESSAGES, type Message } from './messages.js';

/** A label the spec names, and where. */
export interface LabelRef {
  path: SpecPath;
  label: string;
}

/** What is wrong with a model's list of labels (`where` names who gave it), if anything. */
export function checkLabelList(labels: readonly string[], where: string): Message | undefined {
  if (labels.length < 2) return MESSAGES.tooFewLabels(where);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  return twice === undefined ? undefined : MESSAGES.duplicateModelLabel(where, twice);
}

/** One issue per label the spec names that the model lacks. */
export function unknownLabels(labels: readonly string[], refs: readonly LabelRef[]): SpecIssue[] {
  return refs
    .filter((r) => !labels.includes(r.label))
    .map((r) => ({ path: r.path, ...MESSAGES.unknownLabel(r.label, labels, suggestion(r.label, labels)) }));
}
