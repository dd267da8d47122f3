/**
 * Input generators for the fuzz tests: random edits of valid files, biased towards the tokens
 * that break parsers (brackets, quotes, anchors, slots, huge numbers, inherited names).
 */
import fc from 'fast-check';

/** Runs per property: a few hundred in `npm test`; set COUNTERFAIR_FUZZ_RUNS for a long run. */
export const RUNS = Number(process.env['COUNTERFAIR_FUZZ_RUNS'] ?? 150);

/** Fragments that mean something to YAML, JSON, CSV, templates or JavaScript objects. */
const TOKENS = [
  '{', '}', '[', ']', ':', ': ', ',', '- ', '"', "'", '\n', '\n  ', '  ', '#', '&a ', '*a', '!!str ', '|', '>', '\t',
  'null', 'true', '~', '0', '-1', '0.5', '1e308', '-1e308', 'NaN', '.inf', '2147483648', '""', '[]', '{}',
  '__proto__', 'constructor', 'toString', 'valueOf', '{country}', '{gender.subject}', '{a/an}', '{x|cap}', '{{', '}}',
  '\u0000', '\u001b[31m', '\u2028', '\uFEFF', '\uD800', 'é', '👩🏽‍🔬', '::error::x', '=1+1', '\r\n', '"a,b"', ';', '\\',
];

/** One edit of a text: delete a span, insert a token, duplicate a line, or swap two lines. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'duplicate':
    case 'swap': {
      const lines = text.split('\n');
      const i = e.at % lines.length;
      if (e.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
      else {
        const j = e.with % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      }
      return lines.join('\n');
    }
  }
}

/** A valid text with 1 to 6 random edits, or (one time in ten) a random string. */
export function mutated(...valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...valid), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => edits.reduce(apply, text)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

/** A random JSON value, for replacing parts of a parsed file. */
export const jsonValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, -0, '__proto__', 'constructor', [], {}),
);

/** A copy of `value` with the node at a random path replaced by `replacement`. */
export function replaceAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[(path[0] ?? 0) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  copy[key] = replaceAt((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}
