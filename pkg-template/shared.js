// What the in-thread API (index.js) and the worker bridge (bridge.js) both need.

/** An error from photogate, with a stable `code` (see the README's list). */
export class PhotogateError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PhotogateError';
    this.code = code;
  }
}

/** The photo's bytes as a Uint8Array view (no copy) of a Uint8Array, an ArrayBuffer or another view. */
export function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new PhotogateError('invalid_options', 'the photo must be a Uint8Array or an ArrayBuffer');
}
