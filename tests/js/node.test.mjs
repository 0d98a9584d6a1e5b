// The built package in Node: same report bytes as the native CLI, typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { CLI, ROOT, packageFiles, photo } from './common.mjs';

const pkg = await import(join(ROOT, 'pkg', 'index.js'));
const raw = await import(join(ROOT, 'pkg', 'photogate_wasm.js'));
const model = (name) => readFileSync(join(ROOT, 'pkg', 'models', name));
const progress = [];
const started = performance.now();
await pkg.init({ ...packageFiles(), onProgress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`) });
const loadMs = performance.now() - started;
const modelBytes = pkg.modelFiles().map((f) => model(f.name));

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

/**
 * Deep equality, numbers to 1e-3 plus 1e-4 of their size: tract's float32 kernels (x86 FMA natively,
 * SIMD in wasm) differ in their last bits, which a value such as a Laplacian variance of 1500 or an
 * eye ratio × 1000 carries into its third decimal. Everything else must be identical.
 */
function assertClose(actual, expected, path = 'report') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-3 + 1e-4 * Math.abs(expected);
    assert.ok(Math.abs(actual - expected) <= tolerance, `${path}: ${actual} vs ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => assertClose(actual[i], e, `${path}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual), Object.keys(expected), `${path}: keys`);
    for (const k of Object.keys(expected)) assertClose(actual[k], expected[k], `${path}.${k}`);
  } else if (typeof expected === 'string' && typeof actual === 'string' && actual !== expected) {
    // Texts quote measured numbers (rounded to 0.01): the words must match, the numbers be close.
    const number = /-?\d+(?:\.\d+)?/g;
    assert.equal(actual.replace(number, '#'), expected.replace(number, '#'), path);
    const [a, e] = [actual.match(number), expected.match(number)].map((m) => m.map(Number));
    e.forEach((v, i) => assert.ok(Math.abs(a[i] - v) <= 0.011 + 1e-4 * Math.abs(v), `${path}: ${actual} vs ${expected}`));
  } else {
    assert.equal(actual, expected, path);
  }
}

for (const fixture of FIXTURES) {
  test(`check(${fixture}) in wasm gives the CLI's report, numbers to 1e-3 + 1e-4 relative`, () => {
    const path = photo(fixture);
    const bytes = readFileSync(path);
    const expected = JSON.parse(cliJson(path));
    const report = pkg.check(bytes, { fileName: basename(path) });
    assertClose(report, expected);
    assert.ok(report.items.some((i) => i.rule === 'geom.eye_y'));
  });
}

test('without models only the file rules are measured, and the JSON equals the CLI byte for byte', () => {
  const path = photo('idphoto/df_img11_jolie.jpg');
  const wasmJson = raw.Checker.fileOnly().check(readFileSync(path), { fileName: basename(path) });
  assert.equal(wasmJson, cliJson(path, '--file-only'));
  const report = JSON.parse(wasmJson);
  assert.equal(report.items.find((i) => i.rule === 'geom.eye_y').reason, 'analysis_unavailable');
});

test('models load once with progress, and a wrong model file is refused by its sha256', () => {
  assert.deepEqual(progress, ['compute:load 0/1', 'compute:load 1/1']);
  console.log(`# wasm init with models: ${Math.round(loadMs)} ms`);
  const broken = [...modelBytes];
  broken[0] = broken[0].slice(0, 1000);
  assert.throws(() => new raw.Checker(...broken), (e) => e instanceof Error && e.code === 'model_error');
});

test('the nanjing profile checks the file name in wasm as in the CLI', () => {
  const path = photo('idphoto/df_img11_jolie.jpg');
  const report = pkg.check(readFileSync(path), { profile: 'chsi-nanjing', fileName: basename(path) });
  assertClose(report, JSON.parse(cliJson(path, '--profile', 'chsi-nanjing')));
  const name = report.items.find((i) => i.rule === 'file.name');
  assert.equal(name.verdict, 'fail');
  assert.equal(name.reason, 'bad_pattern');
  const kb = report.items.find((i) => i.rule === 'file.kb');
  assert.deepEqual([kb.min, kb.max, kb.verdict], [30, 50, 'fail']);
});

test('a report names every rule of the profile in order with zh and en texts', () => {
  const report = pkg.check(readFileSync(photo('idphoto/df_img11_jolie.jpg')), { fileName: 'a.jpg' });
  assert.equal(report.schema_version, 1);
  const chsi = pkg.profiles().find((p) => p.id === 'chsi');
  // Every rule of the profile, in its order (chsi has no file.name rule).
  assert.deepEqual(report.items.map((i) => i.rule), Object.keys(chsi.rules));
  assert.ok(report.items.length >= 25 && !('file.name' in chsi.rules));
  // Every rule measured, but the two the student is asked to check: no model here sees earrings, and
  // the shoulders' slope did not separate level from uneven shoulders.
  assert.deepEqual(report.items.filter((i) => i.verdict === 'not_measured').map((i) => [i.rule, i.reason]),
    [['geom.shoulders_level', 'needs_review'], ['face.accessories', 'needs_review']]);
  assert.equal(report.counts.not_measured, 2);
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
  assert.throws(() => pkg.check(new Uint8Array(0)), (e) => e instanceof pkg.PhotogateError && e.code === 'empty_input' && e.message === 'the input is empty');
  assert.throws(() => pkg.check(new TextEncoder().encode('hello')), { code: 'unknown_format' });
  assert.throws(() => pkg.check(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])), { code: 'malformed_image' });
  assert.throws(() => pkg.check('not bytes'), { code: 'invalid_options' });
});

test('the wasm takes options as objects and throws Error objects with a name, a code and a message', () => {
  const fileOnly = raw.Checker.fileOnly();
  const bytes = readFileSync(photo('idphoto/df_img11_jolie.jpg'));
  const thrown = (call) => {
    try {
      call();
    } catch (e) {
      assert.ok(e instanceof Error, `thrown: ${e}`);
      return [e.name, e.code, e.message];
    }
    assert.fail('nothing was thrown');
  };
  assert.deepEqual(thrown(() => fileOnly.check(new Uint8Array(0))), ['PhotogateError', 'empty_input', 'the input is empty']);
  // Unknown and mistyped options are refused, as in options JSON (not dropped, as a plain
  // serde-wasm-bindgen struct read would).
  const [, code, message] = thrown(() => fileOnly.check(bytes, { profil: 'chsi' }));
  assert.equal(code, 'invalid_options');
  assert.match(message, /unknown field `profil`/);
  assert.equal(thrown(() => fileOnly.check(bytes, { fileName: 7 }))[1], 'invalid_options');
  assert.equal(thrown(() => fileOnly.check(bytes, '{"fileName":"a.jpg"}'))[1], 'invalid_options');
  assert.equal(thrown(() => fileOnly.check(bytes, { profile: 'gansu' }))[1], 'invalid_profile');
  // A custom profile object crosses as an object; undefined fields are absent.
  const custom = { extends: 'chsi', id: 'school', rules: { 'file.kb': { severity: 'fail', min: 30, max: 60 } } };
  const report = JSON.parse(fileOnly.check(bytes, { profile: custom, fileName: undefined }));
  assert.deepEqual([report.profile.id, report.file.name, report.items.find((i) => i.rule === 'file.kb').verdict], ['school', undefined, 'pass']);
  fileOnly.free();
});

test('serde-wasm-bindgen and JSON.parse give deep-equal plain objects: a full report and an autocrop result', () => {
  const checker = new raw.Checker(...modelBytes);
  const report = checker.probeCheck(readFileSync(photo('idphoto/fa_neutral.jpg')), { profile: 'chsi-nanjing', fileName: 'fa_neutral.jpg' });
  const parsed = JSON.parse(report.json());
  assert.equal(parsed.items.length, Object.keys(JSON.parse(raw.builtinProfiles()).find((p) => p.id === 'chsi-nanjing').rules).length);
  assert.ok(parsed.overlay.faces.length === 1 && parsed.overlay.pupils.length === 2, 'the report has its overlay');
  assert.equal(typeof parsed.file.size_bytes, 'number'); // a u64: a number, not a BigInt
  assert.deepStrictEqual(report.object(), parsed);
  const fixed = checker.probeAutocrop(readFileSync(photo('casual/of_carell.jpg')), { fileName: 'of_carell.jpg', background: 'blue' });
  const result = JSON.parse(fixed.json());
  assert.equal(result.status, 'fixed');
  assert.equal(result.report.items.length, parsed.items.length - 1); // chsi: no file.name
  assert.deepStrictEqual(fixed.object(), result);
  const refused = checker.probeAutocrop(readFileSync(photo('hard/two_faces_fr_obama_and_biden.jpg')), { background: 'blue' });
  assert.equal(JSON.parse(refused.json()).reason, 'several_faces');
  assert.deepStrictEqual(refused.object(), JSON.parse(refused.json()));
  for (const probe of [report, fixed, refused]) probe.free();
  checker.free();
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
    ['chsi-jiangsu', 480, 640],
    ['xinhua-960', 960, 1280],
  ]);
});

function cliFix(path, ...args) {
  const out = join(ROOT, 'test-output', 'fix-cli');
  const run = spawnSync(CLI, ['fix', '--json', '-o', out, ...args, path], { encoding: 'utf8' });
  assert.equal(run.error, undefined, `cannot run the CLI at ${CLI}: build it with cargo build`);
  assert.notEqual(run.status, 2, `CLI error: ${run.stderr}`);
  return JSON.parse(run.stdout.trim());
}

for (const [fixture, background] of [['casual/of_carell.jpg', 'blue'], ['synthetic_idphoto/hv_test3.jpg', 'auto'], ['hard/two_faces_fr_obama_and_biden.jpg', 'blue']]) {
  test(`autocrop(${fixture}, ${background}) in wasm decides as the CLI's fix does`, () => {
    const path = photo(fixture);
    const expected = cliFix(path, '-b', background);
    const result = pkg.autocrop(readFileSync(path), { fileName: basename(path), background });
    assert.equal(result.status, expected.status);
    // Same verdicts (values differ in the last float bits of tract's kernels, as for check()).
    const verdicts = (report) => report.items.map((i) => `${i.rule} ${i.verdict} ${i.reason}`);
    assert.deepEqual(verdicts(result.before), verdicts(expected.before));
    if (result.status === 'refused') {
      assert.equal(result.reason, expected.reason);
      assert.deepEqual(result.message, expected.message);
      assert.equal(result.jpeg, undefined);
      return;
    }
    for (const key of ['file_name', 'background', 'sampling', 'extended']) assert.equal(result[key], expected[key], key);
    for (const key of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(result.crop[key] - expected.crop[key]) < 1, `crop.${key}`);
    assert.ok(Math.abs(result.quality - expected.quality) <= 2, `quality ${result.quality} vs ${expected.quality}`);
    // The bytes are a JPEG whose own check is the report that came with it.
    const { jpeg } = result;
    assert.ok(jpeg instanceof Uint8Array && jpeg.length === result.size_bytes);
    assert.deepEqual([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)], [0xff, 0xd8, 0xff, 0xd9]);
    assert.deepEqual(verdicts(pkg.check(jpeg, { fileName: result.file_name })), verdicts(result.report));
    for (const item of result.report.items) {
      // Every measured geometry and file rule passes (geom.shoulders_level is a self-check).
      if (/^(geom|file)\./.test(item.rule) && item.reason !== 'needs_review') assert.equal(item.verdict, 'pass', item.rule);
    }
  });
}

test('autocrop without models, or with a colour the profile lacks, throws a typed error', () => {
  const bytes = readFileSync(photo('casual/of_carell.jpg'));
  assert.throws(() => pkg.autocrop(bytes, { background: 'pink' }), (e) => e.code === 'invalid_options' && /blue, white, grey/.test(e.message));
  const fileOnly = raw.Checker.fileOnly();
  assert.throws(() => fileOnly.autocrop(bytes), (e) => e instanceof Error && e.code === 'model_error');
  fileOnly.free();
});

test('autocrop in wasm makes the same bytes run to run and in another process', () => {
  const path = photo('casual/of_carell.jpg');
  const bytes = readFileSync(path);
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const here = [0, 1].map(() => sha(pkg.autocrop(bytes, { fileName: 'of_carell.jpg', background: 'blue' }).jpeg));
  // A new Node process: a new wasm instance, new model loads, its own allocations.
  const script = `
    import { readFileSync } from 'node:fs';
    import { createHash } from 'node:crypto';
    const pkg = await import(${JSON.stringify(join(ROOT, 'pkg', 'index.js'))});
    const { packageFiles } = await import(${JSON.stringify(join(ROOT, 'tests', 'js', 'common.mjs'))});
    await pkg.init(packageFiles());
    const r = pkg.autocrop(readFileSync(${JSON.stringify(path)}), { fileName: 'of_carell.jpg', background: 'blue' });
    console.log(createHash('sha256').update(r.jpeg).digest('hex'));`;
  const other = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(other.status, 0, other.stderr);
  assert.deepEqual([here[1], other.stdout.trim()], [here[0], here[0]]);
});

test('without WebAssembly SIMD, init() says so and init({ models: false }) checks the file rules with the small build', () => {
  // A new Node process whose WebAssembly.validate answers as an engine without SIMD would.
  const script = `
    WebAssembly.validate = () => false;
    import { readFileSync } from 'node:fs';
    const pkg = await import(${JSON.stringify(join(ROOT, 'pkg', 'index.js'))});
    const { packageFiles } = await import(${JSON.stringify(join(ROOT, 'tests', 'js', 'common.mjs'))});
    const out = { supports: pkg.supportsModels() };
    try { await pkg.init(packageFiles()); } catch (e) { out.full = [e.name, e.code, e.message]; }
    const liteWasm = readFileSync(${JSON.stringify(join(ROOT, 'pkg', 'photogate_lite_bg.wasm'))});
    await pkg.init({ models: false, liteWasm });
    out.report = pkg.check(readFileSync(${JSON.stringify(photo('idphoto/df_img11_jolie.jpg'))}), { fileName: 'df_img11_jolie.jpg' });
    try { pkg.autocrop(readFileSync(${JSON.stringify(photo('casual/of_carell.jpg'))})); } catch (e) { out.autocrop = e.code; }
    out.version = pkg.version();
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.supports, false);
  assert.equal(out.full[0], 'PhotogateError');
  assert.equal(out.full[1], 'unsupported_browser');
  assert.match(out.full[2], /lacks WebAssembly SIMD.*init\(\{ models: false \}\)/);
  assert.equal(out.autocrop, 'model_error');
  assert.equal(out.version, pkg.version());
  // The same report as the full build's file-only checker: file rules measured, the rest not.
  const full = JSON.parse(raw.Checker.fileOnly().check(readFileSync(photo('idphoto/df_img11_jolie.jpg')), { fileName: 'df_img11_jolie.jpg' }));
  assert.deepEqual(out.report, full);
  assert.equal(out.report.items.find((i) => i.rule === 'file.kb').verdict, 'fail');
  assert.equal(out.report.items.find((i) => i.rule === 'geom.face_count').verdict, 'not_measured');
});

test('the file-rules build has no SIMD instruction and no model engine', () => {
  const lite = join(ROOT, 'pkg', 'photogate_lite_bg.wasm');
  const wasmOpt = (...args) => spawnSync(join(ROOT, 'node_modules', '.bin', 'wasm-opt'), args, { encoding: 'utf8' });
  // binaryen validates a module against the features given, plus those its target-features section
  // names: without that section, any v128 instruction fails validation (as it does for the core).
  const stripped = join(mkdtempSync(join(tmpdir(), 'photogate-lite-')), 'lite.wasm');
  let run = wasmOpt('--strip-target-features', lite, '-o', stripped);
  assert.equal(run.status, 0, run.stderr);
  run = wasmOpt('--mvp-features', '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    '--enable-call-indirect-overlong', stripped, '-o', '/dev/null');
  assert.equal(run.status, 0, run.stderr);
  const core = readFileSync(join(ROOT, 'pkg', 'photogate_wasm_bg.wasm')).length;
  const size = readFileSync(lite).length;
  assert.ok(size < core / 5, `the file-rules build is ${size} bytes, the core ${core}`);
});
