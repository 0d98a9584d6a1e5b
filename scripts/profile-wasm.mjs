// Where a check spends its time inside the wasm core, by function: Chromium's sampling profiler over
// N checks (or autocrops) of one photo, self time per function, heaviest first.
//
// Usage (after `npm run build`, which leaves the raw core in the cargo target folder):
//   node scripts/profile-wasm.mjs [PHOTO] [--calls N] [--autocrop] [--top N]
//
// The shipped pkg/photogate_wasm_bg.wasm has been through wasm-opt, which drops the function names.
// This script runs wasm-bindgen again on the raw core from `cargo build --profile wasm` (same code,
// names kept, not size-optimised) into a folder of its own beside a copy of pkg/, so the profile
// reads `tract_core::ops::cnn::maxpool::…` rather than `wasm-function[861]`. Times are of that
// unoptimised binary: read the shares, not the milliseconds. docs/benchmarks.md says what it found.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const take = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const calls = Number(take('--calls', 20));
const top = Number(take('--top', 40));
const autocrop = args.includes('--autocrop');
const photo = resolve(args.find((a) => !a.startsWith('--')) ?? join(ROOT, '../shared/photos/casual/if_image_T1_480x640.jpg'));

const cache = process.env.PHOTOGATE_CACHE ?? join(process.env.HOME, '.cache/photogate');
const target = process.env.CARGO_TARGET_DIR ?? join(cache, 'target');
const raw = join(target, 'wasm32-unknown-unknown/wasm/photogate.wasm');
if (!existsSync(raw) || !existsSync(join(ROOT, 'pkg/photogate_wasm.js'))) {
  console.error(`no ${raw} or pkg/: run npm run build first`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'photogate-profile-'));
try {
  cpSync(join(ROOT, 'pkg'), join(work, 'pkg'), { recursive: true });
  const bindgen = spawnSync(join(cache, 'tools/bin/wasm-bindgen'),
    ['--target', 'web', '--keep-debug', '--out-dir', join(work, 'pkg'), '--out-name', 'photogate_wasm', raw], { stdio: 'inherit' });
  if (bindgen.status !== 0) throw new Error('wasm-bindgen failed');
  writeFileSync(join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="out"></div><script type="module" src="./page.js"></script>\n');
  writeFileSync(join(work, 'page.js'), `
import * as photogate from '/profiled/pkg/photogate_wasm.js';
const out = document.getElementById('out');
try {
  await photogate.default();
  const names = photogate.modelManifest().split('\\n').filter(Boolean).map((l) => l.split('  ')[1]);
  const models = await Promise.all(names.map(async (n) => new Uint8Array(await (await fetch('/profiled/pkg/models/' + n)).arrayBuffer())));
  const checker = new photogate.Checker(...models);
  const photo = new Uint8Array(await (await fetch('/photo/${encodeURIComponent(basename(photo))}')).arrayBuffer());
  const once = () => (${autocrop} ? checker.autocrop(photo, { background: 'blue' }) : checker.check(photo, { fileName: 'a.jpg' }));
  for (let i = 0; i < 3; i++) once();
  window.run = (n) => { const t = performance.now(); for (let i = 0; i < n; i++) once(); return (performance.now() - t) / n; };
  out.dataset.state = 'ready';
} catch (e) { out.dataset.state = 'failed'; out.textContent = String(e.stack ?? e); }
`);
  const { server, url } = await startServer({ port: 0, mounts: { '/profiled/': work, '/photo/': dirname(photo) } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('requestfailed', (r) => console.error(`request failed: ${r.url()}`));
    await page.goto(new URL('profiled/index.html', url).href);
    await page.waitForSelector('#out[data-state]', { state: 'attached', timeout: 600_000 });
    if ((await page.getAttribute('#out', 'data-state')) !== 'ready') throw new Error(await page.textContent('#out'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const perCall = await page.evaluate((n) => window.run(n), calls);
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id).callFrame;
      const name = (frame.functionName || `(${basename(frame.url) || 'program'})`).replace(/::h[0-9a-f]{16}$/, '');
      const us = profile.timeDeltas[i] ?? 0;
      self.set(name, (self.get(name) ?? 0) + us);
      total += us;
    });
    console.log(`${basename(photo)}: ${autocrop ? 'autocrop' : 'check'} ${perCall.toFixed(1)} ms a call (unoptimised core) over ${calls} calls, ${profile.samples.length} samples`);
    console.log('| self % | ms a call | function |\n|---:|---:|---|');
    for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`| ${(100 * us / total).toFixed(1)} | ${(us / 1000 / calls).toFixed(2)} | \`${name.slice(0, 140)}\` |`);
    }
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
