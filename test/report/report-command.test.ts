import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { cli, fixture, tempDir } from '../helpers.ts';

/** Every file under a folder, relative to it, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => !readdirSync(dir, { withFileTypes: true }).some((d) => d.isDirectory() && d.name === f)).sort();
}

describe('counterfair report', () => {
  let run: string;
  before(async () => {
    run = tempDir();
    const r = await cli('run', fixture('planted.yaml'), '--out', run, '--quiet');
    assert.equal(r.code, 1, r.stderr);
  });

  it('run writes every output: html, json, csv, md, junit, timings and each chart as .vl.json and .svg', () => {
    assert.deepEqual(files(run), [
      'charts/country-deltas.svg',
      'charts/country-deltas.vl.json',
      'charts/country-gates.svg',
      'charts/country-gates.vl.json',
      'charts/country-heatmap.svg',
      'charts/country-heatmap.vl.json',
      'charts/country-map.svg',
      'charts/country-map.vl.json',
      'charts/country-means-NEGATIVE.svg',
      'charts/country-means-NEGATIVE.vl.json',
      'charts/country-means.svg',
      'charts/country-means.vl.json',
      'charts/gender-deltas.svg',
      'charts/gender-deltas.vl.json',
      'charts/gender-gates.svg',
      'charts/gender-gates.vl.json',
      'charts/gender-heatmap.svg',
      'charts/gender-heatmap.vl.json',
      'charts/gender-means-NEGATIVE.svg',
      'charts/gender-means-NEGATIVE.vl.json',
      'charts/gender-means.svg',
      'charts/gender-means.vl.json',
      'junit.xml',
      'report.html',
      'results.json',
      'sentences.csv',
      'summary.md',
      'timings.json',
    ]);
    const timings = JSON.parse(readFileSync(path.join(run, 'timings.json'), 'utf8')) as { schema: string; stages: Record<string, number> };
    assert.equal(timings.schema, 'counterfair/timings@1');
    assert.deepEqual(Object.keys(timings.stages), ['generate', 'load_model', 'classify', 'metrics', 'gate']);
    // A standalone chart carries its data and names its schema, so the Vega editor opens it.
    const spec = JSON.parse(readFileSync(path.join(run, 'charts', 'country-means.vl.json'), 'utf8')) as { $schema: string; data: { values: { group: string }[] } };
    assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v6.json');
    assert.deepEqual(spec.data.values.map((v) => v.group), ['India', 'Germany', 'France', 'Iraq']);
    assert.match(readFileSync(path.join(run, 'charts', 'country-means.svg'), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('re-renders every output byte for byte from results.json and sentences.csv, without a model', async () => {
    const out = path.join(tempDir(), 'again');
    const r = await cli('report', run, '--out', out);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, 'FAILED: Planted bias\n');
    assert.deepEqual(files(out), files(run));
    for (const f of files(run)) assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(run, f))), `${f} differs`);
  });

  it('takes results.json itself and writes beside it by default', async () => {
    const copy = tempDir();
    cpSync(run, copy, { recursive: true });
    rmSync(path.join(copy, 'report.html'));
    rmSync(path.join(copy, 'timings.json'));
    const r = await cli('report', path.join(copy, 'results.json'));
    assert.equal(r.code, 1, r.stderr);
    assert.ok(existsSync(path.join(copy, 'report.html')));
    // Without timings.json the page has no timings section, and none is invented.
    assert.doesNotMatch(readFileSync(path.join(copy, 'report.html'), 'utf8'), /<h3>Timings<\/h3>/);
    assert.ok(!existsSync(path.join(copy, 'timings.json')));
  });

  it('run --interactive inlines vega, vega-lite and vega-embed, each allowed by its hash, with no eval', async () => {
    const out = tempDir();
    const r = await cli('run', fixture('planted-pass.yaml'), '--out', out, '--quiet', '--interactive');
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    assert.equal((csp.match(/'sha256-[A-Za-z0-9+/=]+'/g) ?? []).length, 5);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline'?;?\s*script|https?:/);
    assert.match(csp, /^default-src 'none'; script-src /);
    assert.equal((html.match(/<script>/g) ?? []).length, 5);
    // One data block per chart: the gates, the dot plot, the heatmap, the strip plot, the other label's dot plot.
    assert.equal((html.match(/<script type="application\/json" data-chart=/g) ?? []).length, 5);
    assert.doesNotMatch(html, /sourceMappingURL/);
  });

  /** Copies the run, lets `spoil` change it, runs `report` and returns its outcome. */
  async function spoiled(spoil: (dir: string) => void) {
    const dir = tempDir();
    cpSync(run, dir, { recursive: true });
    spoil(dir);
    const out = path.join(tempDir(), 'out');
    const r = await cli('report', dir, '--out', out);
    return { ...r, dir, wrote: existsSync(out) };
  }

  it('exits 2 with one located line and writes nothing when sentences.csv is missing', async () => {
    const r = await spoiled((dir) => rmSync(path.join(dir, 'sentences.csv')));
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${path.join(r.dir, 'sentences.csv')}: cannot read: ENOENT; sentences.csv is needed beside results.json (counterfair run writes both)\n`);
    assert.equal(r.wrote, false);
  });

  it('points at the line and column of broken JSON', async () => {
    const r = await spoiled((dir) => {
      const file = path.join(dir, 'results.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"verdict": "failed",', '"verdict": "failed",,'));
    });
    assert.equal(r.code, 2);
    const lines = readFileSync(path.join(r.dir, 'results.json'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"verdict": "failed",,')) + 1;
    assert.match(r.stderr, new RegExp(`^${escape(path.join(r.dir, 'results.json'))}:${line}:\\d+: not valid JSON: [^\\n]+\\n$`));
    assert.equal(r.wrote, false);
  });

  it('points at the line and column of a value of the wrong type', async () => {
    const r = await spoiled((dir) => {
      const file = path.join(dir, 'results.json');
      const results = JSON.parse(readFileSync(file, 'utf8'));
      results.axes[0].labels[0].groups[1].metrics.mean.value = 'high';
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    });
    assert.equal(r.code, 2);
    const lines = readFileSync(path.join(r.dir, 'results.json'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"value": "high"')) + 1;
    const col = (lines[line - 1] as string).indexOf('"high"') + 1;
    assert.equal(r.stderr, `${path.join(r.dir, 'results.json')}:${line}:${col}: axes.0.labels.0.groups.1.metrics.mean.value: Invalid input: expected number, received string\n`);
  });

  it('re-derives the verdict from the gates: a results.json edited to read "passed" is refused', async () => {
    const r = await spoiled((dir) => {
      const file = path.join(dir, 'results.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"verdict": "failed"', '"verdict": "passed"'));
    });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${path.join(r.dir, 'results.json')}: verdict "passed" disagrees with its gates, which give "failed": the file was edited or is corrupt\n`);
    assert.equal(r.wrote, false);
  });

  it('reads a version 1 results.json (passed: true/false) as version 2, its verdict taken from its gates', async () => {
    const dir = tempDir();
    cpSync(run, dir, { recursive: true });
    const file = path.join(dir, 'results.json');
    const v2 = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { verdict: _verdict, ...rest } = v2;
    writeFileSync(file, `${JSON.stringify({ ...rest, schema: 'counterfair/results@1', passed: true }, null, 2)}\n`);
    const out = path.join(tempDir(), 'out');
    const r = await cli('report', dir, '--out', out);
    // Its "passed: true" is not trusted either: a gate failed, so the run failed.
    assert.equal(r.code, 1, r.stderr);
    const rewritten = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual([rewritten.schema, rewritten.verdict, 'passed' in rewritten], ['counterfair/results@2', 'failed', false]);
  });

  it('refuses a sentences.csv that does not hold the sentences results.json was computed from', async () => {
    // One probability edited: the page would chart one number and tabulate another.
    const r = await spoiled((dir) => {
      const file = path.join(dir, 'sentences.csv');
      const lines = readFileSync(file, 'utf8').split('\n');
      const cells = (lines[1] as string).split(',');
      const p = Number(cells[cells.length - 1]);
      cells[cells.length - 1] = String(1 - p);
      cells[cells.length - 2] = String(p);
      lines[1] = cells.join(',');
      writeFileSync(file, lines.join('\n'));
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^${escape(path.join(r.dir, 'sentences.csv'))}: does not belong with results.json beside it: the mean P\\(POSITIVE\\) of \\S+ on \\S+ is 0\\.\\d{3} in results.json but 0\\.\\d{3} from sentences.csv; `));
    assert.equal(r.wrote, false);
    // A group mean forged in results.json is caught the same way.
    const forged = await spoiled((dir) => {
      const file = path.join(dir, 'results.json');
      const results = JSON.parse(readFileSync(file, 'utf8'));
      results.axes[0].labels[0].groups[0].metrics.mean.value = 1e308;
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    });
    assert.equal(forged.code, 2);
    assert.match(forged.stderr, /is 1e\+308 in results\.json but 0\.\d{3} from sentences\.csv/);
    assert.doesNotMatch(forged.stderr, /\n\s+at /);
  });

  it('says which results version it reads', async () => {
    const r = await spoiled((dir) => {
      const file = path.join(dir, 'results.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"counterfair/results@2"', '"counterfair/results@9"'));
    });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `${path.join(r.dir, 'results.json')}:2:13: schema: must be "counterfair/results@2" (this counterfair reads that version)\n`);
  });

  it('exits 2 for a path that holds no results', async () => {
    const r = await cli('report', path.join(tempDir(), 'nowhere'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nowhere: no such file: expected a results\.json or a folder holding one\n$/);
  });
});

describe('GitHub annotations', () => {
  it('run prints one ::error per failed gate at its line in the spec when GITHUB_ACTIONS=true', async () => {
    const before = process.env['GITHUB_ACTIONS'];
    process.env['GITHUB_ACTIONS'] = 'true';
    try {
      const r = await cli('run', fixture('planted.yaml'), '--out', tempDir(), '--quiet');
      assert.equal(r.code, 1);
      const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.deepEqual(annotations, [
        '::error file=test/fixtures/planted.yaml,line=18,col=5,title=counterfair%3A gate failed (Planted bias)::gap on country is 0.5692, above max 0.1',
        '::error file=test/fixtures/planted.yaml,line=19,col=5,title=counterfair%3A gate failed (Planted bias)::flip_rate on country is 0.6667, above max 0.5',
        '::error file=test/fixtures/planted.yaml,line=19,col=5,title=counterfair%3A gate failed (Planted bias)::flip_rate on gender is 1, above max 0.5',
      ]);
    } finally {
      if (before === undefined) delete process.env['GITHUB_ACTIONS'];
      else process.env['GITHUB_ACTIONS'] = before;
    }
  });

  it('prints none outside GitHub Actions', async () => {
    const before = process.env['GITHUB_ACTIONS'];
    delete process.env['GITHUB_ACTIONS'];
    try {
      const r = await cli('run', fixture('planted-pass.yaml'), '--out', tempDir(), '--quiet');
      assert.doesNotMatch(r.stdout, /^::/m);
    } finally {
      if (before !== undefined) process.env['GITHUB_ACTIONS'] = before;
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
