// README's picture of out/program.html: Debian's headless Chromium at a phone's width (390 px),
// with the search box used and an abstract opened. Usage: node scripts/screenshot-web.mjs [out.png]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const target = resolve(process.argv[2] ?? 'docs/program-html.png');
const profile = mkdtempSync(join(tmpdir(), 'fp-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 390, height: 760 }, deviceScaleFactor: 1,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pathToFileURL(resolve('out/program.html')).href);
  await page.locator('#find').fill('雷娜');
  await page.screenshot({ path: target });
  console.log(`wrote ${target}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
