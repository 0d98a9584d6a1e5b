// examples/vite as a school's web developer makes it: the package installed from the tarball that
// `npm pack` makes of pkg/, one import, no bundler configuration, TypeScript strict. It is built
// (`tsc --noEmit && vite build`), then the build output (vite preview) and the dev server (with its
// dependency pre-bundling) are driven in headless Chromium under the README's Content-Security-Policy,
// sent as a header with every response (the worker's too): check and autocrop, in the page's thread
// and in the worker.
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { ROOT, photo } from './common.mjs';
import { documentedCsp, freePort, installExample, packTarball } from './example.mjs';

const EXAMPLE = join(ROOT, 'examples', 'vite');
const CSP = documentedCsp();
const HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
let browser;
let vite;

before(async () => {
  installExample(EXAMPLE, packTarball());
  vite = await import(pathToFileURL(join(EXAMPLE, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Opens the app, chooses a photo, and returns what each thread made of it, and any CSP complaint. */
async function drive(url, file) {
  const page = await browser.newPage();
  const complaints = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) complaints.push(m.text());
  });
  page.on('pageerror', (e) => complaints.push(e.message));
  const response = await page.goto(url);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.setInputFiles('#photo', file);
  await page.waitForSelector('#main-thread[data-done="true"]', { timeout: 180_000 });
  await page.waitForSelector('#worker[data-done="true"]', { timeout: 180_000 });
  const read = async (id) => ({
    outcome: JSON.parse(await page.textContent(`${id} pre`)),
    imageWidth: await page.locator(`${id} img`).evaluate((img) => (img.complete ? img.naturalWidth : 0)),
  });
  const result = { main: await read('#main-thread'), worker: await read('#worker'), complaints };
  await page.close();
  return result;
}

function assertBothThreads({ main, worker, complaints }) {
  assert.deepEqual(complaints, []);
  for (const { outcome, imageWidth } of [main, worker]) {
    assert.equal(outcome.error, undefined, JSON.stringify(outcome));
    assert.equal(outcome.verdict, 'fail');
    assert.ok(outcome.failing.includes('file.size_px'), outcome.failing.join(' '));
    assert.equal(outcome.autocrop, 'fixed', JSON.stringify(outcome));
    assert.notEqual(outcome.fixedVerdict, 'fail', 'the fixed photo passes (or only warns)');
    assert.equal(imageWidth, 480, 'the fixed JPEG shows from a blob: URL');
  }
  assert.deepEqual(main.outcome, worker.outcome);
}

test('the example type-checks strict; vite build emits the wasm, the worker and the four models as hashed assets, and the built app works under the CSP', async () => {
  const tsc = spawnSync(process.execPath, [join(EXAMPLE, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', EXAMPLE], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc (strict) on examples/vite:\n${tsc.stdout}${tsc.stderr}`);
  rmSync(join(EXAMPLE, 'dist'), { recursive: true, force: true });
  await vite.build({ root: EXAMPLE, logLevel: 'warn' });
  const assets = readdirSync(join(EXAMPLE, 'dist', 'assets'));
  for (const model of ['yunet_n_dynamic', 'mediapipe_face_landmark_468_192x192.fp16w', 'mediapipe_iris_landmark_64x64.fp16w', 'mediapipe_selfie_segmentation_256x256']) {
    assert.equal(assets.filter((a) => a.startsWith(`${model}-`) && a.endsWith('.onnx')).length, 1, `${model} in ${assets.join(' ')}`);
  }
  assert.equal(assets.filter((a) => a.endsWith('.wasm')).length, 1, assets.join(' '));
  assert.equal(assets.filter((a) => a.startsWith('worker-') && a.endsWith('.js')).length, 1, assets.join(' '));

  const server = await vite.preview({ root: EXAMPLE, logLevel: 'warn', preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, headers: HEADERS } });
  try {
    assertBothThreads(await drive(server.resolvedUrls.local[0], photo('idphoto/hv_test0_musk.jpg')));
  } finally {
    await new Promise((done) => server.httpServer.close(done));
  }
});

test('the vite dev server, pre-bundling the package, serves an app that works under the CSP', async () => {
  // A new tarball each run: the dev server must pre-bundle it anew.
  rmSync(join(EXAMPLE, 'node_modules', '.vite'), { recursive: true, force: true });
  const server = await vite.createServer({ root: EXAMPLE, logLevel: 'warn', server: { host: '127.0.0.1', port: await freePort(), strictPort: true, headers: HEADERS } });
  await server.listen();
  try {
    assertBothThreads(await drive(server.resolvedUrls.local[0], photo('idphoto/hv_test0_musk.jpg')));
    // The package was pre-bundled, and the bundler rewrote each literal model URL to the package's file.
    const prebundled = readFileSync(join(EXAMPLE, 'node_modules', '.vite', 'deps', 'photogate.js'), 'utf8');
    assert.match(prebundled, /new URL\("[./]*photogate\/models\/yunet_n_dynamic\.onnx", import\.meta\.url\)/);
  } finally {
    await server.close();
  }
});
