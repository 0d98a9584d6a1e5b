// examples/webpack: the same page in plain JavaScript, bundled by webpack 5 with no configuration
// from the package `npm pack` makes of pkg/, served as static files with the README's headers
// (Content-Security-Policy, MIME types) and driven in headless Chromium: check and autocrop, in the
// page's thread and in the worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { ROOT, photo } from './common.mjs';
import { assertBothThreads, drive, installExample, packTarball, serveStatic } from './example.mjs';

const EXAMPLE = join(ROOT, 'examples', 'webpack');
let browser;

before(async () => {
  installExample(EXAMPLE, packTarball());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

test('webpack 5 with no config emits the wasm, the worker and the four models, and the page works under the CSP', async () => {
  rmSync(join(EXAMPLE, 'dist'), { recursive: true, force: true });
  const webpack = spawnSync(process.execPath, [join(EXAMPLE, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: EXAMPLE, encoding: 'utf8' });
  assert.equal(webpack.status, 0, webpack.stdout + webpack.stderr);
  const assets = readdirSync(join(EXAMPLE, 'dist'));
  assert.equal(assets.filter((a) => a.endsWith('.onnx')).length, 4, assets.join(' '));
  // The core and the file-rules build for browsers without SIMD (loaded only there).
  assert.equal(assets.filter((a) => a.endsWith('.wasm')).length, 2, assets.join(' '));

  const server = await serveStatic(EXAMPLE);
  try {
    assertBothThreads(await drive(browser, server.url, photo('idphoto/hv_test0_musk.jpg')));
  } finally {
    await server.close();
  }
});
