// photogate: the public JavaScript API. It converts types and errors; every rule lives in the wasm core.
import initWasm, { Checker, builtinProfiles, version as wasmVersion } from './photogate_wasm.js';

/** An error from photogate, with a stable `code` (see the README's list). */
export class PhotogateError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PhotogateError';
    this.code = code;
  }
}

let ready = null;
let checker = null;

/**
 * Loads the WebAssembly module once; later calls return the same promise.
 * @param {{ wasm?: URL | string | Response | BufferSource | WebAssembly.Module }} [options]
 *   where to load the module from; defaults to `photogate_wasm_bg.wasm` next to this file (same origin).
 */
export function init(options = {}) {
  ready ??= initWasm(options.wasm === undefined ? undefined : { module_or_path: options.wasm })
    .then(() => {
      checker = new Checker();
    })
    .catch((e) => {
      ready = null;
      throw new PhotogateError('init_failed', `cannot load the photogate WebAssembly module: ${e?.message ?? e}`);
    });
  return ready;
}

function unwrap(call) {
  try {
    return call();
  } catch (e) {
    if (typeof e === 'string') {
      let parsed;
      try {
        parsed = JSON.parse(e);
      } catch {
        throw new PhotogateError('internal', e);
      }
      throw new PhotogateError(parsed.code, parsed.message);
    }
    throw new PhotogateError('internal', String(e?.message ?? e));
  }
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new PhotogateError('invalid_options', 'check() takes the photo as a Uint8Array or ArrayBuffer');
}

/**
 * Checks a photo against a profile. Call `await init()` first.
 * @param {Uint8Array | ArrayBuffer} bytes the file's bytes
 * @param {{ profile?: string | object, fileName?: string }} [options]
 * @returns {import('./index.d.ts').Report}
 */
export function check(bytes, options = {}) {
  if (!checker) throw new PhotogateError('not_initialized', 'call `await init()` before check()');
  const data = toBytes(bytes);
  const request = JSON.stringify({ profile: options.profile, fileName: options.fileName });
  return JSON.parse(unwrap(() => checker.check(data, request)));
}

/** The built-in profiles (full profile objects, `chsi` first). Call `await init()` first. */
export function profiles() {
  if (!checker) throw new PhotogateError('not_initialized', 'call `await init()` before profiles()');
  return JSON.parse(unwrap(() => builtinProfiles()));
}

/** The library version. */
export function version() {
  if (!checker) throw new PhotogateError('not_initialized', 'call `await init()` before version()');
  return wasmVersion();
}
