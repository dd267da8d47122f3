/** `counterfair generate`: the sentences of an audit as JSON Lines or CSV, with counts. */
import { stringify } from 'csv-stringify/sync';
import type { Generated } from './types.js';

/**
 * Renders every sentence (JSON Lines: one object per sentence; CSV: the same columns as
 * sentences.csv without predictions) and a count line per axis and group.
 */
export function renderGenerated(generated: Generated, format: 'jsonl' | 'csv'): { content: string; counts: string[] } {
  const sentences = generated.sets.flatMap((s) => s.sentences);
  const axes = generated.axes.map((a) => a.name);
  const content =
    format === 'jsonl'
      ? sentences.map((s) => `${JSON.stringify({ sentence_id: s.id, set_id: s.set_id, template_id: s.template_id, axis: s.axis, group: s.group, text: s.text, values: s.values })}\n`).join('')
      : stringify(
          [['sentence_id', 'set_id', 'template_id', ...axes, 'text'], ...sentences.map((s) => [s.id, s.set_id, s.template_id, ...axes.map((a) => (a === s.axis ? s.group : '')), s.text])],
          { record_delimiter: '\n' },
        );
  const counts = [`${sentences.length} sentences in ${generated.sets.length} sets`];
  for (const axis of generated.axes) {
    const inAxis = sentences.filter((s) => s.axis === axis.name);
    const perGroup = axis.groups.map((g) => `${g} ${inAxis.filter((s) => s.group === g).length}`);
    counts.push(`${axis.name}: ${inAxis.length} sentences, ${generated.sets.filter((s) => s.axis === axis.name).length} sets; ${perGroup.join(', ')}`);
  }
  return { content, counts };
}
