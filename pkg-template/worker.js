// Runs photogate off the main thread: one module instance, models loaded once.
import { init, check, profiles } from './index.js';
import { CHECK, INIT, PROFILES, PROGRESS, errorPayload } from './protocol.js';

const handlers = {
  [INIT]: ({ options }) =>
    init({ ...options, onProgress: (stage, done, total) => postMessage({ type: PROGRESS, stage, done, total }) }),
  [CHECK]: ({ bytes, options }) => check(bytes, options),
  [PROFILES]: () => profiles(),
};

onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const handler = handlers[type];
    if (!handler) throw Object.assign(new Error(`unknown message ${type}`), { code: 'internal' });
    postMessage({ id, ok: true, result: await handler(data) });
  } catch (e) {
    postMessage({ id, ok: false, error: errorPayload(e) });
  }
};
