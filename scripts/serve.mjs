// A static server for the self-check page on 127.0.0.1: www/ at /, the built package at /pkg/, each
// file brotli- or gzip-compressed when the browser accepts it (as a production server should send them).
// It serves files; the self-check page never sends a photo anywhere (and its CSP forbids other hosts).
// One test fixture besides: /__gate-test/, the endpoint the gate demo's school form (www/gate.html)
// posts to. It only records what it received, in memory, and is no part of the package.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

// Sent compressed when the client accepts it: everything but the already-compressed images. The wasm
// and the models are most of the page's download (docs/benchmarks.md has the sizes).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.ts', '.onnx', '.map', '.txt', '.md']);
// Brotli quality 5: 2.18 MB for the 8.7 MB wasm against quality 11's 1.78 MB and gzip's 2.69 MB, in a
// fortieth of quality 11's time (about a second on one core), so a fresh server answers at once.
const BROTLI_QUALITY = 5;
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
// Compressed bodies, by file, size, mtime and encoding, for the life of the process.
const compressed = new Map();

/** The encoding to send: br, else gzip, else none, as the request's Accept-Encoding allows. */
export function pickEncoding(acceptEncoding = '') {
  const accepted = new Map();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*') : 0)) > 0;
  return ['br', 'gzip'].find(ok) ?? null;
}

async function compressedBody(file, info, body, encoding) {
  const key = `${file}\0${info.size}\0${info.mtimeMs}\0${encoding}`;
  let entry = compressed.get(key);
  if (!entry) {
    entry = encoding === 'br'
      ? brotliAsync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipAsync(body, { level: 6 });
    compressed.set(key, entry);
  }
  return entry;
}

// The gate demo's form posts a photo of at most a few MB; a larger body is refused unread.
const GATE_TEST_MAX_BODY_BYTES = 16 * 1024 * 1024;
// Submissions kept, the oldest dropped first.
const GATE_TEST_KEEP = 50;

function locate(urlPath, mounts) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const mount = Object.entries({ ...mounts, '/pkg/': join(ROOT, 'pkg') }).find(([prefix]) => path.startsWith(prefix));
  const [folder, rest] = mount ? [mount[1], path.slice(mount[0].length)] : [join(ROOT, 'www'), path.slice(1)];
  const base = resolve(folder);
  const file = normalize(join(base, rest || 'index.html'));
  return file === base || file.startsWith(base + sep) ? file : null;
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a form submission held: its text fields and its files (name, type, size, sha256, bytes). */
async function readSubmission(contentType, body) {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const fields = [];
  const files = [];
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      fields.push({ name: field, value });
      continue;
    }
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({
      field, name: value.name, type: value.type, size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'), base64: bytes.toString('base64'),
    });
  }
  return { fields, files };
}

function receiptPage(entry) {
  const rows = [
    ...entry.fields.map((f) => `<tr><th>${escapeHtml(f.name)}</th><td>${escapeHtml(f.value)}</td></tr>`),
    ...entry.files.map((f) => `<tr><th>${escapeHtml(f.field)}</th><td>${escapeHtml(f.name)} · ${escapeHtml(f.type || '?')} · ${f.size_bytes} bytes · sha256 ${f.sha256}</td></tr>`),
  ];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>测试接收端：已收到 · photogate gate demo</title></head><body>
<h1>测试接收端：已收到第 ${entry.id} 次提交</h1>
<p>This is the dev server's test endpoint (scripts/serve.mjs): it only records what it received, in memory.</p>
<table>${rows.join('\n')}</table>
<p><a href="/gate.html">返回表单 / back to the form</a> · <a href="/__gate-test/received">JSON</a></p>
</body></html>`;
}

/**
 * The gate demo's test endpoint. POST /__gate-test/submit records a form submission (multipart or
 * urlencoded) and answers a receipt (HTML, or JSON when asked); GET /__gate-test/received lists what
 * was recorded, oldest first.
 */
async function gateTest(req, res, path, body, received) {
  const send = (status, type, text, headers = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
    res.end(text);
  };
  if (path === '/__gate-test/received' && req.method === 'GET') {
    return send(200, 'application/json', JSON.stringify(received, null, 2));
  }
  if (path !== '/__gate-test/submit' || req.method !== 'POST') return send(404, 'text/plain; charset=utf-8', 'not found');
  if (!body) return send(413, 'text/plain; charset=utf-8', `body larger than ${GATE_TEST_MAX_BODY_BYTES} bytes`);
  let entry;
  try {
    entry = { id: (received.at(-1)?.id ?? 0) + 1, content_type: req.headers['content-type'] ?? '', ...(await readSubmission(req.headers['content-type'] ?? '', body)) };
  } catch (e) {
    return send(400, 'text/plain; charset=utf-8', `not a form submission: ${e.message}`);
  }
  received.push(entry);
  if (received.length > GATE_TEST_KEEP) received.shift();
  if ((req.headers.accept ?? '').includes('application/json')) return send(200, 'application/json', JSON.stringify(entry));
  return send(200, 'text/html; charset=utf-8', receiptPage(entry), { 'content-security-policy': "default-src 'none'; form-action 'none'; base-uri 'none'" });
}

/**
 * Starts the server; resolves to { server, url, received }. Port 0 picks a free port. `mounts` serves
 * more folders: { '/bench/': '/abs/folder' } (the benchmark uses it). `isolated` sends COOP and COEP
 * headers, so that pages are cross-origin isolated and performance.now() has its fine resolution
 * (5 µs rather than 100 µs in Chromium). `onRequest`,
 * when given, hears of every request once its body has been read: { method, url, bodyBytes } (the
 * tests use it to prove that the page sends nothing). `received` is what the gate demo's test
 * endpoint recorded (as GET /__gate-test/received lists it).
 */
export async function startServer({ port = 8080, host = '127.0.0.1', onRequest, mounts = {}, isolated = false } = {}) {
  const isolation = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const received = [];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const gate = path.startsWith('/__gate-test/');
    let bodyBytes = 0;
    const chunks = [];
    for await (const chunk of req) {
      bodyBytes += chunk.length;
      if (gate && bodyBytes <= GATE_TEST_MAX_BODY_BYTES) chunks.push(chunk);
    }
    onRequest?.({ method: req.method, url: req.url, bodyBytes });
    if (gate) {
      return gateTest(req, res, path, bodyBytes <= GATE_TEST_MAX_BODY_BYTES ? Buffer.concat(chunks) : null, received);
    }
    let file = locate(req.url ?? '/', mounts);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = await stat(file ?? '');
      let body = await readFile(file);
      const compressible = COMPRESSIBLE.has(extname(file)) && body.length >= 1024;
      const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
      if (encoding) body = await compressedBody(file, info, body, encoding);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...(compressible ? { vary: 'accept-encoding' } : {}),
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...isolation,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const { port: actual } = server.address();
  return { server, url: `http://${host}:${actual}/`, received };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`photogate self-check page: ${url}  (Ctrl-C to stop)`);
}
