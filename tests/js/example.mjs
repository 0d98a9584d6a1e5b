// What the example-app tests share: the package as `npm pack` makes it, installed into an example
// whose own npm tooling is pinned by its lockfile, and the Content-Security-Policy the package's
// README documents.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
