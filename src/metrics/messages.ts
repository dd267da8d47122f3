/** The metrics stage's messages for problems a user can cause, each with a stable id. */

/** A corpus row's gold label that the model does not have. */
export function unknownGoldLabel(row: string, gold: string, labels: readonly string[]): { id: string; message: string } {
  const message = `${row} has gold label "${gold}", which is not a label of the model (${labels.join(', ')})`;
  return { id: 'metrics.unknown-gold-label', message };
}

/** A `breakdown:` entry that is neither "template" nor a declared filler. */
export function unknownBreakdown(name: string, hint: string): { id: string; message: string } {
  const message = `breakdown "${name}" is neither "template" nor a filler declared under "fillers"${hint}`;
  return { id: 'metrics.unknown-breakdown', message };
}
