// The self-check page on a phone: a photo chosen while the models load, and the page inside WeChat
// (a mini-program's web-view) in headless Chromium with WeChat's user agent and a stub `wx.miniProgram`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT, photo } from './common.mjs';

let server, url, browser;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  ({ server, url } = await startServer({ port: 0 }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

const verdictOf = (page, rule) => page.getAttribute(`li[data-rule="${rule}"]`, 'data-verdict');

/** Resolves once `condition()` holds, checking every 50 ms. */
async function until(condition, what, timeoutMs = 30_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a photo chosen while the models are still loading is accepted, waits, and is checked when they arrive', async () => {
  const context = await browser.newContext(PHONE);
  // The models arrive only when the test says so: a slow phone network, made deterministic.
  const held = [];
  let release;
  const arrive = new Promise((resolve) => { release = resolve; });
  await context.route('**/models/**', async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await arrive;
    await route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await until(() => held.length === 4, 'the four model requests');
  assert.equal(await page.getAttribute('body', 'data-ready'), null);

  await page.setInputFiles('#file', photo('idphoto/df_img11_jolie.jpg'));
  await page.waitForSelector('body[data-waiting="true"]');
  assert.equal(await page.textContent('#status'), '正在准备检测…（检查模型 0/4）');
  assert.equal(await page.isHidden('#result'), true);
  await page.screenshot({ path: join(OUTPUT, 'wechat-waiting.png') });

  release();
  await page.waitForSelector('li[data-rule="file.kb"]', { timeout: 60_000 });
  // The photo chosen early got the full check: file rules and the rules that need the models.
  assert.equal(await verdictOf(page, 'file.kb'), 'fail');
  assert.match(await page.textContent('li[data-rule="file.kb"]'), /54\.92 KB，超过 40 KB 上限/);
  assert.equal(await verdictOf(page, 'geom.face_count'), 'pass');
  assert.equal(await verdictOf(page, 'geom.head_top'), 'fail');
  assert.equal(await page.getAttribute('body', 'data-waiting'), null);
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true');
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(held.sort(), [
    '/pkg/models/mediapipe_face_landmark_468_192x192.fp16w.onnx', '/pkg/models/mediapipe_iris_landmark_64x64.fp16w.onnx',
    '/pkg/models/mediapipe_selfie_segmentation_256x256.onnx', '/pkg/models/yunet_n_dynamic.onnx',
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});
