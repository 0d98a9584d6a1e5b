// photogate: the public JavaScript API, run in this thread. It fetches and converts; every rule lives
// in the wasm core. `createChecker` (the same API in a Web Worker) lives in bridge.js.
import * as core from './photogate_wasm.js';
import { loadModelBytes } from './models.js';
import { PhotogateError, toBytes } from './shared.js';

export { PhotogateError } from './shared.js';
export { createChecker } from './bridge.js';
export { modelFiles } from './models.js';

/** The wasm module's loading (and the file-only checker), then the models' loading. */
let ready = null;
let modelsReady = null;
let checker = null;
/** The wasm-bindgen module in use: the core, or the file-rules build where SIMD is missing. */
let glue = core;

// The smallest module using a v128 instruction: validates only where WebAssembly SIMD is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0,
  65, 0, 253, 15, 253, 98, 11]);

/**
 * Runs a wasm call; what it throws becomes a `PhotogateError`. The wasm throws `Error`s carrying the
 * stable `code`; anything else (a trap, a bug) is `internal`.
 */
function unwrap(call) {
  try {
    return call();
  } catch (e) {
    if (e instanceof PhotogateError) throw e;
    if (typeof e?.code === 'string') throw new PhotogateError(e.code, e.message);
    throw new PhotogateError('internal', String(e?.message ?? e));
  }
}

/**
 * Whether this browser can run the models: they need WebAssembly SIMD (Chrome 91+, Safari 16.4+,
 * Firefox 89+). Where it cannot, `init()` throws `unsupported_browser`, and `init({ models: false })`
 * loads a small build without SIMD that checks the file rules.
 */
export function supportsModels() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/**
 * Loads the WebAssembly module and the models once; later calls return the same promise. After
 * `init({ models: false })`, `init()` loads the models too.
 * Models come from `models/` beside this file, as a bundler emitted them (same origin), unless
 * `modelBase` says otherwise; each file's sha256 is checked. Progress: `onProgress(stage, done,
 * total)` with stages `fetch:model` and `compute:load`.
 * @param {import('./index.d.ts').InitOptions} [options]
 */
export function init(options = {}) {
  if (options === null || typeof options !== 'object') {
    return Promise.reject(new PhotogateError('invalid_options', 'init(options): options must be an object'));
  }
  ready ??= startWasm(options).catch(failed(() => { ready = null; }));
  if (options.models === false) {
    return ready.then(() => { checker ??= glue.Checker.fileOnly(); });
  }
  modelsReady ??= ready.then(() => startModels(options)).catch(failed(() => { modelsReady = null; }));
  return modelsReady;
}

/** A rejection handler: forget the failed loading (so a later call tries again), rethrow as PhotogateError. */
const failed = (forget) => (e) => {
  forget();
  throw e instanceof PhotogateError ? e : new PhotogateError('init_failed', `cannot start photogate: ${e?.message ?? e}`);
};

async function startWasm(options) {
  if (supportsModels()) {
    await core.default(options.wasm === undefined ? undefined : { module_or_path: options.wasm });
  } else if (options.models === false) {
    // The file rules need no SIMD: a build without it (and without the model engine, a seventh of
    // the size) loads instead, and only here.
    try {
      glue = await import('./photogate_lite.js');
      await glue.default(options.liteWasm === undefined ? undefined : { module_or_path: options.liteWasm });
    } catch (e) {
      glue = core;
      if (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) {
        throw new PhotogateError('unsupported_browser',
          `this browser's WebAssembly is too old even for the file rules (they need bulk memory and reference types: Safari 15+, Chrome 96+): ${e.message}`);
      }
      throw e;
    }
  } else {
    throw new PhotogateError('unsupported_browser', NO_SIMD);
  }
}

const NO_SIMD = 'this browser lacks WebAssembly SIMD (Chrome 91+, Safari 16.4+, Firefox 89+), which the models need; `init({ models: false })` still checks the file rules';

async function startModels(options) {
  // After `init({ models: false })` without SIMD, the loaded build cannot run models.
  if (glue !== core) throw new PhotogateError('unsupported_browser', NO_SIMD);
  const progress = options.onProgress ?? (() => {});
  const bytes = await loadModelBytes(options, progress);
  progress('compute:load', 0, 1);
  checker = unwrap(() => new glue.Checker(...bytes));
  progress('compute:load', 1, 1);
}

function ensureReady(what) {
  if (!checker) throw new PhotogateError('not_initialized', `call \`await init()\` before ${what}()`);
}

/**
 * Checks a photo against a profile. Call `await init()` first.
 * @param {Uint8Array | ArrayBuffer} bytes the file's bytes
 * @param {import('./index.d.ts').CheckOptions} [options]
 * @returns {import('./index.d.ts').Report}
 */
export function check(bytes, options = {}) {
  ensureReady('check');
  const data = toBytes(bytes);
  const request = { profile: options.profile, fileName: options.fileName };
  // JSON text and JSON.parse: ten times faster than building the objects in wasm (docs/architecture.md).
  return JSON.parse(unwrap(() => checker.check(data, request)));
}

/**
 * Makes a compliant JPEG from a photo (crop, scale, optional new background, encoded into the
 * profile's size window), or says why it cannot. Call `await init()` with the models first.
 * Returns `{ status: 'fixed', jpeg, file_name, report, before, … }` or
 * `{ status: 'refused', reason, message, advice, before }`.
 * @param {Uint8Array | ArrayBuffer} bytes the photo's bytes
 * @param {import('./index.d.ts').AutocropOptions} [options]
 * @returns {import('./index.d.ts').AutocropResult}
 */
export function autocrop(bytes, options = {}) {
  ensureReady('autocrop');
  const data = toBytes(bytes);
  const { profile, fileName, background, name, maxUpscale } = options;
  const { json, jpeg } = unwrap(() => checker.autocrop(data, { profile, fileName, background, name, maxUpscale }));
  const result = JSON.parse(json);
  if (jpeg) result.jpeg = jpeg;
  return result;
}

/**
 * For worker.js, not part of the API: `check` of a photo whose pixels the browser decoded
 * (`pixels.js`); the file rules read `bytes`.
 */
export function checkPixels(bytes, pixels, options = {}) {
  ensureReady('check');
  const request = { profile: options.profile, fileName: options.fileName };
  return JSON.parse(unwrap(() => checker.checkPixels(toBytes(bytes), pixels.rgba, pixels.width, pixels.height, request)));
}

/** For worker.js, not part of the API: `autocrop` of a photo whose pixels the browser decoded. */
export function autocropPixels(bytes, pixels, options = {}) {
  ensureReady('autocrop');
  const { profile, fileName, background, name, maxUpscale } = options;
  const { json, jpeg } = unwrap(() => checker.autocropPixels(toBytes(bytes), pixels.rgba, pixels.width, pixels.height,
    { profile, fileName, background, name, maxUpscale }));
  const result = JSON.parse(json);
  if (jpeg) result.jpeg = jpeg;
  return result;
}

/** The built-in profiles (full profile objects, `chsi` first). Call `await init()` first. */
export function profiles() {
  ensureReady('profiles');
  return JSON.parse(unwrap(() => glue.builtinProfiles()));
}

/** The library version. */
export function version() {
  ensureReady('version');
  return glue.version();
}
