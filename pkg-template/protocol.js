// Messages between createChecker() (bridge.js) and worker.js, defined once. The bridge has at most
// one message unanswered: `init` first, then one call at a time.
// Client → worker: { id, type: 'init', options } | { id, type: 'check', bytes, options }
//                  | { id, type: 'autocrop', bytes, options } | { id, type: 'profiles' }
// Worker → client: { id, ok: true, result } | { id, ok: false, error: { code, message } }
//                  | { type: 'progress', stage, done, total }
export const INIT = 'init';
export const CHECK = 'check';
export const AUTOCROP = 'autocrop';
export const PROFILES = 'profiles';
export const PROGRESS = 'progress';

/** What crosses postMessage for an error: its stable code and message. */
export function errorPayload(e) {
  return { code: e?.code ?? 'internal', message: String(e?.message ?? e) };
}
