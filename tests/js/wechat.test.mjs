// The self-check page on a phone: a photo chosen while the models load, and the page inside WeChat
// (a mini-program's web-view) in headless Chromium with WeChat's user agent and a stub `wx.miniProgram`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT, ROOT, packageFiles, photo } from './common.mjs';
import { jpegSegments } from './exif.mjs';

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
 * A mini-program's web-view whose host page included the JSSDK: WeChat's flag, and a stub of the
 * `wx.miniProgram` calls the page may make, recording them.
 */
function miniProgramStub() {
  window.__wxjs_environment = 'miniprogram';
  window.__posted = [];
  window.__navigated = [];
  window.wx = {
    miniProgram: {
      postMessage(m) { window.__posted.push(m); },
      getEnv(cb) { cb({ miniprogram: true }); },
      navigateBack(o) { window.__navigated.push(o); },
    },
  };
}

/**
 * Opens the page on a phone with WeChat's user agent; `initScript` runs before the page's own
 * scripts (it plays the host page, or takes a feature away). Records the paths the page and its
 * workers request.
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

test('without WebAssembly SIMD (iOS before 16.4) the file rules still run, with the small build, and the page says what is missing', async () => {
  const { context, page, requested, errors } = await openPhone({
    userAgent: IOS_WECHAT,
    // WebAssembly.validate answering the package's SIMD probe as a WebKit without SIMD would.
    initScript: () => { WebAssembly.validate = () => false; },
  });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('body', 'data-file-only'), 'true');
  assert.match(await page.textContent('#notice'), /不支持 WebAssembly SIMD，只检查文件项目.*iOS 16\.4/);
  await page.setInputFiles('#file', photo('idphoto/df_img11_jolie.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.equal(await verdictOf(page, 'file.format'), 'pass');
  assert.equal(await verdictOf(page, 'file.size_px'), 'fail');
  assert.match(await page.textContent('li[data-rule="file.kb"]'), /54\.92 KB，超过 40 KB 上限/);
  assert.equal(await verdictOf(page, 'geom.face_count'), 'not_measured');
  assert.match(await page.textContent('#overall'), /不符合要求/);
  assert.equal(await page.isHidden('#fix'), true, 'no fix without the models');
  await page.screenshot({ path: join(OUTPUT, 'wechat-no-simd.png'), fullPage: true });
  // Only the small build was fetched: not the core, no model, no worker.
  assert.ok(requested.includes('/pkg/photogate_lite_bg.wasm'), requested.join(' '));
  assert.deepEqual(requested.filter((p) => p === '/pkg/photogate_wasm_bg.wasm' || p === '/pkg/worker.js' || p.startsWith('/pkg/models/')), []);
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

/**
 * The file autocrop makes of `file` in this process: the page's worker makes the same bytes (the
 * privacy test in browser.test.mjs holds them equal), and the page's CSP lets no test read a blob.
 */
async function fixedInNode(file, options) {
  const pkg = await import(join(ROOT, 'pkg', 'index.js'));
  await pkg.init(packageFiles());
  return Buffer.from(pkg.autocrop(readFileSync(photo(file)), options).jpeg);
}

/** Width and height from a JPEG's SOF segment. */
function jpegSize(bytes) {
  const sof = jpegSegments(bytes).find((s) => s.marker >= 0xc0 && s.marker <= 0xc2);
  return [bytes.readUInt16BE(sof.offset + 7), bytes.readUInt16BE(sof.offset + 5)];
}

test('in a mini-program the page checks, fixes, shows the photo to long-press, and posts it to the mini-program', async () => {
  const { context, page, requested, errors } = await openPhone({ initScript: miniProgramStub });
  const origin = new URL(url).origin;
  const foreign = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('body', 'data-wechat'), 'true');
  assert.equal(await page.isHidden('.hint'), true, 'no drag-and-drop hint in WeChat');
  await page.screenshot({ path: join(OUTPUT, 'wechat-start.png') });

  await page.setInputFiles('#file', photo('casual/of_carell.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.match(await page.textContent('#overall'), /不符合要求/);
  assert.equal(await verdictOf(page, 'file.size_px'), 'fail');
  assert.deepEqual(await page.evaluate(() => window.__posted), [], 'a check alone posts nothing');
  await page.selectOption('#background', 'blue');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="fixed"]', { timeout: 60_000 });

  // Saving: no download link (WeChat ignores it); the new photo, a data: URL, to long-press.
  assert.equal(await page.isHidden('#download'), true);
  assert.equal(await page.textContent('#save-hint'), '长按图片保存到手机');
  assert.equal(await page.isVisible('#save-note'), true);
  const save = await page.$eval('#after-img', (img) => ({ src: img.src, size: [img.naturalWidth, img.naturalHeight], shown: img.getBoundingClientRect().width }));
  assert.match(save.src, /^data:image\/jpeg;base64,/);
  assert.deepEqual(save.size, [480, 640]);
  assert.ok(save.shown >= 160, `the photo to press is ${save.shown} CSS px wide`);
  assert.equal(await page.getAttribute('#preview', 'src'), save.src, 'the photo on top is the same data: URL');
  const bytes = await fixedInNode('casual/of_carell.jpg', { fileName: 'of_carell.jpg', background: 'blue' });
  assert.ok(Buffer.from(save.src.split(',')[1], 'base64').equals(bytes), 'the long-press image is the fixed file');

  // The mini-program gets the photo only when the student says so: one tap, one message, wrapped
  // in { data } as the JSSDK wants it, JSON-clean; then the page goes back.
  assert.deepEqual(await page.evaluate(() => window.__posted), [], 'a fix alone posts nothing');
  assert.equal(await page.textContent('#back'), '使用这张照片，返回小程序');
  await page.locator('#fix-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUTPUT, 'wechat-fixed.png') });
  await page.screenshot({ path: join(OUTPUT, 'wechat-fixed-full.png'), fullPage: true });
  await page.tap('#back');
  assert.deepEqual(await page.evaluate(() => window.__navigated), [{ delta: 1 }]);
  const posted = await page.evaluate(() => window.__posted);
  assert.equal(posted.length, 1);
  const message = posted[0].data;
  assert.deepEqual(JSON.parse(JSON.stringify(posted)), posted, 'only JSON crosses to the mini-program');
  const { jpeg_data_url: dataUrl, counts, generator, quality, size_bytes: sizeBytes, ...summary } = message;
  assert.deepEqual(summary, {
    type: 'photogate.fixed', version: 1, file_name: 'of_carell.jpg', source_file_name: 'of_carell.jpg',
    profile: 'chsi', verdict: 'pass', failing: [], warnings: [], width_px: 480, height_px: 640, background: 'blue',
  });
  // Not measured: face.accessories and geom.shoulders_level, which ask the student to check (needs_review).
  assert.deepEqual(counts, { pass: 34, fail: 0, warn: 0, not_measured: 2 });
  assert.match(generator, /^photogate \d+\.\d+\.\d+/);
  assert.ok(quality >= 60 && quality <= 100, `quality ${quality}`);
  assert.equal(dataUrl, save.src);
  const jpeg = Buffer.from(dataUrl.slice('data:image/jpeg;base64,'.length), 'base64');
  assert.ok(jpeg.equals(bytes), 'the posted JPEG is the fixed file');
  assert.equal(jpeg.length, sizeBytes);
  assert.ok(sizeBytes >= 20 * 1024 && sizeBytes <= 40 * 1024, `${sizeBytes} bytes`);
  assert.deepEqual(jpegSize(jpeg), [480, 640]);
  assert.deepEqual([jpeg[13], jpeg.readUInt16BE(14), jpeg.readUInt16BE(16)], [1, 300, 300], 'JFIF 300 dpi');
  assert.ok(dataUrl.length < 60_000, `the message carries ${dataUrl.length} characters of JPEG`);
  assert.match(await page.textContent('#fix-info'), new RegExp(`of_carell\\.jpg · 480×640 · ${(sizeBytes / 1024).toFixed(1)} KB · 质量 ${quality} · 背景：浅蓝色`));

  // Handed over: the button gives way to the note, and a second tap posts nothing more.
  assert.equal(await page.textContent('#handed-note'), '照片已交给小程序，返回即可使用。');
  assert.equal(await page.isHidden('#back'), true);
  assert.match(await page.textContent('#fix-info'), /生成的照片符合要求，长按保存后即可上传。/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');

  // English, and a second fix: a second message (the mini-program takes the last).
  await page.click('#lang');
  assert.equal(await page.textContent('#save-hint'), 'Press and hold the photo to save it');
  await page.click('#lang');
  await page.selectOption('#background', 'white');
  await page.click('#fix-button');
  await page.waitForSelector('#back:visible', { timeout: 60_000 });
  assert.equal((await page.evaluate(() => window.__posted)).length, 1, 'a new fix posts nothing by itself');
  await page.tap('#back');
  await page.waitForFunction(() => window.__posted.length === 2, null, { timeout: 60_000 });
  const second = (await page.evaluate(() => window.__posted))[1].data;
  assert.equal(second.background, 'white');
  assert.notEqual(second.jpeg_data_url, dataUrl);
  assert.deepEqual(foreign, [], 'the page contacts no other host');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in WeChat but not in a mini-program: the long-press image, nothing posted', async () => {
  // The JSSDK may be on the page (a school's own copy), but WeChat did not flag a mini-program.
  const { context, page, errors } = await openPhone({
    initScript: () => {
      window.__posted = [];
      window.wx = { miniProgram: { postMessage(m) { window.__posted.push(m); }, getEnv(cb) { cb({ miniprogram: false }); } } };
    },
  });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.setInputFiles('#file', photo('casual/of_carell.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="fixed"]', { timeout: 60_000 });
  assert.equal(await page.isVisible('#save-hint'), true);
  assert.match(await page.getAttribute('#after-img', 'src'), /^data:image\/jpeg;base64,/);
  assert.equal(await page.isHidden('#download'), true);
  assert.equal(await page.isHidden('#handed'), true);
  assert.deepEqual(await page.evaluate(() => window.__posted), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('outside WeChat: the download link as before, no long-press image, nothing posted', async () => {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(miniProgramStub);
  const page = await context.newPage();
  // Even with a mini-program's flag and API present, a browser that is not WeChat posts nothing.
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('body', 'data-wechat'), null);
  assert.equal(await page.isVisible('.hint'), true);
  await page.setInputFiles('#file', photo('casual/of_carell.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="fixed"]', { timeout: 60_000 });
  assert.equal(await page.isVisible('#download'), true);
  assert.equal(await page.isHidden('#save-hint'), true);
  assert.match(await page.getAttribute('#after-img', 'src'), /^blob:/);
  assert.equal(await page.isHidden('#handed'), true);
  assert.match(await page.getAttribute('#download', 'href'), /^blob:/);
  assert.deepEqual(await page.evaluate(() => window.__posted), []);
  await context.close();
});
