// Runs www/bench.html in headless Chromium on the given photos and prints the timings as JSON.
// Usage: node scripts/bench-browser.mjs PHOTO...   (build the package first: npm run build)
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';

const photos = process.argv.slice(2);
if (photos.length === 0) throw new Error('usage: node scripts/bench-browser.mjs PHOTO...');
const { server, url } = await startServer({ port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(new URL('bench.html', url).href);
  await page.waitForSelector('#out[data-state="ready"]', { timeout: 120_000 });
  await page.setInputFiles('#files', photos);
  await page.waitForSelector('#out[data-state="done"]', { timeout: 600_000 });
  console.log(await page.getAttribute('#out', 'data-results'));
} finally {
  await browser.close();
  server.close();
}
