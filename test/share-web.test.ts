import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';

/** Builds only the web page from in-memory content. */
async function page(files = realContentFiles()): Promise<string> {
  const result = await build({ content: memorySource(files), templates: realSources().templates, outputs: ['program.html'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Buffer.from(result.outputs.get('program.html')!).toString('utf8');
}

/** The real forum with a hostile title, affiliation and abstract. */
function hostile() {
  const files = realContentFiles();
  files['abstracts/lei-na.md'] = files['abstracts/lei-na.md']
    .replace(/^title: .*$/m, 'title: "<script>alert(1)</script> & \\"quoted\\" <b>bold</b>"')
    .replace('affiliation: 大连理工大学', 'affiliation: "<img src=x onerror=alert(2)>"')
    .concat('\n\nSee [the slides](https://example.org/s?a=1&b="2") and [this](javascript:alert(3)) and <em>raw</em>.\n');
  return files;
}

describe('out/program.html, read as text', () => {
  it('needs no network: no external script, style, font or image', async () => {
    const html = await page();
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|@import|url\(|<iframe|<object/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("default-src 'none'");
    for (const file of ['program.pdf', 'program.ics']) expect(html).toContain(`href="${file}"`);
  });

  it('escapes content as the PDFs do, and makes only http(s) addresses links', async () => {
    const html = await page(hostile());
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<a href="https://example.org/s?a&#x3D;1&amp;b&#x3D;&quot;2&quot;" rel="noopener">the slides</a>');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('&lt;em&gt;raw&lt;/em&gt;');
  });
});

// A real browser: Debian's chromium. Locally it may be absent (the test says so and skips);
// CI (.ci/run installs it) never skips.
const CHROMIUM = '/usr/bin/chromium';
const required = !!(process.env.CI || process.env.FORUMPRESS_THOROUGH);
const present = existsSync(CHROMIUM);
if (!present && !required) console.warn(`test/share-web.test.ts: ${CHROMIUM} is missing (apt-get install chromium); the browser tests are skipped`);

describe.skipIf(!present && !required)('out/program.html in headless Chromium', () => {
  let context: BrowserContext;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fp-web-'));
    writeFileSync(join(dir, 'program.html'), await page(hostile()));
    url = pathToFileURL(join(dir, 'program.html')).href;
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fp-chromium-')), {
      executablePath: CHROMIUM, headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => context?.close());

  /** Opens the page at a viewport width; collects console errors, page errors and every request. */
  async function open(width: number) {
    const tab = await context.newPage();
    await tab.setViewportSize({ width, height: 844 });
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(url, { waitUntil: 'load' });
    return { tab, problems, requests };
  }

  it('renders with no console error and no request but the page itself', async () => {
    const { tab, problems, requests } = await open(1100);
    expect(await tab.locator('h1').innerText()).toBe('第二届神经网络新年交叉论坛');
    expect(await tab.locator('section h2').allInnerTexts()).toEqual(['第一天 · 2022年12月31日 星期六', '第二天 · 2023年1月1日 星期日']);
    expect(await tab.locator('.slot .title').count()).toBe(18);
    // The hostile title is shown as text; no script of it ran.
    await expect.poll(() => tab.locator('#talk-lei-na .title').innerText()).toBe('<script>alert(1)</script> & "quoted" <b>bold</b>');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await tab.close();
  });

  it('lets a person find a talk on a phone: search, open the abstract, read it; nothing scrolls sideways', async () => {
    const { tab, problems } = await open(390);
    const abstract = tab.locator('#talk-zou-wenxuan .abstract');
    expect(await abstract.isVisible()).toBe(false);
    await tab.locator('#talk-zou-wenxuan summary').click();
    expect(await abstract.isVisible()).toBe(true);
    expect((await abstract.innerText()).length).toBeGreaterThan(100);
    await tab.locator('#find').fill('雷娜');
    expect(await tab.locator('.slot:visible').count()).toBe(1);
    expect(await tab.locator('#talk-lei-na .abstract').isVisible()).toBe(true);
    expect(await tab.locator('#talk-lei-na .abstract a').getAttribute('rel')).toBe('noopener');
    await tab.locator('#find').fill('no such talk at all');
    expect(await tab.locator('#none').isVisible()).toBe(true);
    await tab.locator('#find').fill('');
    const widths = await tab.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.view);
    expect(problems).toEqual([]);
    await tab.close();
  });
});
