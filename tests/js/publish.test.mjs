// The npm package as it would be published: exactly the intended files, and publint and
// @arethetypeswrong/cli (pinned in the root package.json) find nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './common.mjs';
import { packTarball } from './example.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

test('npm pack lists exactly the intended files', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', join(ROOT, 'pkg')], { cwd: ROOT, encoding: 'utf8' }));
  const models = readFileSync(join(ROOT, 'models.sha256'), 'utf8').trim().split('\n').map((l) => `models/${l.split(/\s+/)[1]}`);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'THIRD-PARTY-NOTICES.md', 'bridge.js', 'gate.css', 'gate.d.ts',
    'gate.js', 'index.d.ts', 'index.js', 'models.js', ...models, 'package.json', 'photogate_wasm.d.ts', 'pixels.js',
    'photogate_wasm.js', 'photogate_wasm_bg.wasm', 'photogate_lite.d.ts', 'photogate_lite.js', 'photogate_lite_bg.wasm',
    'protocol.js', 'shared.js', 'worker.js',
  ].sort());
});

test('publint finds nothing, not even a suggestion', () => {
  const run = spawnSync(bin('publint'), ['--strict', '--level', 'suggestion', join(ROOT, 'pkg')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /All good!/, run.stdout);
});

test('are the types wrong: no problem for ESM in Node and bundlers', () => {
  // ESM only: a `require` of the package is not supported (the esm-only profile). The CSS, the
  // wasm and the models are assets (bundlers' `?url`, Node's import.meta.resolve), not modules.
  const run = spawnSync(bin('attw'), ['--profile', 'esm-only', '--exclude-entrypoints', './gate.css', './photogate_wasm_bg.wasm',
    './photogate_lite_bg.wasm', './models/*', '--format', 'ascii', '--no-color', packTarball()], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout, /💀|Resolution failed/, run.stdout);
});
