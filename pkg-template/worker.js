// Runs photogate off the main thread: one module instance, models loaded once.
import { init, check, autocrop, profiles } from './index.js';
import { AUTOCROP, CHECK, INIT, PROFILES, PROGRESS, errorPayload } from './protocol.js';

const handlers = {
  [INIT]: ({ options }) =>
    init({ ...options, onProgress: (stage, done, total) => postMessage({ type: PROGRESS, stage, done, total }) }),
  [CHECK]: ({ bytes, options }) => check(bytes, options),
  [AUTOCROP]: ({ bytes, options }) => autocrop(bytes, options),
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
