import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { AuditResults } from '../../src/index.ts';
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
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<b>check/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /Escaping &lt;b&gt;check&lt;\/b&gt; &amp; friends/);
    // The page's own structure is intact: every table that opens closes.
    assert.equal((html.match(/<table/g) ?? []).length, (html.match(/<\/table>/g) ?? []).length);
  });
});
