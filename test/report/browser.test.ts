// @full: needs Debian's chromium
/**
 * report.html in a real browser: Debian's chromium driven by playwright-core. Skips (saying
 * why) when chromium is missing, unless CI is set: there it must run, so it fails instead.
 * Saves screenshots under reports/test-artifacts/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { cli, fixture, tempDir } from '../helpers.ts';

const ARTIFACTS = path.join('reports', 'test-artifacts');
/** The flags the browser runs with in CI: headless, no sandbox (root in a container), nothing phoning home. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function findChromium(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
const skip = executablePath === undefined && !process.env['CI'] ? 'chromium is not installed (apt-get install -y chromium); the browser test is required when CI is set' : false;

/** What a page did while open: console errors, requests beyond the file itself, dialogs. */
interface PageLog {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(browser: Browser, file: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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

describe('report.html in Chromium', { skip }, () => {
  let browser: Browser;
  let dir: string;
  let live: string;

  before(async () => {
    if (executablePath === undefined) throw new Error('CI is set but chromium is not installed: .ci/run must install it (apt-get install -y chromium)');
    dir = tempDir();
    live = tempDir();
    assert.equal((await cli('run', fixture('report.yaml'), '--out', dir, '--quiet')).code, 1);
    assert.equal((await cli('report', dir, '--out', live, '--interactive')).code, 1);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath, args: FLAGS });
  });

  after(async () => {
    await browser?.close();
  });

  it('draws every chart, loads nothing, logs no error, shows hostile group names as text', async () => {
    const { page, log } = await open(browser, path.join(dir, 'report.html'));
    // Charts drew: one mark per datum (4 countries, 3 templates, 3 non-reference countries × 3 sets).
    assert.equal(await countMarks(page, 'country-means', 'symbol'), 4);
    assert.equal(await countMarks(page, 'country-heatmap', 'rect'), 12);
    assert.equal(await countMarks(page, 'country-deltas', 'rect'), 9);
    assert.equal(await countMarks(page, 'country-map', 'shape'), 177);
    assert.equal(await countMarks(page, 'who-means', 'symbol'), 3);
    assert.equal(await countMarks(page, 'who-heatmap', 'rect'), 3);
    // The group named <img src=x onerror=alert(1)> is text in tables and charts, and ran nothing.
    assert.ok((await page.getByText('<img src=x onerror=alert(1)>', { exact: true }).count()) >= 2);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('b').count(), 0);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.requests, []);
    assert.deepEqual(log.errors, []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  });

  it('sorts and filters the sentence table', async () => {
    const { page, log } = await open(browser, path.join(dir, 'report.html'));
    const rows = page.locator('#sentence-table tbody tr');
    assert.equal(await rows.count(), 15);
    await page.getByPlaceholder('e.g. Iraq NEGATIVE').fill('iraq negative');
    // "I am from Iraq." (sigmoid(-2)) and "The food in Iraq was fine." (sigmoid(-1)).
    assert.equal(await page.locator('#sentence-table tbody tr:not([hidden])').count(), 2);
    assert.equal(await page.locator('#sentence-count').textContent(), '2 of 15 rows');
    await page.getByPlaceholder('e.g. Iraq NEGATIVE').fill('');
    await page.locator('#sentence-table th', { hasText: 'P(POSITIVE)' }).click();
    // Ascending: the lowest P(POSITIVE) is "I am from Iraq." = sigmoid(-2).
    assert.equal(await rows.first().locator('td').nth(4).textContent(), 'I am from Iraq.');
    await page.locator('#sentence-table th', { hasText: 'P(POSITIVE)' }).click();
    assert.equal(await rows.first().locator('td').nth(4).textContent(), 'The food in India was great.');
    assert.deepEqual(log.errors, []);
    await page.close();
  });

  it('--interactive: live charts under the same strict CSP (no eval), tooltips, still no request', async () => {
    const { page, log } = await open(browser, path.join(live, 'report.html'));
    const figures = await page.locator('figure.chart').count();
    await page.waitForFunction(`document.querySelectorAll('figure.chart.interactive').length === ${figures}`, undefined, { timeout: 20_000 });
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
});
