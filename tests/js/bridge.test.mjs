// The worker checker (createChecker, bridge.js) in headless Chromium: its queue, aborts, errors and
// idle timeout, on real photos. Each test counts the Workers the page makes and terminates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { photo } from './common.mjs';

let server, url, browser;

before(async () => {
  ({ server, url } = await startServer({ port: 0 }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const PHOTOS = {
  jolie: 'idphoto/df_img11_jolie.jpg',
  neutral: 'idphoto/fa_neutral.jpg',
  angry: 'idphoto/fa_angry.jpg',
  carell: 'casual/of_carell.jpg',
};

/**
 * A page of the server's origin without the app (so no other worker runs), with the package imported
 * as `window.photogate`, the photos as `window.photos`, and `window.workers` counting the Workers
 * made and terminated.
 */
async function openPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const Native = Worker;
    const workers = (window.workers = { made: 0, terminated: 0 });
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        workers.made++;
      }

      terminate() {
        workers.terminated++;
        super.terminate();
      }
    };
  });
  await page.goto(new URL('pkg/index.d.ts', url).href);
  const photos = Object.fromEntries(Object.entries(PHOTOS).map(([k, p]) => [k, [...readFileSync(photo(p))]]));
  await page.evaluate(async (photos) => {
    window.photogate = await import('/pkg/index.js');
    window.photos = Object.fromEntries(Object.entries(photos).map(([k, v]) => [k, new Uint8Array(v)]));
    window.summary = (report) => ({
      verdict: report.verdict,
      counts: report.counts,
      size: report.items.find((i) => i.rule === 'file.size_px').value,
      faces: report.items.find((i) => i.rule === 'geom.face_count').value,
    });
    window.outcome = (promise) => promise.then(
      (value) => ({ ok: value }),
      (e) => ({ error: { photogate: e instanceof window.photogate.PhotogateError, code: e.code, message: e.message } }),
    );
  }, photos);
  return { page, errors };
}

const JOLIE = { verdict: 'fail', counts: { pass: 26, fail: 6, warn: 2, not_measured: 2 }, size: '600×800', faces: 1 };
const NEUTRAL = { verdict: 'fail', counts: { pass: 30, fail: 3, warn: 1, not_measured: 2 }, size: '608×276', faces: 1 };
const ANGRY = { verdict: 'fail', counts: { pass: 27, fail: 6, warn: 1, not_measured: 2 }, size: '300×250', faces: 1 };

test('three queued checks, the second aborted while queued: the first and third resolve, in order, on one worker', async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async () => {
    const checker = window.photogate.createChecker();
    const order = [];
    const second = new AbortController();
    const calls = [
      checker.check(photos.jolie, { fileName: 'jolie.jpg' }),
      checker.check(photos.neutral, { fileName: 'neutral.jpg' }, { signal: second.signal }),
      checker.check(photos.angry, { fileName: 'angry.jpg' }),
    ].map((call, i) => outcome(call.finally(() => order.push(i))));
    second.abort();
    const [first, aborted, third] = await Promise.all(calls);
    checker.dispose();
    return {
      first: summary(first.ok), aborted: aborted.error, third: summary(third.ok), order,
      photoIntact: photos.neutral.length > 0, workers: { ...workers },
    };
  });
  assert.deepEqual(result.first, JOLIE);
  assert.deepEqual(result.aborted, { photogate: true, code: 'aborted', message: 'the call was aborted' });
  assert.deepEqual(result.third, ANGRY);
  assert.deepEqual(result.order, [1, 0, 2], 'the aborted call settles at once, the others in call order');
  // The running call was not disturbed: one worker made; dispose() terminated it at the end.
  assert.deepEqual(result.workers, { made: 1, terminated: 1 });
  assert.ok(result.photoIntact, "the caller's bytes were copied, not transferred away");
  assert.deepEqual(errors, []);
  await page.close();
});

test('aborting a running autocrop stops its worker at once; the check queued behind it runs on a new worker', async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async () => {
    const loads = [];
    const checker = window.photogate.createChecker({ onProgress: (stage, done) => stage === 'compute:load' && done === 1 && loads.push(stage) });
    await checker.ready();
    const controller = new AbortController();
    const fix = outcome(checker.autocrop(photos.carell, { fileName: 'of_carell.jpg', background: 'blue' }, { signal: controller.signal }));
    const next = outcome(checker.check(photos.neutral, { fileName: 'neutral.jpg' }));
    // Let the autocrop reach the worker, which is then busy for seconds.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = { ...workers };
    const abortedAt = performance.now();
    controller.abort();
    const aborted = await fix;
    const rejectMs = performance.now() - abortedAt;
    const report = await next;
    // The worker keeps working afterwards: an unaborted autocrop of the same photo is fixed.
    const again = await checker.autocrop(photos.carell, { fileName: 'of_carell.jpg', background: 'blue' });
    checker.dispose();
    return {
      before, aborted: aborted.error, rejectMs, report: summary(report.ok), loads: loads.length,
      again: [again.status, again.file_name, again.jpeg.length === again.size_bytes], workers: { ...workers },
    };
  });
  assert.deepEqual(result.before, { made: 1, terminated: 0 });
  assert.deepEqual(result.aborted, { photogate: true, code: 'aborted', message: 'the call was aborted' });
  assert.ok(result.rejectMs < 100, `the abort took ${result.rejectMs} ms to reject`);
  assert.deepEqual(result.report, NEUTRAL);
  assert.equal(result.loads, 2, 'the models loaded again in the new worker');
  assert.deepEqual(result.again, ['fixed', 'of_carell.jpg', true]);
  // Made: the first worker and its replacement. Terminated: the aborted one, then dispose().
  assert.deepEqual(result.workers, { made: 2, terminated: 2 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('errors from the worker are PhotogateErrors with their codes, and the worker goes on', async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async () => {
    const checker = window.photogate.createChecker();
    const bad = { extends: 'chsi', id: 'school', rules: { 'file.kb': { severity: 'fail', min: 'thirty' } } };
    const outcomes = await Promise.all([
      outcome(checker.check(photos.jolie, { profile: 'gansu' })),
      outcome(checker.check(photos.jolie, { profile: bad })),
      outcome(checker.check(new TextEncoder().encode('not a photo'))),
      outcome(checker.autocrop(photos.carell, { background: 'pink' })),
      outcome(checker.check('not bytes')),
    ]);
    const report = await checker.check(photos.jolie, { fileName: 'jolie.jpg' });
    checker.dispose();
    return { outcomes: outcomes.map((o) => o.error), report: summary(report), workers: { ...workers } };
  });
  const [unknownProfile, badProfile, text, colour, notBytes] = result.outcomes;
  assert.deepEqual([unknownProfile.photogate, unknownProfile.code], [true, 'invalid_profile']);
  assert.match(unknownProfile.message, /gansu/);
  assert.deepEqual([badProfile.photogate, badProfile.code], [true, 'invalid_profile']);
  assert.match(badProfile.message, /rules\.file\.kb\.min/);
  assert.deepEqual([text.photogate, text.code], [true, 'unknown_format']);
  assert.deepEqual([colour.photogate, colour.code], [true, 'invalid_options']);
  assert.match(colour.message, /blue, white, grey/);
  assert.deepEqual([notBytes.photogate, notBytes.code], [true, 'invalid_options']);
  assert.deepEqual(result.report, JOLIE);
  assert.deepEqual(result.workers, { made: 1, terminated: 1 }, 'errors do not restart the worker');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an idle worker is terminated after idleTimeoutMs, and the next call starts a new one', async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async () => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const checker = window.photogate.createChecker({ idleTimeoutMs: 400 });
    const first = summary(await checker.check(photos.neutral));
    const busy = { ...workers };
    await sleep(1000);
    const idle = { ...workers };
    const second = summary(await checker.check(photos.angry));
    // Calls closer together than the timeout keep the worker.
    await sleep(100);
    const third = summary(await checker.check(photos.jolie));
    const kept = { ...workers };
    checker.dispose();
    const never = window.photogate.createChecker({ idleTimeoutMs: 0 });
    await never.profiles();
    await sleep(600);
    const unlimited = { ...workers };
    never.dispose();
    let invalid = null;
    try {
      window.photogate.createChecker({ idleTimeoutMs: -1 });
    } catch (e) {
      invalid = e.code;
    }
    return { first, busy, idle, second, third, kept, unlimited, invalid };
  });
  assert.deepEqual(result.first, NEUTRAL);
  assert.deepEqual(result.busy, { made: 1, terminated: 0 });
  assert.deepEqual(result.idle, { made: 1, terminated: 1 });
  assert.deepEqual(result.second, ANGRY);
  assert.deepEqual(result.third, JOLIE);
  assert.deepEqual(result.kept, { made: 2, terminated: 1 });
  assert.deepEqual(result.unlimited, { made: 3, terminated: 2 }, 'idleTimeoutMs: 0 keeps the worker');
  assert.equal(result.invalid, 'invalid_options');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dispose() rejects the running and the queued calls with aborted; a later call starts afresh', async () => {
  const { page, errors } = await openPage();
  const result = await page.evaluate(async () => {
    const checker = window.photogate.createChecker();
    const calls = [checker.check(photos.jolie), checker.autocrop(photos.carell), checker.profiles()].map(outcome);
    checker.dispose();
    const outcomes = (await Promise.all(calls)).map((o) => o.error && [o.error.photogate, o.error.code]);
    const profiles = (await checker.profiles()).map((p) => p.id);
    checker.dispose();
    return { outcomes, profiles, workers: { ...workers } };
  });
  assert.deepEqual(result.outcomes, [[true, 'aborted'], [true, 'aborted'], [true, 'aborted']]);
  assert.deepEqual(result.profiles, ['chsi', 'chsi-nanjing', 'chsi-jiangsu', 'xinhua-960']);
  assert.deepEqual(result.workers, { made: 2, terminated: 2 });
  assert.deepEqual(errors, []);
  await page.close();
});
