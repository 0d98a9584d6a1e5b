// Runs photogate off the main thread: one module instance, models loaded once.
// A photo the core cannot decode (HEIF, AVIF) is decoded by the browser here (pixels.js).
import { init, check, autocrop, profiles, checkPixels, autocropPixels } from './index.js';
import { decodeInBrowser, undecoded } from './pixels.js';
import { AUTOCROP, CHECK, INIT, PROFILES, PROGRESS, errorPayload } from './protocol.js';

const handlers = {
  [INIT]: ({ options }) =>
    init({ ...options, onProgress: (stage, done, total) => postMessage({ type: PROGRESS, stage, done, total }) }),
  [CHECK]: async ({ bytes, options }) => {
    const report = check(bytes, options);
    const pixels = undecoded(report) ? await decodeInBrowser(bytes) : null;
    return pixels ? checkPixels(bytes, pixels, options) : report;
  },
  [AUTOCROP]: async ({ bytes, options }) => {
    const result = autocrop(bytes, options);
    const pixels = result.status === 'refused' && result.reason === 'not_decoded' ? await decodeInBrowser(bytes) : null;
    return pixels ? autocropPixels(bytes, pixels, options) : result;
  },
  [PROFILES]: () => profiles(),
};

onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const handler = handlers[type];
    if (!handler) throw Object.assign(new Error(`unknown message ${type}`), { code: 'internal' });
    const result = await handler(data);
    // A new JPEG is moved, not copied, to the page.
    postMessage({ id, ok: true, result }, result?.jpeg ? [result.jpeg.buffer] : []);
  } catch (e) {
    postMessage({ id, ok: false, error: errorPayload(e) });
  }
};
