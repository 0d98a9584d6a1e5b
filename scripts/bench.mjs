// photogate (tract) against onnxruntime-web in headless Chromium, and the download sizes: one table.
// Usage: node scripts/bench.mjs [PHOTO] [--autocrop PHOTO] [--runs N] [--warmup N] [--json]
// (`npm run bench` builds the package first.) Serves bench/page.html, which runs, in one page load,
// photogate's check per stage and onnxruntime-web on the same four model files at photogate's input
// sizes, alternating; see docs/benchmarks.md. onnxruntime-web is installed into bench/node_modules
// from bench/package-lock.json when missing: a benchmark-only dependency, never in pkg/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BENCH = join(ROOT, 'bench');
const ORT_DIST = join(BENCH, 'node_modules', 'onnxruntime-web', 'dist');
const SHARED = process.env.PHOTOGATE_SHARED ?? join(ROOT, '..', 'shared');
export const DEFAULT_PHOTO = join(SHARED, 'photos', 'casual', 'if_image_T1_480x640.jpg');
// A photo autocrop fixes (601 × 891), so that every step of it runs.
export const DEFAULT_AUTOCROP_PHOTO = join(SHARED, 'photos', 'casual', 'of_carell.jpg');

/** npm ci in bench/ when onnxruntime-web is missing or the lockfile is newer than the install. */
export function ensureBenchModules() {
  const marker = join(BENCH, 'node_modules', '.package-lock.json');
  if (existsSync(join(ORT_DIST, 'ort.wasm.min.mjs')) && existsSync(marker)
    && statSync(marker).mtimeMs >= statSync(join(BENCH, 'package-lock.json')).mtimeMs) return;
  console.error('==> installing the benchmark\'s own npm packages into bench/ (onnxruntime-web)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: BENCH, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm ci in ${BENCH} failed`);
}

/** The square input side of each model, as the Rust sources define it. */
export function modelSides() {
  const side = (file, name) => {
    const match = readFileSync(join(ROOT, 'src', 'face', file), 'utf8').match(new RegExp(`const ${name}: u32 = (\\d+);`));
    if (!match) throw new Error(`no ${name} in src/face/${file}`);
    return Number(match[1]);
  };
  return {
    detect: side('detect.rs', 'DETECT_SIZE'),
    mesh: side('landmarks.rs', 'MESH_SIZE'),
    iris: side('iris.rs', 'IRIS_SIZE'),
    segment: side('segment.rs', 'SEGMENT_SIZE'),
  };
}

/**
 * Bytes, gzip (zlib level 9) and brotli of each file, compressed one by one as a server sends them.
 * Brotli quality 11, as for files compressed ahead of serving, takes minutes on a busy 2-core machine;
 * the test asks for less.
 */
export function downloadSizes({ brotliQuality = 11 } = {}) {
  const measure = (label, path) => {
    const bytes = readFileSync(path);
    return {
      label, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotliQuality,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  };
  const total = (label, rows) => ({
    label, brotliQuality, bytes: rows.reduce((a, r) => a + r.bytes, 0), gzip: rows.reduce((a, r) => a + r.gzip, 0),
    brotli: rows.reduce((a, r) => a + r.brotli, 0),
  });
  const models = readFileSync(join(ROOT, 'models.sha256'), 'utf8').trim().split('\n')
    .map((line) => line.split(/\s+/)[1]).map((name) => measure(`model ${name}`, join(ROOT, 'pkg', 'models', name)));
  const core = measure('photogate_wasm_bg.wasm (core, SIMD)', join(ROOT, 'pkg', 'photogate_wasm_bg.wasm'));
  const lite = measure('photogate_lite_bg.wasm (file rules, no SIMD)', join(ROOT, 'pkg', 'photogate_lite_bg.wasm'));
  const ort = measure('onnxruntime-web ort-wasm-simd-threaded.wasm', join(ORT_DIST, 'ort-wasm-simd-threaded.wasm'));
  const ortJs = total('onnxruntime-web ort.wasm.min.mjs + ort-wasm-simd-threaded.mjs', [
    measure('', join(ORT_DIST, 'ort.wasm.min.mjs')), measure('', join(ORT_DIST, 'ort-wasm-simd-threaded.mjs'))]);
  return [
    core, lite, ...models,
    total('models, all four', models),
    total('photogate first visit: core wasm + models', [core, ...models]),
    ort, ortJs,
    total('onnxruntime-web wasm + its JS + the same models', [ort, ortJs, ...models]),
  ];
}

/** Runs the page; resolves to { results, sizes, chromium, load } (results: see bench/page.js). */
export async function runBench({ photo = DEFAULT_PHOTO, autocropPhoto = DEFAULT_AUTOCROP_PHOTO, runs = 21, warmup = 3, brotliQuality = 11 } = {}) {
  ensureBenchModules();
  if (!existsSync(join(ROOT, 'pkg', 'photogate_wasm_bg.wasm'))) throw new Error('no pkg/: build it first (npm run build)');
  const load = [loadavg()];
  const { server, url } = await startServer({
    port: 0, isolated: true, mounts: { '/bench/': BENCH, '/photo/': dirname(resolve(photo)), '/autocrop-photo/': dirname(resolve(autocropPhoto)) },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const query = new URLSearchParams({
      photo: `/photo/${basename(photo)}`, autocrop: `/autocrop-photo/${basename(autocropPhoto)}`, runs: String(runs), warmup: String(warmup), sides: JSON.stringify(modelSides()),
    });
    await page.goto(new URL(`bench/page.html?${query}`, url).href);
    await page.waitForSelector('#out[data-state="done"], #out[data-state="failed"]', { timeout: 1_800_000 });
    const error = await page.getAttribute('#out', 'data-error');
    if (error) throw new Error(`the benchmark page failed: ${error}`);
    const results = JSON.parse(await page.getAttribute('#out', 'data-results'));
    load.push(loadavg());
    return { results, sizes: downloadSizes({ brotliQuality }), chromium: browser.version(), load };
  } finally {
    await browser.close();
    server.close();
  }
}

const ms = (x) => (x === null ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const kb = (bytes) => `${(bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })} kB`;

/** The run as Markdown: the timing table, then the sizes. */
export function formatTable({ results, sizes, chromium, load }) {
  const r = results;
  const lines = [
    `photo ${r.photo.name} (${r.photo.width_px} × ${r.photo.height_px}), autocrop ${r.autocrop_photo}; Chromium ${chromium}; onnxruntime-web ${r.ort_version}`
    + ` (wasm, 1 thread, SIMD); medians of ${r.runs} runs after ${r.warmup} warm-up; cross-origin isolated: ${r.cross_origin_isolated};`
    + ` load average (1 min) ${load.map((l) => l[0].toFixed(2)).join(' → ')}`,
    '',
    '| stage | runs per check | photogate (tract) ms | onnxruntime-web ms | tract / ort |',
    '|---|---:|---:|---:|---:|',
    ...r.rows.map((row) => `| ${row.label} | ${row.runs} | ${ms(row.photogate_ms)} | ${ms(row.ort_ms)} | ${row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`} |`),
    '',
    `| download | bytes | gzip -9 | brotli -q ${sizes[0].brotliQuality} |`,
    '|---|---:|---:|---:|',
    ...sizes.map((s) => `| ${s.label} | ${s.bytes.toLocaleString('en-US')} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const [, value] = args.splice(i, 2);
    if (value === undefined) throw new Error(`${name} needs a value`);
    return value;
  };
  const count = (name, fallback) => {
    const n = Number(option(name, fallback));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number ≥ 1, not ${n}`);
    return n;
  };
  const runs = count('--runs', 21);
  const warmup = count('--warmup', 3);
  const autocropPhoto = option('--autocrop', DEFAULT_AUTOCROP_PHOTO);
  const json = args.includes('--json');
  const [photo = DEFAULT_PHOTO] = args.filter((a) => a !== '--json');
  const run = await runBench({ photo, autocropPhoto, runs, warmup });
  console.log(json ? JSON.stringify(run, null, 2) : formatTable(run));
}
