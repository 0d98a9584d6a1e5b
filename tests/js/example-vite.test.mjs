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
import { HEADERS, assertBothThreads, drive, freePort, installExample, packTarball } from './example.mjs';

const EXAMPLE = join(ROOT, 'examples', 'vite');
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

test('the example type-checks strict; vite build emits the wasm, the worker and the four models as hashed assets, and the built app works under the CSP', async () => {
  const tsc = spawnSync(process.execPath, [join(EXAMPLE, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', EXAMPLE], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc (strict) on examples/vite:\n${tsc.stdout}${tsc.stderr}`);
  rmSync(join(EXAMPLE, 'dist'), { recursive: true, force: true });
  await vite.build({ root: EXAMPLE, logLevel: 'warn' });
  const assets = readdirSync(join(EXAMPLE, 'dist', 'assets'));
  for (const model of ['yunet_n_dynamic', 'mediapipe_face_landmark_468_192x192.fp16w', 'mediapipe_iris_landmark_64x64.fp16w', 'mediapipe_selfie_segmentation_256x256']) {
    assert.equal(assets.filter((a) => a.startsWith(`${model}-`) && a.endsWith('.onnx')).length, 1, `${model} in ${assets.join(' ')}`);
  }
  // The core and the file-rules build for browsers without SIMD (loaded only there).
  assert.deepEqual(assets.filter((a) => a.endsWith('.wasm')).map((a) => a.split('-')[0]).sort(), ['photogate_lite_bg', 'photogate_wasm_bg'], assets.join(' '));
  assert.equal(assets.filter((a) => a.startsWith('worker-') && a.endsWith('.js')).length, 1, assets.join(' '));

  const server = await vite.preview({ root: EXAMPLE, logLevel: 'warn', preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, headers: HEADERS } });
  try {
    assertBothThreads(await drive(browser, server.resolvedUrls.local[0], photo('idphoto/hv_test0_musk.jpg')));
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
    assertBothThreads(await drive(browser, server.resolvedUrls.local[0], photo('idphoto/hv_test0_musk.jpg')));
    // The package was pre-bundled, and the bundler rewrote each literal model URL to the package's file.
    const prebundled = readFileSync(join(EXAMPLE, 'node_modules', '.vite', 'deps', 'photogate.js'), 'utf8');
    assert.match(prebundled, /new URL\("[./]*photogate\/models\/yunet_n_dynamic\.onnx", import\.meta\.url\)/);
  } finally {
    await server.close();
  }
});
