// The benchmark (npm run bench) end to end on one photo with few runs: the page runs photogate per stage
// and onnxruntime-web on the same models, and the table has every row with positive numbers. Timings
// are never asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, runBench } from '../../scripts/bench.mjs';
import { ROOT, photo } from './common.mjs';

test('the benchmark times every stage of photogate and every model in onnxruntime-web, and sizes the downloads', { timeout: 900_000 }, async () => {
  const run = await runBench({ photo: photo('casual/if_image_T1_480x640.jpg'), runs: 2, warmup: 1, brotliQuality: 5 });
  const { rows } = run.results;
  assert.deepEqual(rows.map((r) => r.key),
    ['load', 'inspect', 'decode', 'detect', 'mesh', 'iris', 'segment', 'models', 'pixels', 'measure', 'report', 'check', 'autocrop']);
  assert.equal(run.results.cross_origin_isolated, true, 'the page is isolated, so performance.now() is fine-grained');
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  // A photo with a face: the mesh runs twice (the second on a crop from the first), the iris once per eye.
  assert.deepEqual(['detect', 'mesh', 'iris', 'segment'].map((k) => byKey[k].runs), [1, 2, 2, 1]);
  for (const row of rows) {
    assert.ok(Number.isFinite(row.photogate_ms) && row.photogate_ms > 0, `${row.key}: photogate ${row.photogate_ms}`);
  }
  for (const key of ['load', 'detect', 'mesh', 'iris', 'segment', 'models']) {
    assert.ok(byKey[key].ort_ms > 0 && byKey[key].ratio > 0, `${key}: onnxruntime-web ${byKey[key].ort_ms}`);
  }
  for (const s of run.sizes) assert.ok(s.bytes > 0 && s.gzip > 0 && s.brotli > 0, s.label);
  assert.ok(run.sizes.some((s) => s.label.startsWith('photogate_wasm_bg.wasm')));
  const table = formatTable(run);
  for (const row of rows) assert.ok(table.includes(`| ${row.label} |`), row.label);
});

test('onnxruntime-web stays a benchmark-only dependency: in bench/, never in the root lockfile or the package', () => {
  assert.ok(JSON.parse(readFileSync(join(ROOT, 'bench', 'package.json'), 'utf8')).dependencies['onnxruntime-web']);
  assert.ok(existsSync(join(ROOT, 'bench', 'package-lock.json')));
  assert.ok(!readFileSync(join(ROOT, 'package-lock.json'), 'utf8').includes('onnxruntime'));
  assert.ok(!readFileSync(join(ROOT, 'package.json'), 'utf8').includes('onnxruntime'));
  for (const dir of ['pkg-template', 'pkg']) {
    if (existsSync(join(ROOT, dir))) assert.deepEqual(readdirSync(join(ROOT, dir), { recursive: true }).filter((f) => /onnxruntime|(^|\/)ort[.-]/.test(f)), []);
  }
});
