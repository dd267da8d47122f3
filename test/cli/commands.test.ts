// @full: runs bin/counterfair.js, which loads the bundled CLI (npm run build)
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { cli, fixture, tempDir } from '../helpers.ts';

describe('counterfair validate', () => {
  it('accepts a valid audit and counts what it would generate', async () => {
    const r = await cli('validate', fixture('planted.yaml'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${fixture('planted.yaml')}: valid (2 axes, 5 sets, 16 sentences)\n`);
  });

  it('accepts the shipped example audits', async () => {
    for (const spec of ['audits/demo.yaml', 'audits/country-sentiment.yaml', 'audits/eec.yaml', 'audits/gender-occupation.yaml', 'audits/nli-gender.yaml', 'audits/gender-country.yaml', 'audits/corpus-reviews.yaml']) {
      const r = await cli('validate', spec);
      assert.equal(r.code, 0, `${spec}: ${r.stderr}`);
    }
  });
});

describe('counterfair generate', () => {
  it('writes JSON Lines to stdout and counts per axis and group to stderr', async () => {
    const r = await cli('generate', fixture('planted.yaml'));
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 16);
    assert.deepEqual(Object.keys(lines[0] ?? {}), ['sentence_id', 'set_id', 'template_id', 'groups', 'text', 'values']);
    assert.deepEqual(lines.slice(0, 4).map((l) => l.text), ['I am from India.', 'I am from Iraq.', 'I am from Germany.', 'I am from France.']);
    assert.equal(
      r.stderr,
      '16 sentences in 5 sets\ncountry: 12 sentences, 3 sets; India 3, Iraq 3, Germany 3, France 3\ngender: 4 sentences, 2 sets; female 2, male 2\n',
    );
  });

  it('writes CSV with one column per axis', async () => {
    const out = path.join(tempDir(), 'sentences.csv');
    const r = await cli('generate', fixture('planted.yaml'), '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 16);
    assert.deepEqual(rows.at(-1), { ...rows.at(-1), country: '', gender: 'male', text: 'I met him today.' });
  });

  it('rejects an output that is neither .jsonl nor .csv', async () => {
    const r = await cli('generate', fixture('planted.yaml'), '--out', 'x.txt');
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'x.txt: output must end in .jsonl or .csv\n');
  });
});

describe('counterfair schema', () => {
  it('prints the committed JSON Schema', async () => {
    const r = await cli('schema');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(path.join('schema', 'audit.schema.json'), 'utf8'), 'run npm run build:schema');
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown>; required: string[] };
    assert.deepEqual(Object.keys(schema.properties), ['name', 'description', 'seed', 'language', 'model', 'templates', 'fillers', 'max_sets', 'max_sentences', 'corpus', 'perturb', 'axes', 'bootstrap', 'gates', 'breakdown']);
    assert.deepEqual(schema.required, ['name', 'model', 'axes']);
  });
});

describe('the counterfair bin', () => {
  it('runs as a process and sets its exit code', () => {
    const bin = path.join('bin', 'counterfair.js');
    assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }), `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
    const out = tempDir();
    const failed = spawnSync(process.execPath, [bin, 'run', fixture('planted.yaml'), '--out', out, '--quiet'], { encoding: 'utf8' });
    assert.equal(failed.status, 1, failed.stderr);
    const bad = spawnSync(process.execPath, [bin, 'validate', 'audits/missing.yaml'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'audits/missing.yaml: cannot read spec: ENOENT\n');
  });

  it('ends quietly with the verdict\'s exit code when its reader closes the pipe early', () => {
    const bin = path.join('bin', 'counterfair.js');
    const out = tempDir();
    // `head -c 0` exits at once: every write to the pipe after that fails with EPIPE.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" ${bin} run ${fixture('planted-pass.yaml')} --out ${out} | head -c 0; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.match(r.stderr, /status 0\n$/);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
  });
});
