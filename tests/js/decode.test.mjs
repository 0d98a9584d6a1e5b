// Photos the core cannot decode, in headless Chromium's worker: an AVIF (made here from a JPEG with
// Debian's avifenc, as a phone's HEIF would be) is decoded by the browser, so the report is about its
// content, `file.format` still fails, and autocrop makes the JPEG. A file the browser cannot decode
// either gets a report that says, in words a student understands, to export it as JPEG.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { photo } from './common.mjs';

let server, url, browser, page;

before(async () => {
  ({ server, url } = await startServer({ port: 0 }));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(new URL('pkg/index.d.ts', url).href);
  await page.evaluate(async () => {
    const { createChecker } = await import('/pkg/index.js');
    window.checker = createChecker();
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** `checker.check` and `checker.autocrop` of `bytes` in the page, summed up. */
function checkAndFix(bytes, fileName) {
  return page.evaluate(async ({ bytes, fileName }) => {
    const data = new Uint8Array(bytes);
    const report = await window.checker.check(data, { fileName });
    const result = await window.checker.autocrop(data, { fileName });
    const item = (rule) => report.items.find((i) => i.rule === rule);
    return {
      format: report.file.format,
      formatVerdict: item('file.format').verdict,
      faces: item('geom.face_count'),
      status: result.status,
      reason: result.reason,
      advice: result.advice?.zh,
      fixed: result.status === 'fixed' ? { format: result.report.file.format, verdict: result.report.verdict, bytes: result.jpeg.byteLength } : null,
    };
  }, { bytes: [...bytes], fileName });
}

test('an AVIF the core cannot decode: the browser decodes it, the report reads its content, autocrop makes the JPEG', async () => {
  const avif = join(mkdtempSync(join(tmpdir(), 'photogate-avif-')), 'musk.avif');
  execFileSync('avifenc', ['-s', '8', photo('idphoto/hv_test0_musk.jpg'), avif], { stdio: 'ignore' });
  const outcome = await checkAndFix(readFileSync(avif), 'musk.avif');
  assert.equal(outcome.format, 'avif');
  assert.equal(outcome.formatVerdict, 'fail', 'the standard wants JPEG');
  assert.equal(outcome.faces.verdict, 'pass', JSON.stringify(outcome.faces));
  assert.equal(outcome.status, 'fixed', JSON.stringify(outcome));
  assert.equal(outcome.fixed.format, 'jpeg');
  assert.notEqual(outcome.fixed.verdict, 'fail');
});

test('a photo neither the core nor the browser can decode: the report says to export it as JPEG', async () => {
  // An AVIF header with no picture behind it.
  const broken = Buffer.concat([Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf', 'binary'), Buffer.alloc(64)]);
  const outcome = await checkAndFix(broken, 'photo.heic');
  assert.equal(outcome.formatVerdict, 'fail');
  assert.equal(outcome.faces.verdict, 'not_measured');
  assert.match(outcome.faces.message.zh, /请导出为 JPEG 后重试/);
  assert.deepEqual([outcome.status, outcome.reason, outcome.advice], ['refused', 'not_decoded', '请导出为 JPEG 后重试']);
});
