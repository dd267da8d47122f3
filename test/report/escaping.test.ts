import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { AuditResults } from '../../src/index.ts';
import { tableScript } from '../../src/report/page-assets.ts';
import { cli, fixture, groupsOf, tempDir } from '../helpers.ts';

const EVIL = ['<img src=x onerror=alert(1)>', 'Tom "the, best" & ]]> O\'Brien', 'line\nbreak </td></table><script>alert(2)</script>'];

describe('untrusted group names in every output', () => {
  let out: string;
  before(async () => {
    out = tempDir();
    const r = await cli('run', fixture('evil.yaml'), '--out', out, '--quiet');
    assert.equal(r.code, 0, r.stderr);
  });

  it('results.json keeps them as data', () => {
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as AuditResults;
    assert.deepEqual(groupsOf(results.axes[0]).map((g) => g.name), EVIL);
    assert.equal(results.name, 'Escaping <b>check</b> & friends');
  });

  it('sentences.csv round-trips them, newlines, quotes and commas included', () => {
    const rows = parse(readFileSync(path.join(out, 'sentences.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r.who), EVIL);
    assert.deepEqual(rows.map((r) => r.text), EVIL.map((e) => `I met ${e} in India.`));
  });

  it('report.html shows them as text: no tag from the data survives', () => {
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.doesNotMatch(html, /<img/i);
    // The only script that runs is the page's own table script, allowed by its hash; the
    // sentences travel in a JSON data block, where no text can close the block.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.deepEqual(scripts.filter((m) => !m[1]?.includes('type="application/json"')).map((m) => m[2]), [tableScript().code]);
    const data = scripts.find((m) => m[1]?.includes('id="sentence-data"'))?.[2] ?? '';
    assert.doesNotMatch(data, /[<>&]/);
    assert.deepEqual((JSON.parse(data) as { rows: string[][] }).rows.map((r) => r[2]), EVIL);
    assert.ok(html.replace(/&#39;/g, "'").includes(`script-src ${tableScript().hash};`));
    assert.doesNotMatch(html, /alert\(2\)<\/script>/);
    assert.doesNotMatch(html, /<b>check/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /Escaping &lt;b&gt;check&lt;\/b&gt; &amp; friends/);
    // The page's own structure is intact: every table that opens closes.
    assert.equal((html.match(/<table/g) ?? []).length, (html.match(/<\/table>/g) ?? []).length);
  });

  it('summary.md and junit.xml show them escaped, and the chart files name no group', () => {
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    assert.doesNotMatch(summary, /<img|<script|<\/td>/i);
    assert.match(summary, /&lt;img src=x onerror=alert\(1\)&gt;/);
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    assert.doesNotMatch(junit, /<img|<b>/);
    assert.deepEqual(readdirSync(path.join(out, 'charts')).sort(), ['who-deltas.svg', 'who-deltas.vl.json', 'who-heatmap.svg', 'who-heatmap.vl.json', 'who-means-NEGATIVE.svg', 'who-means-NEGATIVE.vl.json', 'who-means.svg', 'who-means.vl.json']);
    const svg = readFileSync(path.join(out, 'charts', 'who-means.svg'), 'utf8');
    assert.doesNotMatch(svg, /<img|<script/i);
    assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
