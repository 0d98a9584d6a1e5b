// A static server for the self-check page on 127.0.0.1: www/ at /, the built package at /pkg/.
// It only serves files; the page never sends a photo anywhere (and its CSP forbids other hosts).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function locate(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const [base, rest] = path.startsWith('/pkg/') ? [join(ROOT, 'pkg'), path.slice(5)] : [join(ROOT, 'www'), path.slice(1)];
  const file = normalize(join(base, rest || 'index.html'));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/**
 * Starts the server; resolves to { server, url }. Port 0 picks a free port. `onRequest`, when given,
 * hears of every request once its body has been read: { method, url, bodyBytes } (the tests use it
 * to prove that the page sends nothing).
 */
export async function startServer({ port = 8080, host = '127.0.0.1', onRequest } = {}) {
  const server = createServer(async (req, res) => {
    let bodyBytes = 0;
    for await (const chunk of req) bodyBytes += chunk.length;
    onRequest?.({ method: req.method, url: req.url, bodyBytes });
    let file = locate(req.url ?? '/');
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file ?? '');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, host, ok));
  const { port: actual } = server.address();
  return { server, url: `http://${host}:${actual}/` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`photogate self-check page: ${url}  (Ctrl-C to stop)`);
}
