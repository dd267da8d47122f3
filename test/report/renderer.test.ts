// @full: drives the built library (dist/) in a child process
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { renderSvg as renderHere } from '../../src/report/charts/render.ts';
import { buildCharts, renderSvg, startChartRenderer, stopChartRenderer } from '../../src/report/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

const BIN = path.join('bin', 'counterfair.js');
/** Preloaded into a process, makes every import of vega or vega-lite from node_modules fail. */
const NO_VEGA = ['--import', `./${path.join('test', 'report', 'fixtures', 'no-vega.mjs')}`];

/** A node process with vega blocked; a hang ends at the timeout, as a failure. */
function nodeWithoutVega(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...NO_VEGA, ...argv], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the chart renderer', () => {
  const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C'], templates: 3, score: (g, t) => 0.2 + 0.1 * g + 0.05 * t });
  const charts = buildCharts(results, sentences);

  it('renders in its worker exactly what vega renders in this thread', async () => {
    startChartRenderer();
    for (const c of charts) assert.equal(await renderSvg(c.spec), await renderHere(c.spec), c.name);
  });

  it('never keeps a process alive: one that only starts it exits at once', () => {
    const script = `import(${JSON.stringify(new URL('../../src/report/index.ts', import.meta.url).href)}).then((r) => r.startChartRenderer())`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
  });

  it('rejects what it owes when stopped, at once, and starts afresh for the next render', async () => {
    const pending = assert.rejects(Promise.all(charts.map((c) => renderSvg(c.spec))), /the chart renderer was stopped/);
    await stopChartRenderer();
    await pending;
    assert.match(await renderSvg(charts[0]!.spec), /^<svg/);
  });
});

describe('the report stage without vega in the main thread', () => {
  let run: string;
  before(async () => {
    run = tempDir();
    const r = await cli('run', fixture('planted.yaml'), '--out', run, '--quiet');
    assert.equal(r.code, 1, r.stderr);
  });

  it('commands that write no report never load vega', () => {
    // From the sources, whose imports the bundled CLI mirrors (the bundle inlines vega, where no hook sees it).
    const out = path.join(tempDir(), 'sentences.jsonl');
    const cliProcess = path.join('test', 'classify', 'cli-process.ts');
    for (const argv of [['--version'], ['schema'], ['lexicons'], ['validate', fixture('planted.yaml')], ['generate', fixture('planted.yaml'), '--out', out]]) {
      const r = nodeWithoutVega('--import', 'tsx', cliProcess, ...argv);
      assert.equal(r.status, 0, `${argv.join(' ')}: ${r.stderr}`);
    }
    // The hook does block vega in that process: a report there fails.
    assert.equal(nodeWithoutVega('--import', 'tsx', '--input-type=module', '-e', "await import('vega')").status, 1);
  });

  it('writeReports fails with one clear error, promptly, when the renderer cannot load vega, writing nothing', () => {
    // The library as built (dist/): its worker is a plain module, which the hook reaches.
    const out = path.join(tempDir(), 'out');
    const script = `const r = await import(${JSON.stringify(new URL('../../dist/report/index.js', import.meta.url).href)});
      const { readRun } = await import(${JSON.stringify(new URL('../../dist/results/index.js', import.meta.url).href)});
      const run = readRun(${JSON.stringify(run)});
      try { await r.writeReports(${JSON.stringify(out)}, run.results, run.sentences); } catch (err) { console.error(err.message); process.exitCode = 2; }`;
    // A file, not --eval: the worker inherits the process's flags, and --input-type fails there.
    const file = path.join(tempDir(), 'write-reports.mjs');
    writeFileSync(file, script);
    const r = nodeWithoutVega(file);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, 'the chart renderer failed: vega is blocked in this process (vega)\n');
    assert.equal(existsSync(out), false);
  });

  it('report renders as a process that exits when done, byte for byte as run wrote it', () => {
    const out = path.join(tempDir(), 'out');
    const r = spawnSync(process.execPath, [BIN, 'report', run, '--out', out], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    for (const f of ['report.html', 'charts/country-heatmap.svg', 'charts/country-heatmap.vl.json', 'charts/gender-deltas.svg']) {
      assert.equal(readFileSync(path.join(out, f), 'utf8'), readFileSync(path.join(run, f), 'utf8'), f);
    }
  });
});
