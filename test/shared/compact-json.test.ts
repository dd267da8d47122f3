import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import prettyCompact from 'json-stringify-pretty-compact';
import { stringifyCompact } from '../../src/shared/compact-json.ts';
import { buildCharts } from '../../src/report/index.ts';
import { syntheticRun } from '../report/synthetic.ts';

describe('stringifyCompact', () => {
  it('puts what fits on one line with spacing, and spreads the rest one item per line', () => {
    const spec = { mark: { type: 'rect' }, data: { values: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }] }, skip: undefined, list: [1, 2, 3] };
    assert.equal(
      stringifyCompact(spec, 60),
      ['{', '  "mark": {"type": "rect"},', '  "data": {', '    "values": [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]', '  },', '  "list": [1, 2, 3]', '}'].join('\n'),
    );
    assert.equal(stringifyCompact([undefined, Number.NaN, [], {}], 10), '[\n  null,\n  null,\n  [],\n  {}\n]');
  });

  it('writes chart specs as json-stringify-pretty-compact does', () => {
    const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C', 'D'], templates: 6, score: (g, t) => 0.1 * g + 0.03 * t });
    for (const c of buildCharts(results, sentences)) assert.equal(stringifyCompact(c.spec, 100), prettyCompact(c.spec, { maxLength: 100 }), c.name);
  });
});
