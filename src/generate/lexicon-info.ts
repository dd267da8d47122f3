/** What `counterfair lexicons` and `counterfair lexicons show` print. */
import { fieldInfo } from './fields.js';
import type { Lexicon } from './types.js';

/**
 * One line per lexicon: name, groups, fields (default first), source.
 * @param refs how to name each lexicon (default: its name), e.g. `es/countries` for a Spanish built-in.
 */
export function listLexicons(lexicons: readonly Lexicon[], refs: readonly string[] = lexicons.map((l) => l.name)): string {
  const width = Math.max(...refs.map((r) => r.length));
  return lexicons
    .map((l, i) => {
      const ref = refs[i] ?? l.name;
      const fields = [l.default_field, ...Object.keys(l.fields).filter((f) => f !== l.default_field)];
      return `${ref.padEnd(width)}  ${String(l.groups.length).padStart(3)} groups  fields: ${fields.join(', ')}\n${' '.repeat(width)}  source: ${l.source}\n`;
    })
    .join('');
}

/** A lexicon in full: what it is, each field with its kind and doc, each group with its forms and source. */
export function describeLexicon(l: Lexicon): string {
  const lines = [`${l.name}: ${l.description ?? ''}`.trimEnd(), `source: ${l.source}`];
  if (l.language !== undefined) lines.push(`language: ${l.language}`);
  if (l.license !== undefined) lines.push(`license: ${l.license}`);
  if (l.default_groups) lines.push(`default groups: ${l.default_groups.join(', ')} (others only when an audit lists them)`);
  lines.push('', 'fields:');
  for (const f of Object.keys(l.fields)) {
    const info = fieldInfo(l, f);
    const kind = [
      f === l.default_field ? 'default' : '',
      info.paired !== undefined ? `paired (series ${info.paired})` : '',
      info.by !== undefined ? `by ${info.by}` : '',
      info.swap ? `swapped in corpora${typeof info.swap === 'string' ? ` as ${info.swap}` : ''}` : '',
      info.role !== undefined ? `role ${info.role}` : '',
      info.names ? 'first names' : '',
    ].filter(Boolean);
    lines.push(`  ${f}${kind.length ? ` [${kind.join('; ')}]` : ''}: ${info.doc}`);
  }
  lines.push('', 'groups:');
  for (const g of l.groups) {
    lines.push(`  ${g.group}${g.source !== undefined ? `  (source: ${g.source})` : ''}`);
    for (const [f, form] of Object.entries(g.forms)) lines.push(`    ${f}: ${typeof form === 'string' ? form : JSON.stringify(form)}`);
  }
  return `${lines.join('\n')}\n`;
}
