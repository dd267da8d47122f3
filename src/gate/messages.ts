/**
 * The gate stage's messages for problems a user can cause, each with a stable id (tests and
 * tools match the id; the wording may improve).
 */

/** A message with its id, as a Problem or SpecIssue carries them. */
export interface Message {
  id: string;
  message: string;
}

const m = (id: string, message: string): Message => ({ id: `gate.${id}`, message });

export const messages = {
  undeclaredAxis: (axis: string, hint: string) =>
    m('undeclared-axis', `gate names axis "${axis}", which is not declared under "axes"${hint}`),
  minAboveMax: (min: number, max: number) => m('min-above-max', `gate has min ${min} above max ${max}: it can never pass`),
  outOfRange: (key: 'max' | 'min', bound: number, metric: string, range: readonly [number, number]) =>
    m('out-of-range', `${key} ${bound} is outside the range of ${metric}, [${range.join(', ')}]: the gate ${verdictOf(key, bound, range)}`),
  alphaWithoutTest: (metric: string, tested: readonly string[]) =>
    m('alpha-without-test', `${metric} has no test of "no disparity", so "alpha" cannot apply; it applies to ${tested.join(', ')}`),
  unknownLabel: (label: string, labels: readonly string[], hint: string) =>
    m('unknown-label', `the model has no label "${label}"${hint}; its labels are ${labels.join(', ')}`),
  labelOnAxisMetric: (metric: string) => m('label-on-axis-metric', `${metric} does not depend on the label: leave "label" out`),
  groupOnOtherMetric: (metric: string, perGroup: readonly string[]) =>
    m('group-on-other-metric', `${metric} is not a per-group metric; "group" applies to ${perGroup.join(', ')}`),
  notVaried: (axis: string, hint: string) => m('not-varied', `no template varies ${axis} together${hint}`),
  unknownGroup: (group: string, axis: string | undefined, hint: string) =>
    m('unknown-group', `"${group}" is not a group of ${axis ?? 'any axis'}${hint}`),
  referenceDelta: (group: string, axes: readonly string[]) =>
    m('reference-delta', `"${group}" is the reference group of ${axes.join(', ')}: its delta is 0 by definition`),
  notComputed: (metric: string, axis: string | undefined, reason: string) =>
    m('not-computed', `${metric} is not computed on ${axis ?? 'any axis'}: ${reason}`),
};

function verdictOf(key: 'max' | 'min', bound: number, range: readonly [number, number]): string {
  const never = key === 'max' ? bound >= range[1] : bound <= range[0];
  return never ? 'can never fail' : 'always fails';
}
