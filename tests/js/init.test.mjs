// The package's one error model around loading, in Node (no CLI, no browser): every failure is a
// PhotogateError with a stable code, model fetches name the URL and what came back, `modelFiles()`
// needs no wasm, and `init()` after `init({ models: false })` loads the models. The tests share one
// module instance and run in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packageFiles, photo } from './common.mjs';

const pkg = await import(join(ROOT, 'pkg', 'index.js'));
const { wasm, models } = packageFiles();
const jpeg = readFileSync(photo('idphoto/hv_test0_musk.jpg'));

/** `call`'s rejection or throw as [name, code, message]. */
async function failure(call) {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof pkg.PhotogateError, `${e?.constructor?.name}: ${e?.message}`);
    return [e.name, e.code, e.message];
  }
  assert.fail('no error');
}

/** Runs `body` with `fetch` answering every request with `respond(url)`. */
async function withFetch(respond, body) {
  const real = globalThis.fetch;
  globalThis.fetch = async (url) => respond(String(url));
  try {
    return await body();
  } finally {
    globalThis.fetch = real;
  }
}

test('modelFiles() needs no init; calls before init() are not_initialized', async () => {
  assert.deepEqual(pkg.modelFiles().map((f) => f.key), ['detector', 'faceMesh', 'iris', 'segmentation']);
  const manifest = readFileSync(join(ROOT, 'models.sha256'), 'utf8');
  for (const f of pkg.modelFiles()) assert.ok(manifest.includes(`${f.sha256}  ${f.name}`), f.name);
  for (const call of [() => pkg.check(jpeg), () => pkg.autocrop(jpeg), () => pkg.profiles(), () => pkg.version()]) {
    assert.equal((await failure(call))[1], 'not_initialized');
  }
  assert.equal((await failure(() => pkg.init('models')))[1], 'invalid_options');
});

test('a model answered by an HTML page, a 404 or other bytes: init_failed or model_error naming the URL', async () => {
  const html = () => new Response('<!doctype html><title>app</title>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
  const [, code, message] = await withFetch(html, () => failure(() => pkg.init({ wasm, modelBase: 'https://school.example/assets/' })));
  assert.equal(code, 'init_failed');
  assert.match(message, /https:\/\/school\.example\/assets\/[a-z0-9_.]+\.onnx came back as text\/html/);
  assert.doesNotMatch(message, /models\.sha256/);

  const missing = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  const [, code404, message404] = await withFetch(missing, () => failure(() => pkg.init({ wasm, modelBase: 'https://school.example/m' })));
  assert.equal(code404, 'init_failed');
  assert.match(message404, /from https:\/\/school\.example\/m\/[a-z0-9_.]+\.onnx: HTTP 404 \(text\/plain\)/);

  const other = () => new Response(new Uint8Array(295), { headers: { 'content-type': 'application/octet-stream' } });
  const [, codeBytes, messageBytes] = await withFetch(other, () => failure(() => pkg.init({ wasm, modelBase: 'https://school.example/m/' })));
  assert.equal(codeBytes, 'model_error');
  assert.match(messageBytes, /from https:\/\/school\.example\/m\/\S+ \(application\/octet-stream, 295 bytes\) has sha256 [0-9a-f]{64}, not the pinned/);

  assert.equal((await failure(() => pkg.init({ wasm, models: { detector: models.detector } })))[1], 'invalid_options');
});

test('init({ models: false }) checks file rules only; a later init() loads the models', async () => {
  await pkg.init({ wasm, models: false });
  const fileOnly = pkg.check(jpeg, { fileName: 'a.jpg' });
  assert.equal(fileOnly.items.find((i) => i.rule === 'geom.face_count').verdict, 'not_measured');
  assert.equal((await failure(() => pkg.autocrop(jpeg)))[1], 'model_error');

  await pkg.init({ wasm, models });
  const full = pkg.check(jpeg, { fileName: 'a.jpg' });
  assert.equal(full.items.find((i) => i.rule === 'geom.face_count').verdict, 'pass');
  assert.equal(pkg.autocrop(jpeg, { fileName: 'a.jpg' }).status, 'fixed');
  // A file-only init now changes nothing: the models stay.
  await pkg.init({ models: false });
  assert.equal(pkg.check(jpeg).items.find((i) => i.rule === 'geom.face_count').verdict, 'pass');
});
