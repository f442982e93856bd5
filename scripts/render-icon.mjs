// Renders media/icon.svg to media/icon.png (128×128, transparent corners) with Debian's chromium,
// for the marketplace, which wants a PNG. Run after editing the SVG: node scripts/render-icon.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const media = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'media');
const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-icon-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport: { width: 128, height: 128 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(media, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log('wrote media/icon.png');
