// @full: needs Debian's chromium
/**
 * Reports in a real browser: Debian's chromium driven by playwright-core. Skips (saying why)
 * when chromium is missing, unless CI is set: there it must run, so it fails instead.
 *
 * Renders the demo, gender × country, the corpus audit and a comparison once each, and checks
 * them at 390, 1024 and 1400 px: no sideways page scroll, every chart inside the viewport, the
 * findings on top, axe-core's serious and critical rules clean, every control reachable by
 * keyboard, the size budgets held. Saves screenshots under reports/test-artifacts/ (and, with
 * UPDATE_SCREENSHOTS=1, the first screens of the demo and gender × country under docs/screenshots/).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeReports } from '../../src/report/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';
import { syntheticRun } from './synthetic.ts';

const ARTIFACTS = path.join('reports', 'test-artifacts');
const SCREENSHOTS = path.join('docs', 'screenshots');
/** The flags the browser runs with in CI: headless, no sandbox (root in a container), nothing phoning home. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WIDTHS = [390, 1024, 1400] as const;

/**
 * Size budgets: bytes of report.html and results.json, and the height of the page above the
 * sentence table at 1400 px (everything a reader scrolls through before the raw data).
 */
export const BUDGETS = {
  demo: { html: 1_250_000, results: 800_000, height: 7_000 },
  'gender-country': { html: 2_000_000, results: 2_500_000, height: 10_000 },
} as const;

function findChromium(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
const skip =
  executablePath === undefined && !process.env['CI']
    ? 'chromium is not installed (apt-get install -y chromium); the browser test is required when CI is set'
    : false;

/** What a page did while open: console errors, requests beyond the file itself, dialogs. */
interface PageLog {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(browser: Browser, file: string, width = 1280): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const url = pathToFileURL(path.resolve(file)).href;
  const log: PageLog = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url) log.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, log };
}

/** Marks drawn in a chart's SVG: the elements inside its role-mark groups of one mark type. */
function countMarks(page: Page, chart: string, type: string): Promise<number> {
  return page.locator(`#chart-${chart} svg g.mark-${type}.role-mark > path`).count();
}

/** The layout facts checked at every width. */
interface Layout {
  scrollWidth: number;
  innerWidth: number;
  /** Visible charts whose box leaves the viewport. */
  chartsOutside: string[];
  visibleCharts: number;
  /** Cards (label sections) whose content overflows them. */
  overflowingCards: string[];
  /** Interactive elements the keyboard cannot reach. */
  unreachable: string[];
  sentencesTop: number | null;
}

/** Runs in the page (as text: the test has no DOM types). */
const LAYOUT = `(() => {
  const visible = (e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed';
  const charts = [...document.querySelectorAll('figure.chart > svg')].filter((svg) => svg.getBoundingClientRect().width > 0 && visible(svg.parentElement));
  const controls = [...document.querySelectorAll('a[href], button, select, input, summary, textarea')].filter((e) => visible(e) && !e.disabled);
  const sentences = document.getElementById('sentences');
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    chartsOutside: charts.filter((svg) => svg.getBoundingClientRect().left < -0.5 || svg.getBoundingClientRect().right > window.innerWidth + 0.5).map((svg) => svg.parentElement.id),
    visibleCharts: charts.length,
    overflowingCards: [...document.querySelectorAll('details.label[open]')].filter((d) => d.scrollWidth > d.clientWidth + 1).map((d) => d.id),
    unreachable: controls.filter((e) => e.tabIndex < 0).map((e) => e.outerHTML.slice(0, 80)),
    sentencesTop: sentences ? sentences.getBoundingClientRect().top + window.scrollY : null,
  };
})()`;

function layout(page: Page): Promise<Layout> {
  return page.evaluate(LAYOUT) as Promise<Layout>;
}

const AXE = readFileSync(path.join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  return page.evaluate(`(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
  })()`) as Promise<string[]>;
}

describe('reports in Chromium', { skip }, () => {
  let browser: Browser;
  let fixtureRun: string;
  let live: string;
  const runs: Record<'demo' | 'gender-country' | 'corpus' | 'compare', string> = {
    demo: '',
    'gender-country': '',
    corpus: '',
    compare: '',
  };

  before(async () => {
    if (executablePath === undefined)
      throw new Error('CI is set but chromium is not installed: .ci/run must install it (apt-get install -y chromium)');
    fixtureRun = tempDir();
    live = tempDir();
    assert.equal((await cli('run', fixture('report.yaml'), '--out', fixtureRun, '--quiet', '--no-cache')).code, 1);
    assert.equal((await cli('report', fixtureRun, '--out', live, '--interactive', '--no-cache')).code, 1);
    for (const [name, spec] of [
      ['demo', 'audits/demo.yaml'],
      ['gender-country', 'audits/gender-country.yaml'],
      ['corpus', 'audits/corpus-reviews.yaml'],
    ] as const) {
      runs[name] = tempDir();
      const r = await cli('run', spec, '--out', runs[name], '--quiet', '--no-cache');
      assert.notEqual(r.code, 2, r.stderr);
    }
    // A comparison of two runs of 40 groups whose templates differ (one more in the candidate),
    // where the candidate widens the gap.
    const groups = Array.from({ length: 40 }, (_, i) => `Group ${i + 1}`);
    const base = syntheticRun({ groups, templates: 6, score: (g, t) => 0.4 + 0.004 * g + 0.01 * t });
    const cand = syntheticRun({ groups, templates: 7, score: (g, t) => 0.3 + 0.01 * g + 0.01 * t });
    const [a, b] = [tempDir(), tempDir()];
    await writeReports(a, base.results, base.sentences);
    await writeReports(b, cand.results, cand.sentences);
    runs.compare = tempDir();
    const r = await cli('compare', a, b, '--out', runs.compare);
    assert.equal(r.code, 1, r.stderr);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath, args: FLAGS });
  });

  after(async () => {
    await browser?.close();
  });

  it('draws every chart of the fixture, loads nothing, logs no error, shows hostile group names as text', async () => {
    const { page, log } = await open(browser, path.join(fixtureRun, 'report.html'));
    // Charts drew: one mark per datum (4 countries, 3 templates, 3 non-reference countries × 3 sets).
    assert.equal(await countMarks(page, 'country-means', 'symbol'), 4);
    assert.equal(await countMarks(page, 'country-heatmap', 'rect'), 12);
    assert.equal(await countMarks(page, 'country-deltas', 'rect'), 9);
    assert.equal(await countMarks(page, 'country-map', 'shape'), 177);
    assert.equal(await countMarks(page, 'who-means', 'symbol'), 3);
    assert.equal(await countMarks(page, 'who-heatmap', 'rect'), 3);
    // Every chart is one image with a text alternative.
    const alts = await page
      .locator('figure.chart > svg')
      .evaluateAll((svgs) => svgs.map((s) => [s.getAttribute('role'), s.getAttribute('aria-label') ?? '']));
    assert.ok(alts.length > 0 && alts.every(([role, alt]) => role === 'img' && (alt as string).length > 20));
    // The group named <img src=x onerror=alert(1)> is text in tables and charts, and ran nothing.
    assert.ok((await page.getByText('<img src=x onerror=alert(1)>', { exact: true }).count()) >= 2);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('b').count(), 0);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.requests, []);
    assert.deepEqual(log.errors, []);
    await page.close();
  });

  it('pages the sentence table (a bounded number of rows in the DOM) and filters it by group, template and label', async () => {
    const { page, log } = await open(browser, path.join(runs.demo, 'report.html'));
    const rows = page.locator('#sentence-table tbody tr');
    const data = JSON.parse((await page.locator('#sentence-data').textContent()) ?? '{}') as { rows: unknown[][] };
    const total = data.rows.length;
    assert.ok(total > 1000);
    assert.equal(await rows.count(), 50);
    assert.equal(await page.locator('#sentence-count').textContent(), `${total} sentences; 1–50 shown`);
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await page.locator('#sentence-page').textContent(), `Page 2 of ${Math.ceil(total / 50)}`);
    assert.equal(await rows.count(), 50);
    await page.locator('#sentence-filters').getByLabel('country', { exact: true }).selectOption('Iraq');
    // Iraq is in each of the 8 country templates.
    assert.equal(await rows.count(), 8);
    assert.match((await page.locator('#sentence-count').textContent()) ?? '', new RegExp(`^8 of ${total} sentences match`));
    await page.locator('#sentence-filters').getByLabel('template', { exact: true }).selectOption('T1');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().locator('td').nth(4).textContent(), 'I am from Iraq.');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('#sentence-filters').getByLabel('predicted', { exact: true }).selectOption('NEGATIVE');
    const countText = (await page.locator('#sentence-count').textContent()) ?? '';
    const negatives = Number(/^(\d+) of/.exec(countText)?.[1]);
    assert.ok(negatives > 0 && negatives < total, countText);
    // Sorting sorts every matching row, not the page: the lowest P(POSITIVE) first.
    await page.locator('#sentence-table th', { hasText: 'P(POSITIVE)' }).click();
    const first = Number(await rows.first().locator('td').last().getAttribute('data-value'));
    assert.equal(first, Math.min(...data.rows.map((r) => r[r.length - 1] as number)));
    // The keyboard reaches the filters.
    await page.getByPlaceholder('e.g. Iraq').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement && document.activeElement.tagName'), 'SELECT');
    assert.deepEqual(log.errors, []);
    await page.close();
  });

  for (const name of ['demo', 'gender-country', 'corpus', 'compare'] as const) {
    it(`${name}: at 390, 1024 and 1400 px no sideways scroll, charts inside, findings first, axe clean, every control reachable`, async () => {
      const file = path.join(runs[name], name === 'compare' ? 'compare.html' : 'report.html');
      const { page, log } = await open(browser, file, 390);
      const heights: Record<number, number | null> = {};
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const l = await layout(page);
        assert.ok(l.scrollWidth <= l.innerWidth, `${name} at ${width}: the page is ${l.scrollWidth} px wide`);
        assert.deepEqual(l.chartsOutside, [], `${name} at ${width}: charts outside the viewport`);
        assert.ok(l.visibleCharts > 0, `${name} at ${width}: no chart visible`);
        assert.deepEqual(l.overflowingCards, [], `${name} at ${width}: content overflows its card`);
        assert.deepEqual(l.unreachable, [], `${name} at ${width}: controls out of keyboard reach`);
        heights[width] = l.sentencesTop;
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`) });
        if (process.env['UPDATE_SCREENSHOTS'] && (name === 'demo' || name === 'gender-country')) {
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
        }
      }
      // The first screen answers the question.
      const banner = (await page.locator('.banner').first().textContent()) ?? '';
      if (name === 'compare') {
        assert.match(banner, /REGRESSED/);
        assert.match(
          (await page.locator('main > p').first().textContent()) ?? '',
          /regresses when the candidate is more than 0 further from its no-disparity value/,
        );
        assert.match(
          (await page.locator('p.sets').textContent()) ?? '',
          /computed again on the 6 sets they share; left out: 1 set only in the candidate/,
        );
      } else {
        assert.match(banner, /PASSED|FAILED|INCONCLUSIVE/);
        const findings = await page.locator('ul.findings > li').allTextContents();
        assert.ok(findings.length > 0, 'findings');
        assert.ok(
          findings.some((f) => /^On \S/.test(f)),
          findings.join('\n'),
        );
        const top = await page.locator('ul.findings').evaluate((e) => e.getBoundingClientRect().top);
        assert.ok(top < 900, 'the findings are on the first screen');
      }
      assert.deepEqual(await axeViolations(page), [], `${name}: axe`);
      assert.deepEqual(log.requests, []);
      assert.deepEqual(log.errors, []);
      if (name === 'demo' || name === 'gender-country') {
        const budget = BUDGETS[name];
        assert.ok(statSync(file).size <= budget.html, `${name}: report.html is ${statSync(file).size} bytes, budget ${budget.html}`);
        const results = statSync(path.join(runs[name], 'results.json')).size;
        assert.ok(results <= budget.results, `${name}: results.json is ${results} bytes, budget ${budget.results}`);
        assert.ok(
          (heights[1400] ?? Infinity) <= budget.height,
          `${name}: ${heights[1400]} px above the sentence table at 1400 px, budget ${budget.height}`,
        );
      }
      if (name === 'corpus') {
        // The corpus file, an original row beside its counterfactuals, the skipped rows, the gold labels.
        const corpus = (await page.locator('#corpus').textContent()) ?? '';
        assert.match(
          corpus,
          /File data\/reviews\.csv: 14 rows read, \d+ made counterfactual sets, 4 skipped\. Gold labels: (NEGATIVE|POSITIVE) \d+/,
        );
        assert.match(corpus, /no mention of gender or country/);
        assert.ok((await page.locator('#corpus table.corpus td.original').count()) > 0);
      }
      await page.close();
    });
  }

  it('--interactive: live charts under the same strict CSP (no eval), tooltips, still no request', async () => {
    const { page, log } = await open(browser, path.join(live, 'report.html'));
    const figures = await page.locator('figure.chart').count();
    await page.waitForFunction(`document.querySelectorAll('figure.chart.interactive').length === ${figures}`, undefined, {
      timeout: 30_000,
    });
    // Each static SVG was replaced by a live view with the same marks.
    assert.equal(await page.locator('#chart-country-means > svg').count(), 0);
    assert.equal(await page.locator('#chart-country-means .live svg g.mark-symbol.role-mark > path').count(), 4);
    await page.locator('#chart-country-means .live svg g.mark-symbol.role-mark > path').first().hover();
    await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5000 });
    assert.match((await page.locator('#vg-tooltip-element').textContent()) ?? '', /India/);
    assert.deepEqual(log.requests, []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.dialogs, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-interactive.png'), fullPage: true });
    await page.close();
  });

  it('--interactive: the full chart of a many-group axis filters its groups as one types', async () => {
    const groups = Array.from({ length: 40 }, (_, i) => `Group ${i + 1}`);
    const run = syntheticRun({ groups, templates: 3, score: (g) => 0.2 + 0.015 * g });
    const dir = tempDir();
    await writeReports(dir, run.results, run.sentences, { interactive: true });
    const { page, log } = await open(browser, path.join(dir, 'report.html'));
    await page.locator('details.full-chart > summary').first().click();
    await page.waitForSelector('#chart-group-means-all.interactive', { timeout: 30_000 });
    const points = page.locator('#chart-group-means-all .live svg g.mark-symbol.role-mark > path');
    assert.equal(await points.count(), 40);
    await page.locator('#chart-group-means-all input[type="search"]').fill('group 1');
    // Group 1 and Group 10 … Group 19.
    await page.waitForFunction(
      `document.querySelectorAll('#chart-group-means-all .live svg g.mark-symbol.role-mark > path').length === 11`,
      undefined,
      { timeout: 5000 },
    );
    assert.deepEqual(log.requests, []);
    assert.deepEqual(log.errors, []);
    await page.close();
  });
});
