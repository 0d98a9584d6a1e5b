// The built package in Node: same report bytes as the native CLI, typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { CLI, ROOT, photo } from './common.mjs';

const pkg = await import(join(ROOT, 'pkg', 'index.js'));
const raw = await import(join(ROOT, 'pkg', 'photogate_wasm.js'));
await pkg.init({ wasm: readFileSync(join(ROOT, 'pkg', 'photogate_wasm_bg.wasm')) });

const FIXTURES = [
  'idphoto/df_img11_jolie.jpg',
  'idphoto/fp_paul_rudd.jpg',
  'hard/grayscale_if_rdj_d4.jpg',
  'casual/fr_alex_lacamoire_png.png',
  'synthetic_idphoto/hv_test3.jpg',
  'noface/sk_coffee.png',
];

function cliJson(path, ...args) {
  const run = spawnSync(CLI, ['check', '--json', ...args, path], { encoding: 'utf8' });
  assert.notEqual(run.status, 2, `CLI error: ${run.stderr}`);
  assert.equal(run.error, undefined, `cannot run the CLI at ${CLI}: build it with cargo build`);
  return run.stdout.trim();
}

for (const fixture of FIXTURES) {
  test(`check(${fixture}) in wasm gives the CLI's --json byte for byte`, () => {
    const path = photo(fixture);
    const bytes = readFileSync(path);
    const expected = cliJson(path);
    const wasmJson = new raw.Checker().check(bytes, JSON.stringify({ fileName: basename(path) }));
    assert.equal(wasmJson, expected);
    assert.deepEqual(pkg.check(bytes, { fileName: basename(path) }), JSON.parse(expected));
  });
}

test('the nanjing profile checks the file name in wasm as in the CLI', () => {
  const path = photo('idphoto/df_img11_jolie.jpg');
  const report = pkg.check(readFileSync(path), { profile: 'chsi-nanjing', fileName: basename(path) });
  assert.deepEqual(report, JSON.parse(cliJson(path, '--profile', 'chsi-nanjing')));
  const name = report.items.find((i) => i.rule === 'file.name');
  assert.equal(name.verdict, 'fail');
  assert.equal(name.reason, 'bad_pattern');
  const kb = report.items.find((i) => i.rule === 'file.kb');
  assert.deepEqual([kb.min, kb.max, kb.verdict], [30, 50, 'fail']);
});

test('a report names every rule of the profile in order with zh and en texts', () => {
  const report = pkg.check(readFileSync(photo('idphoto/df_img11_jolie.jpg')), { fileName: 'a.jpg' });
  assert.equal(report.schema_version, 1);
  assert.equal(report.items.length, 24); // every rule but file.name, which chsi does not have
  assert.equal(report.items[0].rule, 'file.format');
  assert.equal(report.verdict, 'fail');
  for (const item of report.items) {
    assert.ok(item.message.zh && item.message.en, item.rule);
    if (item.verdict === 'fail') assert.ok(item.advice.zh && item.advice.en, item.rule);
  }
  const size = report.items.find((i) => i.rule === 'file.size_px');
  assert.deepEqual([size.value, size.expected, size.verdict], ['600×800', '480×640', 'fail']);
});

test('input that is no photo throws PhotogateError with a stable code', () => {
  assert.throws(() => pkg.check(new Uint8Array(0)), { name: 'PhotogateError', code: 'empty_input' });
  assert.throws(() => pkg.check(new TextEncoder().encode('hello')), { code: 'unknown_format' });
  assert.throws(() => pkg.check(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])), { code: 'malformed_image' });
  assert.throws(() => pkg.check('not bytes'), { code: 'invalid_options' });
});

test('a bad custom profile is refused with the field named', () => {
  const bytes = readFileSync(photo('idphoto/df_img11_jolie.jpg'));
  const bad = { extends: 'chsi', id: 'school', rules: { 'file.kb': { severity: 'fail', min: 'thirty' } } };
  assert.throws(() => pkg.check(bytes, { profile: bad }), (e) => e.code === 'invalid_profile' && e.message.includes('rules.file.kb.min'));
  assert.throws(() => pkg.check(bytes, { profile: 'gansu' }), { code: 'invalid_profile' });
  const good = { extends: 'chsi', id: 'school', rules: { 'file.kb': { severity: 'fail', min: 30, max: 60 } } };
  const kb = pkg.check(bytes, { profile: good }).items.find((i) => i.rule === 'file.kb');
  assert.equal(kb.verdict, 'pass');
});

test('profiles() lists the built-in profiles', () => {
  assert.deepEqual(pkg.profiles().map((p) => [p.id, p.width_px, p.height_px]), [
    ['chsi', 480, 640],
    ['chsi-nanjing', 480, 640],
    ['xinhua-960', 960, 1280],
  ]);
});
