// What the example-app tests share: the package as `npm pack` makes it, installed into an example
// whose own npm tooling is pinned by its lockfile, and the Content-Security-Policy the package's
// README documents.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT } from './common.mjs';

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

/** The tarball `npm pack` makes of the built pkg/, in a new temporary folder; its path. */
export function packTarball() {
  const into = mkdtempSync(join(tmpdir(), 'photogate-pack-'));
  const [{ filename }] = JSON.parse(npm(['pack', '--json', '--pack-destination', into, join(ROOT, 'pkg')], ROOT));
  return join(into, filename);
}

/**
 * Installs the example's pinned tooling (`npm ci`, skipped while node_modules is newer than the
 * lockfile), then the package from `tarball`, without writing it into package.json or the lockfile.
 */
export function installExample(example, tarball) {
  const installed = join(example, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(join(example, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
    npm(['ci'], example);
  }
  npm(['install', '--no-save', tarball], example);
}

/** The policy in the README's hosting section: the one `Content-Security-Policy:` line of its http block. */
export function documentedCsp() {
  const readme = readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8');
  const lines = readme.split('\n').filter((l) => l.startsWith('Content-Security-Policy: '));
  if (lines.length !== 1) throw new Error(`pkg-template/README.md should have one Content-Security-Policy line, has ${lines.length}`);
  return lines[0].slice('Content-Security-Policy: '.length).trim();
}

/** A TCP port free on 127.0.0.1 just now. */
export async function freePort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** The headers the tests' servers send with every response, as the README's hosting section says. */
export const HEADERS = { 'content-security-policy': documentedCsp(), 'x-content-type-options': 'nosniff' };

/**
 * The example apps' page (examples/*): a file input `#photo`; once a photo is chosen, `#main-thread`
 * and `#worker` each get `data-done` and a `<pre>` with what check and autocrop gave, and an `<img>`
 * of the fixed JPEG.
 */
/** Opens the app, chooses a photo, and returns what each thread made of it, and any CSP complaint. */
export async function drive(browser, url, file) {
  const page = await browser.newPage();
  const complaints = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) complaints.push(m.text());
  });
  page.on('pageerror', (e) => complaints.push(e.message));
  const response = await page.goto(url);
  assert.equal(response.headers()['content-security-policy'], documentedCsp());
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

export function assertBothThreads({ main, worker, complaints }) {
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


const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.onnx': 'application/octet-stream', '.json': 'application/json',
};

/** A static server for `dir` on 127.0.0.1, sending HEADERS and the README's MIME types; resolves to { url, close }. */
export async function serveStatic(dir) {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, normalize } = await import('node:path');
  const server = createServer(async (req, res) => {
    const path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/\/$/, '/index.html')));
    try {
      if (!path.startsWith(dir)) throw new Error('outside');
      const body = await readFile(path);
      res.writeHead(200, { ...HEADERS, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
