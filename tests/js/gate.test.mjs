// The pre-upload gate (photogate/gate) on its demo page, a school's form (www/gate.html), in headless
// Chromium: a failing photo blocks the submit, the fixed JPEG goes into the input, and the form then
// sends exactly that file to the dev server's test endpoint, and nothing else anywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { OUTPUT, photo } from './common.mjs';

let server, url, browser;
/** Every request the server heard: { method, url, bodyBytes }. */
const served = [];

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  ({ server, url } = await startServer({ port: 0, onRequest: (r) => served.push(r) }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** An 18-digit ID number: 17 digits and their GB 11643-1999 check character. */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const ID = idNumber('11010519491231002');
const OTHER_ID = idNumber('32010219990101123');
const CARELL = 'casual/of_carell.jpg';
const KB_WINDOW = [30 * 1024, 50 * 1024]; // chsi-nanjing's file.kb

/** Width and height from a JPEG's SOF segment (T.81 B.2.2). */
function jpegSize(bytes) {
  let at = 2;
  while (at + 9 < bytes.length) {
    assert.equal(bytes[at], 0xff, `marker expected at ${at}`);
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
    }
    at += 2 + length;
  }
  throw new Error('no SOF segment');
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function received() {
  return (await fetch(new URL('__gate-test/received', url))).json();
}

/**
 * Opens the demo in a new context that records every request of the page and its workers, every
 * request the CSP blocked, the page's errors and the gate's events (listened to on the document,
 * as a framework would).
 */
async function openGate(query = '', viewport = { width: 1200, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer()?.length ?? 0 }));
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    window.gateEvents = [];
    for (const type of ['photogate:report', 'photogate:fixed', 'photogate:blocked', 'photogate:error']) {
      document.addEventListener(type, (e) => window.gateEvents.push({
        type: e.type.slice('photogate:'.length),
        file: e.detail.file?.name ?? null,
        verdict: e.detail.report?.verdict ?? null,
        fixed: e.detail.fixed ?? null,
        blocked: e.detail.blocked ?? null,
        code: e.detail.error?.code ?? null,
      }));
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(`gate.html${query}`, url).href);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, requests, errors };
}

const events = (page) => page.evaluate(() => window.gateEvents);
const gateState = (page) => page.getAttribute('.photogate', 'data-state');

/** The file the input holds, with its bytes, and the input's validity. */
const held = (page) => page.$eval('#photo', async (input) => {
  const file = input.files[0];
  return {
    name: file?.name, type: file?.type, size: file?.size,
    bytes: file ? [...new Uint8Array(await file.arrayBuffer())] : [],
    valid: input.checkValidity(), message: input.validationMessage,
  };
});

/** Asserts that every request stayed on the server's origin and only `posts` carried a body. */
function assertOnlyOrigin(requests, posts) {
  const origin = new URL(url).origin;
  for (const r of requests) {
    if (r.url.startsWith('blob:')) assert.ok(r.url.startsWith(`blob:${origin}/`), r.url);
    else if (!r.url.startsWith('data:')) assert.equal(new URL(r.url).origin, origin, `request to another origin: ${r.url}`);
  }
  const sent = requests.filter((r) => r.method !== 'GET' || r.body > 0).map((r) => `${r.method} ${new URL(r.url).pathname}`);
  assert.deepEqual(sent, posts);
}

test('the ID number follows GB 11643', () => {
  assert.equal(ID, '11010519491231002X');
});

test('block: a failing photo stops the submit; the fixed JPEG goes in and is all the endpoint receives', async () => {
  served.length = 0;
  const { context, page, requests, errors } = await openGate();
  await page.fill('#name', '张三');
  await page.fill('#id-number', ID);
  await page.setInputFiles('#photo', photo(CARELL));
  await page.waitForSelector('.photogate[data-state="fail"]', { timeout: 60_000 });

  // The report: failing rules with their advice on top, the passing ones folded away.
  assert.match(await page.textContent('.photogate-headline'), /照片不符合要求（7 项）/);
  const problems = await page.locator('.photogate-problems .photogate-item').evaluateAll((items) =>
    items.map((li) => ({ rule: li.dataset.rule, verdict: li.dataset.verdict, advice: li.querySelector('.photogate-item-advice')?.textContent ?? '' })));
  const failing = problems.map((p) => p.rule);
  for (const rule of ['file.size_px', 'file.kb', 'file.name', 'geom.head_top']) assert.ok(failing.includes(rule), `${rule} in ${failing}`);
  for (const p of problems) {
    assert.equal(p.verdict, 'fail', p.rule);
    assert.ok(p.advice.length > 0, `advice for ${p.rule}`);
  }
  assert.ok(await page.isVisible('.photogate-problems'));
  assert.equal(await page.$eval('.photogate-rest', (d) => d.open), false);
  assert.equal(await page.locator('.photogate-rest-list .photogate-item[data-verdict="fail"]').count(), 0);

  // The block message is the input's custom validity and its accessible description.
  const before = await held(page);
  assert.equal(before.valid, false);
  assert.match(before.message, /照片不符合要求（像素尺寸、文件大小、文件命名等 7 项），不能提交/);
  const described = await page.$eval('#photo', (input) => ({
    invalid: input.getAttribute('aria-invalid'),
    text: input.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' '),
  }));
  assert.deepEqual(described, { invalid: 'true', text: before.message });
  assert.equal(await page.getAttribute('.photogate-status', 'role'), 'status');

  // Submitting: the browser's own validation stops it (no submit event, so no gate event); with
  // `novalidate`, the gate's submit listener does, and says so.
  await page.click('.submit');
  assert.deepEqual((await events(page)).map((e) => e.type), ['report']);
  await page.$eval('#form', (form) => { form.noValidate = true; });
  await page.click('.submit');
  await page.waitForTimeout(300);
  await page.$eval('#form', (form) => { form.noValidate = false; });
  assert.equal(new URL(page.url()).pathname, '/gate.html');
  assert.deepEqual(await received(), []);
  assert.equal(await page.getAttribute('.photogate', 'data-blocked'), 'true');

  // The fix, by keyboard.
  await page.waitForSelector('.photogate-use-fix', { timeout: 60_000 });
  assert.match(await page.textContent('.photogate-fix'), new RegExp(`480×640 像素，\\d+\\.\\d KB，文件名 ${ID}\\.jpg。符合要求。`));
  await page.screenshot({ path: join(OUTPUT, 'gate-fail.png'), fullPage: true });
  await page.focus('.photogate-use-fix');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.photogate[data-state="pass"]');
  const fixed = await held(page);
  assert.deepEqual([fixed.name, fixed.type, fixed.valid, fixed.message], [`${ID}.jpg`, 'image/jpeg', true, '']);
  assert.equal(await page.getAttribute('#photo', 'aria-invalid'), null);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'photogate-headline');
  assert.match(await page.textContent('.photogate-fix'), new RegExp(`已换成修正后的照片：${ID}\\.jpg`));
  await page.screenshot({ path: join(OUTPUT, 'gate-fixed.png'), fullPage: true });

  // The events, in order; the swap started no second check.
  assert.deepEqual(await events(page), [
    { type: 'report', file: 'of_carell.jpg', verdict: 'fail', fixed: false, blocked: true, code: null },
    { type: 'blocked', file: null, verdict: 'fail', fixed: null, blocked: null, code: null },
    { type: 'fixed', file: `${ID}.jpg`, verdict: 'pass', fixed: null, blocked: null, code: null },
    { type: 'report', file: `${ID}.jpg`, verdict: 'pass', fixed: true, blocked: false, code: null },
  ]);

  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no request the CSP had to block');
  await Promise.all([page.waitForURL('**/__gate-test/submit'), page.click('.submit')]);
  assert.match(await page.textContent('h1'), /已收到第 1 次提交/);

  // The endpoint received one submission: the fields and one file, the fixed JPEG.
  const [entry, ...more] = await received();
  assert.deepEqual(more, []);
  assert.deepEqual(entry.fields, [{ name: 'name', value: '张三' }, { name: 'id_number', value: ID }]);
  assert.equal(entry.files.length, 1);
  const [file] = entry.files;
  const bytes = Buffer.from(file.base64, 'base64');
  assert.deepEqual([file.field, file.name, file.type, file.size_bytes], ['photo', `${ID}.jpg`, 'image/jpeg', bytes.length]);
  assert.equal(file.sha256, sha256(Buffer.from(fixed.bytes)), 'the endpoint received the file the gate put in');
  assert.equal(file.sha256, sha256(bytes));
  assert.deepEqual(jpegSize(bytes), { width: 480, height: 640 });
  assert.ok(bytes.length >= KB_WINDOW[0] && bytes.length <= KB_WINDOW[1], `${bytes.length} bytes, outside chsi-nanjing's window`);

  // Nothing else was sent anywhere: the page and its worker only fetched their own assets.
  assertOnlyOrigin(requests, ['POST /__gate-test/submit']);
  const paths = requests.map((r) => r.url.startsWith('blob:') ? 'blob:' : new URL(r.url).pathname);
  for (const asset of ['/gate.html', '/gate-demo.js', '/pkg/gate.js', '/pkg/gate.css', '/pkg/worker.js', '/pkg/photogate_wasm_bg.wasm']) {
    assert.ok(paths.includes(asset), `the recorder saw ${asset}`);
  }
  assert.equal(paths.filter((p) => p.startsWith('/pkg/models/')).length, 4);
  assert.deepEqual(served.filter((r) => r.method !== 'GET' || r.bodyBytes > 0).map((r) => `${r.method} ${r.url}`), ['POST /__gate-test/submit']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('warn: a failing photo shows the warning and still submits, as chosen', async () => {
  const before = (await received()).length;
  const { context, page, requests, errors } = await openGate('?mode=warn&lang=en');
  await page.fill('#name', 'Li Lei');
  await page.fill('#id-number', ID);
  await page.setInputFiles('#photo', photo(CARELL));
  await page.waitForSelector('.photogate[data-state="fail"]', { timeout: 60_000 });
  assert.match(await page.textContent('.photogate-headline'), /does not meet the requirements \(7 items\)/);
  assert.equal(await page.getAttribute('.photogate-message', 'data-kind'), 'warn');
  assert.match(await page.textContent('.photogate-message'), /You can still submit it/);
  const chosen = await held(page);
  assert.deepEqual([chosen.valid, chosen.message], [true, '']);
  assert.deepEqual((await events(page)).filter((e) => e.type === 'report'), [
    { type: 'report', file: 'of_carell.jpg', verdict: 'fail', fixed: false, blocked: false, code: null },
  ]);

  await Promise.all([page.waitForURL('**/__gate-test/submit'), page.click('.submit')]);
  const all = await received();
  assert.equal(all.length, before + 1);
  const { files } = all.at(-1);
  const original = readFileSync(photo(CARELL));
  assert.deepEqual(files.map((f) => [f.name, f.type, f.size_bytes, f.sha256]), [['of_carell.jpg', 'image/jpeg', original.length, sha256(original)]]);
  assertOnlyOrigin(requests, ['POST /__gate-test/submit']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a photo chosen while the last one is checked: the old check is dropped, only the new photo is reported', async () => {
  const { context, page, errors } = await openGate();
  await page.setInputFiles('#photo', photo(CARELL));
  await page.waitForSelector('.photogate[data-state="checking"]');
  await page.setInputFiles('#photo', photo('idphoto/fa_neutral.jpg'));
  await page.waitForFunction(() => document.querySelector('.photogate').dataset.state !== 'checking', null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const reports = (await events(page)).filter((e) => e.type === 'report');
  assert.deepEqual(reports.map((e) => [e.file, e.verdict]), [['fa_neutral.jpg', 'fail']]);
  assert.match(await page.textContent('.photogate-problems'), /608×276/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone: the ID typed after the photo names the fixed photo; the original can come back', async () => {
  const { context, page, errors } = await openGate('', { width: 390, height: 844 });
  await page.setInputFiles('#photo', photo(CARELL));
  await page.waitForSelector('.photogate-fix[data-status="fixed"]', { timeout: 60_000 });
  // No ID yet: the fixed photo keeps the photo's name, and the gate says where the name comes from.
  assert.match(await page.textContent('.photogate-fix'), /文件名 of_carell\.jpg。仍需处理：文件命名/);
  assert.match(await page.textContent('.photogate-name-hint'), /修正后的照片以“身份证号”命名，请先填写/);
  await page.click('.photogate-use-fix');
  assert.equal((await held(page)).name, 'of_carell.jpg');
  assert.equal(await gateState(page), 'fail');

  // Typing the ID blocks until the photo in the input is named by it.
  await page.fill('#id-number', OTHER_ID);
  assert.equal(await gateState(page), 'checking');
  assert.match((await held(page)).message, /照片还在检查中/);
  await page.waitForSelector('.photogate[data-state="pass"]', { timeout: 60_000 });
  const named = await held(page);
  assert.deepEqual([named.name, named.valid], [`${OTHER_ID}.jpg`, true]);
  assert.ok(named.size >= KB_WINDOW[0] && named.size <= KB_WINDOW[1], `${named.size} bytes`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide on a 390px screen`);
  await page.screenshot({ path: join(OUTPUT, 'gate-phone.png'), fullPage: true });

  await page.click('.photogate-restore');
  const back = await held(page);
  assert.deepEqual([back.name, back.size, back.valid], ['of_carell.jpg', readFileSync(photo(CARELL)).length, false]);
  assert.equal(await gateState(page), 'fail');
  const types = (await events(page)).map((e) => `${e.type}:${e.file}:${e.verdict}`);
  assert.deepEqual(types, [
    'report:of_carell.jpg:fail',
    'fixed:of_carell.jpg:fail', 'report:of_carell.jpg:fail',
    `fixed:${OTHER_ID}.jpg:pass`, `report:${OTHER_ID}.jpg:pass`,
    'report:of_carell.jpg:fail',
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file that is no photo blocks; a checker that cannot start lets the form go; detach undoes the gate', async () => {
  const { context, page } = await openGate();
  const outcome = await page.evaluate(async () => {
    const { attachGate } = await import('/pkg/gate.js');
    const form = document.createElement('form');
    const input = document.createElement('input');
    input.type = 'file';
    input.setAttribute('aria-describedby', 'own-hint');
    form.append(input);
    document.body.append(form);
    const choose = async (gate, file) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => input.addEventListener('photogate:error', resolve, { once: true }));
      return { state: gate.state, blocked: gate.blocked, valid: input.checkValidity(), headline: gate.element.querySelector('.photogate-headline').textContent };
    };
    const misspelt = (() => { try { attachGate(input, { mdoe: 'warn' }); return 'attached'; } catch (e) { return `${e.code}: ${e.message}`; } })();

    const gate = attachGate(input, {});
    const text = await choose(gate, new File(['not a photo'], 'notes.jpg', { type: 'image/jpeg' }));
    gate.detach();
    const detached = {
      valid: input.checkValidity(), describedBy: input.getAttribute('aria-describedby'),
      invalid: input.getAttribute('aria-invalid'), elements: document.querySelectorAll('.photogate').length,
    };

    const broken = attachGate(input, { lang: 'en', checkerOptions: { modelBase: '/no-such-models/' } });
    // The worker fails to load its models before it looks at the file.
    const unavailable = await choose(broken, new File(['any'], 'photo.jpg', { type: 'image/jpeg' }));
    broken.detach();
    return { misspelt, text, detached, unavailable };
  });
  assert.match(outcome.misspelt, /^invalid_options: attachGate: unknown option mdoe/);
  assert.deepEqual(outcome.text, { state: 'invalid', blocked: true, valid: false, headline: '这不是图片文件。请换一张照片。' });
  // The demo's own gate is the one left.
  assert.deepEqual(outcome.detached, { valid: true, describedBy: 'own-hint', invalid: null, elements: 1 });
  assert.equal(outcome.unavailable.state, 'unavailable');
  assert.deepEqual([outcome.unavailable.blocked, outcome.unavailable.valid], [false, true]);
  assert.match(outcome.unavailable.headline, /cannot be checked on this device \(init_failed\); the school will review it/);
  await context.close();
});
