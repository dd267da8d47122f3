/** docs/metrics.md is generated from the catalog: it must be what the generator renders now. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { METRICS, type MetricRow } from '../../src/metrics/index.ts';
import { renderMetricsDoc } from '../../scripts/docs/metrics-doc.ts';

describe('docs/metrics.md', () => {
  const doc = readFileSync(path.join('docs', 'metrics.md'), 'utf8');

  it('is what `npm run build:docs` writes from the catalog today', () => {
    assert.equal(doc, renderMetricsDoc(), 'docs/metrics.md is stale: run npm run build:docs');
  });

  it('has a row for every metric, with its range and no-disparity value', () => {
    for (const m of METRICS) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${m.name}\` | `));
      assert.ok(row, `${m.name} has a row`);
      assert.ok(row.includes(`| [${m.range[0]}, ${m.range[1]}] | ${m.ideal ?? '—'} |`), `${m.name}: range and ideal`);
    }
  });
});

describe('the catalog', () => {
  it('says, for every metric of disparity, which test answers "no disparity" or why none applies', () => {
    for (const m of METRICS as readonly MetricRow[]) {
      if (m.ideal === null) continue;
      assert.ok((m.tests?.length ?? 0) > 0 || m.untested !== undefined, `${m.name} has a test or says why not`);
      assert.ok(!(m.tests?.includes('permutation') && m.untested), `${m.name} cannot be both`);
    }
  });

  it('gives every metric a range that holds its no-disparity value', () => {
    for (const m of METRICS as readonly MetricRow[]) {
      assert.ok(m.range[0] < m.range[1], m.name);
      if (m.ideal !== null) assert.ok(m.ideal >= m.range[0] && m.ideal <= m.range[1], m.name);
    }
  });
});
