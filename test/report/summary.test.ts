import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSummaryMd, SUMMARY_LIMITS } from '../../src/report/index.ts';
import { md } from '../../src/report/summary-md.ts';
import { syntheticRun } from './synthetic.ts';

describe('summary.md', () => {
  it('stays under 1 MiB for 200 groups × 50 templates, with the verdict, capped gates and top disparities', () => {
    // 200 groups, each with a per-group gate: 200 gate results, 10,000 sentences.
    const groups = Array.from({ length: 200 }, (_, g) => `Group ${g} ${'x'.repeat(300)}`);
    const { results, sentences } = syntheticRun({ groups, templates: 50, score: (g, t) => ((g * 7 + t * 3) % 100) / 100 });
    assert.equal(results.gates.length, 200);
    assert.equal(sentences.length, 10_000);
    const text = renderSummaryMd(results, sentences);
    const bytes = Buffer.byteLength(text, 'utf8');
    assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
    // Far below the ceiling in fact: every list is capped.
    assert.ok(bytes < 64 * 1024, `${bytes} bytes`);
    assert.match(text, /^## ❌ FAILED: Synthetic audit$/m);
    const gateRows = text.split('\n').filter((l) => /^\| (✅|❌|⚠️|❔) /.test(l));
    assert.equal(gateRows.length, SUMMARY_LIMITS.gates);
    // Failures come first.
    assert.ok(gateRows[0]?.startsWith('| ❌ FAIL |'), gateRows[0]);
    assert.match(text, /…and 150 more gate results in results\.json and junit\.xml\./);
    // Long names are cut.
    assert.doesNotMatch(text, /x{200}/);
    assert.match(text, /\*\*`group`\*\* \(200 groups, 50 sets, reference Group 0/);
  });

  it('lists the highest and lowest groups and the widest pairs with exact values', () => {
    const { results, sentences } = syntheticRun({ groups: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], templates: 2, score: (g) => 0.1 + g * 0.1 });
    const text = renderSummaryMd(results, sentences);
    assert.match(text, /- highest P\(POSITIVE\): G 0\.700 \[0\.650, 0\.750\], F 0\.600 \[0\.550, 0\.650\], E 0\.500 \[0\.450, 0\.550\]/);
    assert.match(text, /- lowest P\(POSITIVE\): A 0\.100 \[0\.050, 0\.150\], B 0\.200 \[0\.150, 0\.250\], C 0\.300 \[0\.250, 0\.350\]/);
    assert.match(text, /- “Template 0 about G\.” 0\.700 vs “Template 0 about A\.” 0\.100 \(difference 0\.600\)/);
    assert.match(text, /- `gap` 0\.600 \[0\.550, 0\.650\] · `flip_rate` 1\.000 \[0\.950, 1\.050\]/);
  });

  it('escapes untrusted text: no HTML, links, images or table breaks', () => {
    assert.equal(md('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(md('a | b'), 'a \\| b');
    assert.equal(md('![x](http://e.com)'), '\\!\\[x\\](http\\://e.com)');
    assert.equal(md('see www.e.com'), 'see www\\.e.com');
    assert.equal(md('`code` *em* _em_ ~del~'), '\\`code\\` \\*em\\* \\_em\\_ \\~del\\~');
    assert.equal(md('line\nbreak'), 'line break');
    assert.equal(md('nul\u0000'), 'nul\uFFFD');
    assert.equal([...md('é'.repeat(500))].length, SUMMARY_LIMITS.text);
  });
});
