// The dev server (npm start, and every browser test) sends the page's files compressed, as the issue's
// first-visit size assumes a real server does: brotli where accepted, else gzip, never the images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pickEncoding, startServer } from '../../scripts/serve.mjs';

const ROOT = new URL('../../', import.meta.url);

/** GET path with these headers; resolves to { status, headers, body } with the body as sent. */
function get(url, headers = {}, method = 'GET') {
  return new Promise((ok, fail) => {
    const req = request(url, { headers, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('Accept-Encoding decides: br first, gzip next, q=0 refuses, * stands for the rest', () => {
  assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(pickEncoding('gzip, deflate'), 'gzip');
  assert.equal(pickEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(pickEncoding('identity'), null);
  assert.equal(pickEncoding(''), null);
  assert.equal(pickEncoding(undefined), null);
  assert.equal(pickEncoding('*'), 'br');
  assert.equal(pickEncoding('br;q=0, *;q=0.1'), 'gzip');
});

test('the wasm, the models and the page come compressed; the bytes are the files', async () => {
  const { server, url } = await startServer({ port: 0 });
  try {
    const files = [
      ['pkg/photogate_wasm_bg.wasm', 'pkg/photogate_wasm_bg.wasm'],
      ['pkg/models/yunet_n_dynamic.onnx', 'pkg/models/yunet_n_dynamic.onnx'],
      ['', 'www/index.html'],
    ];
    for (const [path, file] of files) {
      const bytes = readFileSync(new URL(file, ROOT));
      const br = await get(url + path, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200, path);
      assert.equal(br.headers['content-encoding'], 'br', path);
      assert.equal(br.headers.vary, 'accept-encoding', path);
      assert.equal(Number(br.headers['content-length']), br.body.length, path);
      assert.ok(br.body.length < bytes.length * 0.9, `${path}: ${br.body.length} of ${bytes.length} bytes`);
      assert.deepEqual(brotliDecompressSync(br.body), bytes, path);

      const gz = await get(url + path, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', path);
      assert.deepEqual(gunzipSync(gz.body), bytes, path);

      const plain = await get(url + path);
      assert.equal(plain.headers['content-encoding'], undefined, path);
      assert.deepEqual(plain.body, bytes, path);

      const head = await get(url + path, { 'accept-encoding': 'br' }, 'HEAD');
      assert.equal(head.headers['content-length'], br.headers['content-length'], path);
      assert.equal(head.body.length, 0, path);
    }
  } finally {
    server.close();
  }
});

test('photos and other files already compressed are sent as they are', async () => {
  const photos = new URL('../shared/photos/', ROOT);
  const { server, url } = await startServer({ port: 0, mounts: { '/photos/': photos.pathname } });
  try {
    const res = await get(`${url}photos/idphoto/df_img11_jolie.jpg`, { 'accept-encoding': 'br, gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.headers.vary, undefined);
    assert.deepEqual(res.body, readFileSync(new URL('idphoto/df_img11_jolie.jpg', photos)));
  } finally {
    server.close();
  }
});
