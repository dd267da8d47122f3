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
      ? sentences.map((s) => `${JSON.stringify({ sentence_id: s.id, set_id: s.set_id, template_id: s.template_id, corpus_row: s.corpus_row, groups: s.groups, text: s.text, text_pair: s.text_pair, values: s.values })}\n`).join('')
      : stringify(
          [['sentence_id', 'set_id', 'template_id', ...axes, 'text'], ...sentences.map((s) => [s.id, s.set_id, s.template_id ?? '', ...axes.map((a) => s.groups[a] ?? ''), s.text])],
          { record_delimiter: '\n' },
        );
  const counts = [`${sentences.length} sentences in ${generated.sets.length} sets`];
  for (const axis of generated.axes) {
    const inAxis = sentences.filter((s) => axis.name in s.groups);
    const perGroup = axis.groups.map((g) => `${g} ${inAxis.filter((s) => s.groups[axis.name] === g).length}`);
    counts.push(`${axis.name}: ${inAxis.length} sentences, ${generated.sets.filter((s) => s.axes.includes(axis.name)).length} sets; ${perGroup.join(', ')}`);
  }
  return { content, counts };
}
