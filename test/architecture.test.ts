/**
 * The doors between stages (.dependency-cruiser.cjs), enforced: dependency-cruiser walks src/
 * with the repository's rules and the test fails on any violation (a stage entered around its
 * index.ts, an earlier stage importing a later one, a cycle) and on any cycle between folders.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const CONFIG = path.resolve('.dependency-cruiser.cjs');

async function cruiseSrc(options: ICruiseOptions, baseDir: string, tsConfig?: unknown): Promise<ICruiseResult> {
  const { output } = await cruise(['src'], { ...options, baseDir }, {}, { tsConfig });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  return output;
}

function describeViolation(v: IViolation): string {
  return `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;
}

/** The folder under src/ a module is in ("report"), or "index" for src/index.ts. */
function folderOf(source: string): string | undefined {
  const match = /^src\/(?:([^/]+)\/|index\.ts$)/.exec(source);
  return match ? (match[1] ?? 'index') : undefined;
}

/** Each cycle between folders, as the folders on it ([] when there are none). */
function folderCycles(result: ICruiseResult): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const m of result.modules) {
    const from = folderOf(m.source);
    if (from === undefined) continue;
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (to !== undefined && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, trail: string[]): void => {
    if (state.get(folder) === 'done') return;
    if (state.get(folder) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(folder)), folder]);
      return;
    }
    state.set(folder, 'open');
    for (const next of edges.get(folder) ?? []) visit(next, [...trail, folder]);
    state.set(folder, 'done');
  };
  for (const folder of [...edges.keys()].sort()) visit(folder, []);
  return cycles;
}

describe('architecture', async () => {
  const options = await extractDepcruiseOptions(CONFIG);

  it('src/ keeps every door of .dependency-cruiser.cjs, without cycles between folders', async () => {
    const result = await cruiseSrc(options, process.cwd(), extractTSConfig('tsconfig.json'));
    // A cruise that found nothing would pass whatever the imports: it must have walked the stages.
    assert.ok(result.summary.totalCruised > 100, `cruised only ${result.summary.totalCruised} modules`);
    const reportIndex = result.modules.find((m) => m.source === 'src/report/index.ts');
    const seen = reportIndex?.dependencies.some((d) => d.resolved === 'src/results/index.ts');
    assert.ok(seen, 'src/report/index.ts → src/results/index.ts not seen');
    assert.deepEqual(result.summary.violations.map(describeViolation), []);
    assert.deepEqual(folderCycles(result), []);
  });

  describe('on a made-up tree', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'counterfair-doors-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };

    it('finds an import around a door, of a later stage, and a cycle between folders', async () => {
      write('src/metrics/types.ts', 'export type Value = number;\n');
      write('src/metrics/index.ts', "export type { Value } from './types.js';\nexport { describe } from '../report/index.js';\n");
      write('src/report/index.ts', "import type { Value } from '../metrics/types.js';\nexport const describe = (v: Value) => String(v);\n");
      const result = await cruiseSrc(options, dir);
      const found = result.summary.violations.map(describeViolation);
      assert.ok(found.includes('through-the-door: src/report/index.ts → src/metrics/types.ts'), found.join('\n'));
      assert.ok(found.includes('flow-metrics: src/metrics/index.ts → src/report/index.ts'), found.join('\n'));
      assert.deepEqual(folderCycles(result), [['metrics', 'report', 'metrics']]);
    });
  });
});
