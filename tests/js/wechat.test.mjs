// The self-check page on a phone: a photo chosen while the models load, and the page inside WeChat
// (a mini-program's web-view) in headless Chromium with WeChat's user agent and a stub `wx.miniProgram`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT, ROOT, photo } from './common.mjs';

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
// WeChat 8.0.50 in a mini-program's web-view: Android (XWeb, Chromium-based) and iOS (WKWebView).
const ANDROID_WECHAT = 'Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) AppleWebKit/537.36 '
  + '(KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300259 MMWEBSDK/20240801 '
  + 'MMWEBID/6442 MicroMessenger/8.0.50.2701(0x28003253) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 '
  + 'miniProgram/wx0123456789abcdef';
const IOS_WECHAT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) '
  + 'Mobile/15E148 MicroMessenger/8.0.50(0x18003237) NetType/WIFI Language/zh_CN miniProgram/wx0123456789abcdef';

/**
 * Opens the page on a phone with WeChat's user agent; `initScript` runs before the page's own
 * scripts (it takes a feature away). Records the paths the page and its workers request.
 */
async function openPhone({ userAgent = ANDROID_WECHAT, initScript, setup } = {}) {
  const context = await browser.newContext({ ...PHONE, userAgent });
  if (initScript) await context.addInitScript(initScript);
  await setup?.(context);
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, requested, errors };
}

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

test('without module workers (an old WebKit) the file rules still run, in the page, and the page says what is missing', async () => {
  const { context, page, requested, errors } = await openPhone({
    userAgent: IOS_WECHAT,
    // A Worker constructor that does not know the `type` option, as before Safari 15 and Chrome 80:
    // it would load worker.js as a classic script, where `import` is a syntax error.
    initScript: () => {
      const Native = window.Worker;
      window.Worker = function Worker(scriptUrl, options) { return new Native(scriptUrl, { name: options?.name }); };
    },
  });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('body', 'data-file-only'), 'true');
  assert.match(await page.textContent('#notice'), /不支持模块 Worker），只检查文件项目/);
  await page.setInputFiles('#file', photo('idphoto/df_img11_jolie.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.equal(await verdictOf(page, 'file.format'), 'pass');
  assert.equal(await verdictOf(page, 'file.size_px'), 'fail');
  assert.equal(await verdictOf(page, 'file.kb'), 'fail');
  assert.match(await page.textContent('li[data-rule="file.kb"]'), /54\.92 KB，超过 40 KB 上限/);
  assert.equal(await verdictOf(page, 'file.quality'), 'pass');
  assert.equal(await verdictOf(page, 'geom.face_count'), 'not_measured');
  assert.equal(await verdictOf(page, 'bg.color'), 'not_measured');
  assert.match(await page.textContent('#overall'), /不符合要求/);
  assert.equal(await page.isHidden('#fix'), true, 'no fix without the models');
  assert.equal(await page.isVisible('#notice'), true);
  await page.screenshot({ path: join(OUTPUT, 'wechat-file-only.png'), fullPage: true });
  // The wasm ran in the page: no worker was started and no model was fetched.
  assert.ok(requested.includes('/pkg/photogate_wasm_bg.wasm'), requested.join(' '));
  assert.deepEqual(requested.filter((p) => p === '/pkg/worker.js' || p.startsWith('/pkg/models/')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without WebAssembly SIMD (iOS before 16.4) the page says so, and fetches neither the wasm nor the models', async () => {
  const worker = readFileSync(join(ROOT, 'pkg', 'worker.js'), 'utf8');
  const { context, page, requested, errors } = await openPhone({
    userAgent: IOS_WECHAT,
    // The package's SIMD probe runs in the worker, where no init script reaches: the worker is
    // served with WebAssembly.validate answering as a WebKit without SIMD would for that probe.
    setup: (c) => c.route('**/pkg/worker.js', (route) => route.fulfill({
      contentType: 'text/javascript', body: `${worker}\nWebAssembly.validate = () => false;\n`,
    })),
  });
  await page.waitForSelector('#error:not([hidden])', { timeout: 60_000 });
  assert.equal(await page.textContent('#error'),
    '此浏览器不支持 WebAssembly SIMD，无法在本机检查照片。iPhone 请升级到 iOS 16.4 或以上，安卓手机请升级微信；也可以在电脑上打开本页。 (unsupported_browser)');
  // Nothing can be checked, so nothing invites a photo.
  for (const input of ['#file', '#camera', '#profile']) assert.equal(await page.isDisabled(input), true, input);
  assert.equal(await page.isHidden('#result'), true);
  assert.equal(await page.textContent('#status'), '');
  await page.screenshot({ path: join(OUTPUT, 'wechat-no-simd.png') });
  assert.ok(requested.includes('/pkg/worker.js'));
  assert.deepEqual(requested.filter((p) => p.endsWith('.wasm') || p.startsWith('/pkg/models/')), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without WebAssembly at all (Lockdown Mode) the page says so at once', async () => {
  const { context, page, errors } = await openPhone({ userAgent: IOS_WECHAT, initScript: () => { delete window.WebAssembly; } });
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /关闭了 WebAssembly（例如 iPhone 的“锁定模式”）.*\(no_webassembly\)$/);
  await page.click('#lang');
  assert.match(await page.textContent('#error'), /^WebAssembly is turned off/, 'the reason follows the language');
  assert.deepEqual(errors, []);
  await context.close();
});
