// The self-check page in headless Chromium, served from 127.0.0.1: choose a photo, read the verdicts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT, ROOT, packageFiles, photo } from './common.mjs';
import { jpegSegments, withGpsExif } from './exif.mjs';

let server, url, browser;
/** Every request the server received, with the phase of the privacy test it came in (else null). */
const served = [];
let servedPhase = null;
const scratch = mkdtempSync(join(tmpdir(), 'photogate-'));

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  ({ server, url } = await startServer({ port: 0, onRequest: (r) => served.push({ ...r, phase: servedPhase }) }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the page and records every request that leaves the local server. */
async function openPage(viewport = { width: 1200, height: 1400 }) {
  const page = await browser.newPage({ viewport });
  const foreign = [];
  const origin = new URL(url).origin;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, foreign, errors };
}

const verdictOf = (page, rule) => page.getAttribute(`li[data-rule="${rule}"]`, 'data-verdict');

test('choosing a photo shows the overall verdict and each rule, in Chinese then English', async () => {
  const { page, foreign, errors } = await openPage();
  await page.setInputFiles('#file', photo('idphoto/df_img11_jolie.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.match(await page.textContent('#overall'), /不符合要求/);
  // The failing rules are listed on top with their advice, each linking to its row.
  const todo = await page.locator('#overall .todo a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(todo.includes('#rule-file-kb') && todo.includes('#rule-geom-head_top'), todo.join(' '));
  assert.equal(await verdictOf(page, 'file.format'), 'pass');
  assert.equal(await verdictOf(page, 'file.size_px'), 'fail');
  assert.equal(await verdictOf(page, 'file.kb'), 'fail');
  assert.equal(await verdictOf(page, 'file.quality'), 'pass');
  assert.equal(await verdictOf(page, 'file.dpi'), 'warn');
  assert.match(await page.textContent('li[data-rule="file.kb"]'), /54\.92 KB，超过 40 KB 上限/);
  assert.match(await page.textContent('li[data-rule="file.size_px"]'), /600×800/);
  assert.equal(await page.locator('#preview').evaluate((img) => img.complete && img.naturalWidth), 600);
  assert.equal(await verdictOf(page, 'geom.face_count'), 'pass');
  assert.equal(await verdictOf(page, 'face.eyes_open'), 'pass');
  assert.equal(await verdictOf(page, 'geom.head_top'), 'fail');
  assert.equal(await page.getAttribute('#overlay', 'viewBox'), '0 0 600 800');
  assert.equal(await page.locator('#overlay [data-band]').count(), 3);
  assert.equal(await page.locator('#overlay [data-pupil]').count(), 2);
  assert.equal(await page.locator('#overlay [data-face]').count(), 1);
  assert.ok(await page.locator('#overlay [data-measure="geom.face_width"]').count() >= 1);
  // The eye-line band spans 200–300 of 640 profile pixels: y 250–375 on this 800-pixel photo.
  const eyeBand = page.locator('#overlay [data-band="geom.eye_y"]');
  assert.deepEqual([await eyeBand.getAttribute('y'), await eyeBand.getAttribute('height')], ['250', '125']);
  await page.screenshot({ path: join(OUTPUT, 'page-zh.png'), fullPage: true });

  await page.click('#lang');
  assert.match(await page.textContent('#overall'), /Does not pass/);
  assert.match(await page.textContent('li[data-rule="file.kb"]'), /above the 40 KB limit/);
  await page.screenshot({ path: join(OUTPUT, 'page-en.png'), fullPage: true });
  await page.click('#lang');

  await page.selectOption('#profile', 'chsi-nanjing');
  await page.waitForSelector('li[data-rule="file.name"]');
  assert.equal(await verdictOf(page, 'file.name'), 'fail');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, [], 'the page must not contact any other host');
  await page.close();
});

test('a PNG renamed to .jpg fails the format rule on a phone-sized screen', async () => {
  const renamed = join(scratch, 'renamed.jpg');
  copyFileSync(photo('casual/fr_alex_lacamoire_png.png'), renamed);
  const { page, foreign } = await openPage({ width: 390, height: 844 });
  await page.setInputFiles('#file', renamed);
  await page.waitForSelector('li[data-rule="file.format"]');
  assert.equal(await verdictOf(page, 'file.format'), 'fail');
  assert.match(await page.textContent('li[data-rule="file.format"]'), /PNG/);
  assert.equal(await verdictOf(page, 'file.bit_depth'), 'not_measured');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling on a phone');
  await page.screenshot({ path: join(OUTPUT, 'page-phone.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  await page.close();
});

test('a photo of two people draws both faces and fails the face count', async () => {
  const { page } = await openPage();
  await page.setInputFiles('#file', photo('hard/two_faces_of_longoria_cooper.jpg'));
  await page.waitForSelector('li[data-rule="geom.face_count"]');
  assert.equal(await verdictOf(page, 'geom.face_count'), 'fail');
  assert.equal(await page.locator('#overlay [data-face]').count(), 2);
  await page.screenshot({ path: join(OUTPUT, 'page-two-faces.png') });
  await page.close();
});

test('the worker checker aborts a running check and recovers for the next one', async () => {
  const { page } = await openPage();
  const bytes = [...readFileSync(photo('idphoto/fa_angry.jpg'))];
  const outcome = await page.evaluate(async (data) => {
    const { createChecker } = await import('./pkg/index.js');
    const checker = createChecker();
    const photo = new Uint8Array(data);
    const controller = new AbortController();
    const first = checker.check(photo, { fileName: 'a.jpg' }, { signal: controller.signal });
    controller.abort();
    const aborted = await first.then(() => 'resolved', (e) => `${e.name}:${e.code}`);
    const report = await checker.check(photo, { fileName: 'a.jpg' });
    checker.dispose();
    return { aborted, intact: photo.length === data.length, faces: report.items.find((i) => i.rule === 'geom.face_count').value };
  }, bytes);
  assert.deepEqual(outcome, { aborted: 'PhotogateError:aborted', intact: true, faces: 1 });
  await page.close();
});

test('a file that is not an image shows the error with its code', async () => {
  const text = join(scratch, 'notes.jpg');
  writeFileSync(text, 'this is not a photo');
  const { page } = await openPage();
  await page.setInputFiles('#file', text);
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /unknown_format/);
  assert.equal(await page.isHidden('#result'), true);
  await page.close();
});

test('a casual photo is fixed with one click: before and after, the new report, a download', async () => {
  const { page, foreign, errors } = await openPage();
  await page.setInputFiles('#file', photo('casual/of_carell.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.match(await page.textContent('#overall'), /不符合要求/);
  const choices = await page.locator('#background option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(choices, ['auto', 'blue', 'white', 'grey', 'keep']);
  await page.selectOption('#background', 'blue');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="fixed"]', { timeout: 60_000 });
  // Before and after side by side; the page now shows the new file's report over the new photo.
  assert.equal(await page.isVisible('#before-img'), true);
  const after = await page.$eval('#after-img', (img) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(after, [480, 640]);
  assert.match(await page.textContent('#overall'), /符合要求/);
  for (const rule of ['file.size_px', 'file.kb', 'geom.head_top', 'geom.eye_y', 'geom.face_width', 'geom.center_x', 'bg.color', 'bg.uniform']) {
    assert.equal(await verdictOf(page, rule), 'pass', rule);
  }
  assert.match(await page.textContent('#fix-info'), /of_carell\.jpg · 480×640 · \d+\.\d KB · 质量 \d+ · 背景：浅蓝色/);
  await page.screenshot({ path: join(OUTPUT, 'autocrop.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'of_carell.jpg');
  const saved = join(OUTPUT, 'autocrop-download.jpg');
  await download.saveAs(saved);
  const bytes = readFileSync(saved);
  assert.ok(bytes.length >= 20 * 1024 && bytes.length <= 40 * 1024, `${bytes.length} bytes`);
  // JFIF APP0 right after SOI: density unit 1 (dpi), 300 × 300; no EXIF (APP1) anywhere before SOS.
  assert.equal(bytes.toString('latin1', 6, 11), 'JFIF\0');
  assert.deepEqual([bytes[13], bytes.readUInt16BE(14), bytes.readUInt16BE(16)], [1, 300, 300]);
  assert.equal(bytes.indexOf(Buffer.from('Exif\0')), -1);
  // Switching back shows the original's report again.
  await page.click('#show-original');
  assert.equal(await verdictOf(page, 'file.size_px'), 'fail');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('dark lenses: the page fails the rule with advice, marks the lenses, and autocrop says why it cannot fix', async () => {
  const { page, foreign, errors } = await openPage();
  await page.setInputFiles('#file', photo('hard/tinted_glasses_lu_warp_sunglasses.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  assert.equal(await verdictOf(page, 'face.tinted_glasses'), 'fail');
  assert.match(await page.textContent('li[data-rule="face.tinted_glasses"]'), /有色或深色镜片/);
  assert.match(await page.textContent('li[data-rule="face.tinted_glasses"]'), /墨镜/);
  // The two lens areas the rule read are filled on the photo.
  assert.equal(await page.locator('#overlay polygon[data-measure="face.tinted_glasses"]').count(), 2);
  // The self-check items are listed as such, not as failures.
  assert.equal(await verdictOf(page, 'geom.shoulders_level'), 'not_measured');
  assert.match(await page.textContent('li[data-rule="geom.shoulders_level"]'), /请自查/);
  await page.screenshot({ path: join(OUTPUT, 'page-tinted-glasses.png'), fullPage: true });
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="refused"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#fix-refused', 'data-reason'), 'tinted_glasses');
  assert.match(await page.textContent('#fix-refused'), /无法自动修正：眼睛被有色或深色镜片遮住/);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a photo of two people is not fixed, and the page says why', async () => {
  const { page } = await openPage({ width: 390, height: 844 });
  await page.setInputFiles('#file', photo('hard/two_faces_fr_obama_and_biden.jpg'));
  await page.waitForSelector('li[data-rule="file.kb"]');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="refused"]', { timeout: 60_000 });
  assert.equal(await page.getAttribute('#fix-refused', 'data-reason'), 'several_faces');
  assert.match(await page.textContent('#fix-refused'), /无法自动修正：照片中有不止一个人/);
  assert.equal(await page.isHidden('#fix-result'), true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide on a 390px screen`);
  // After scrolling to the button, the photo still sits above the verdict, not over it.
  const [photoBottom, verdictTop] = await page.evaluate(() =>
    [document.querySelector('.photo').getBoundingClientRect().bottom, document.querySelector('#overall').getBoundingClientRect().top]);
  assert.ok(photoBottom <= verdictTop, `photo ends at ${photoBottom}, verdict starts at ${verdictTop}`);
  await page.screenshot({ path: join(OUTPUT, 'autocrop-refused-phone.png'), fullPage: true });
  await page.close();
});

/** Lists, on the page's origin, what is stored: Web Storage, cookies, IndexedDB, Cache Storage, service workers, OPFS. */
async function storedOnOrigin(page) {
  return page.evaluate(async () => {
    const entries = (storage) => Object.keys(storage).sort().map((k) => [k, storage.getItem(k)]);
    const opfs = [];
    try {
      for await (const name of (await navigator.storage.getDirectory()).keys()) opfs.push(name);
    } catch (e) { opfs.push(`unreadable: ${e}`); }
    return {
      localStorage: entries(localStorage),
      sessionStorage: entries(sessionStorage),
      cookie: document.cookie,
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
      opfs,
    };
  });
}

test('privacy: once loaded, the page checks and fixes a photo without sending or keeping anything, and drops its GPS', async () => {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1200, height: 1400 }, acceptDownloads: true });
  // Every request of the page and of its workers, as the browser issues it; every request the CSP
  // blocked; every storage write the page's own scripts make (workers have no Web Storage or cookies; IndexedDB, Cache Storage and OPFS
  // are read back at the end, from the same origin, whoever wrote them).
  let phase = 'load';
  const requests = [];
  context.on('request', (r) => requests.push({ phase, url: r.url(), method: r.method(), body: r.postDataBuffer()?.length ?? 0, type: r.resourceType() }));
  await context.addInitScript(() => {
    const writes = (window.__photogateWrites = []);
    // A request the page's CSP blocks never reaches the network, so the recorder cannot see it:
    // the attempt is caught here instead.
    document.addEventListener('securitypolicyviolation', (e) => writes.push(`blocked ${e.effectiveDirective} ${e.blockedURI}`));
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      writes.push(`${this === window.localStorage ? 'localStorage' : 'sessionStorage'} ${key}=${value}`);
      return setItem.call(this, key, value);
    };
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
      get() { return cookie.get.call(this); },
      set(v) { writes.push(`cookie ${v}`); cookie.set.call(this, v); },
    });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name, ...rest) { writes.push(`indexedDB ${name}`); return open.call(this, name, ...rest); };
  });
  const page = await context.newPage();
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  servedPhase = 'load';
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  // Wait until the network is quiet, so that a late asset load is not counted as the photo's request.
  await page.waitForLoadState('networkidle');

  phase = 'use';
  servedPhase = 'use';
  // A phone photo with a GPS position in its EXIF.
  const tagged = withGpsExif(readFileSync(photo('casual/of_carell.jpg')));
  const input = join(scratch, 'gps.jpg');
  writeFileSync(input, tagged);
  assert.ok(jpegSegments(tagged).some((s) => s.marker === 0xe1 && s.gps), 'the input carries a GPS position');
  await page.setInputFiles('#file', input);
  await page.waitForSelector('li[data-rule="file.kb"]');
  await page.click('#lang');
  await page.click('#lang');
  await page.selectOption('#background', 'blue');
  await page.click('#fix-button');
  await page.waitForSelector('body[data-fixed="fixed"]', { timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = join(scratch, 'gps-fixed.jpg');
  await download.saveAs(saved);
  await page.waitForTimeout(500);
  const stored = await storedOnOrigin(page);
  const writes = await page.evaluate(() => window.__photogateWrites);
  const cookies = await context.cookies();
  servedPhase = null;
  await context.close();

  // Loading: the page's own assets, from its own origin, fetched without a body. Worker requests are
  // seen too: the wasm and all four models are among them.
  const loaded = requests.filter((r) => r.phase === 'load');
  for (const r of loaded) {
    assert.equal(new URL(r.url).origin, origin, `load: request to another origin: ${r.url}`);
    assert.deepEqual([r.method, r.body], ['GET', 0], `load: ${r.method} ${r.url} with ${r.body} bytes`);
  }
  const paths = loaded.map((r) => new URL(r.url).pathname);
  for (const asset of ['/', '/app.js', '/style.css', '/pkg/index.js', '/pkg/photogate_wasm_bg.wasm']) {
    assert.ok(paths.includes(asset), `the recorder saw ${asset} (${paths.join(' ')})`);
  }
  assert.equal(paths.filter((p) => p.startsWith('/pkg/models/')).length, 4, 'the recorder saw the four models');
  // Using: nothing but the student's own photo and the fixed one, as blob: URLs of this page.
  const used = requests.filter((r) => r.phase === 'use');
  for (const r of used) {
    assert.ok(r.url.startsWith(`blob:${origin}/`) || r.url.startsWith('data:'), `request while checking and fixing: ${r.method} ${r.url}`);
    assert.equal(r.body, 0, `request body: ${r.url}`);
  }
  assert.ok(used.length >= 1, 'the previews are blob: URLs the recorder sees');
  assert.deepEqual(served.filter((r) => r.phase === 'use'), [], 'the server heard nothing after the page had loaded');
  assert.deepEqual(served.filter((r) => r.phase === 'load' && (r.method !== 'GET' || r.bodyBytes)), []);
  assert.deepEqual(sockets, []);
  // Storage: the language choice, nothing else; and no attempt the CSP had to block.
  assert.deepEqual(writes, ['localStorage photogate.lang=en', 'localStorage photogate.lang=zh']);
  assert.deepEqual(stored, {
    localStorage: [['photogate.lang', 'zh']], sessionStorage: [], cookie: '', indexedDB: [], caches: [], serviceWorkers: 0, opfs: [],
  });
  assert.deepEqual(cookies, []);
  assert.deepEqual(errors, []);

  // The downloaded file: APP0 (JFIF), tables, frame, scan; no EXIF, no GPS, no other metadata.
  const fixed = readFileSync(saved);
  const markers = jpegSegments(fixed).map((s) => s.marker);
  assert.equal(markers[0], 0xe0);
  assert.deepEqual(markers.filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe), [], `metadata segments: ${markers.map((m) => m.toString(16))}`);
  assert.equal(fixed.indexOf(Buffer.from('Exif\0')), -1);
  assert.equal(fixed.indexOf(Buffer.from('PhotogateTestPhone')), -1);

  // The same bytes give the same file: the page's worker and this process's wasm agree byte for byte.
  const pkg = await import(join(ROOT, 'pkg', 'index.js'));
  await pkg.init(packageFiles());
  const again = pkg.autocrop(tagged, { fileName: 'gps.jpg', background: 'blue' });
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  assert.equal(sha(again.jpeg), sha(fixed), 'autocrop in Node and in the page made different files');
});
