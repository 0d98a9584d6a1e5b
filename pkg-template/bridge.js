// createChecker(): the package's API in a module Worker (worker.js), so the page stays responsive.
//
// One queue: calls run one at a time, in the order they were made. Each call may take an AbortSignal.
// Aborting a queued call takes it out of the queue; aborting the running call terminates the worker,
// the only way to stop running wasm, and the next call starts a new one (loading wasm and models
// again). An idle worker is terminated after `idleTimeoutMs` to free its memory.
import { absoluteModelBase } from './models.js';
import { AUTOCROP, CHECK, INIT, PROFILES, PROGRESS } from './protocol.js';
import { PhotogateError, toBytes } from './shared.js';

// setTimeout runs a longer delay at once.
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

const aborted = (message) => new PhotogateError('aborted', message);

/**
 * A checker that runs in a Web Worker; the worker and its models load on the first call or `ready()`.
 * The photo's bytes are copied once when the call is made, and the copy is transferred to the worker.
 * @param {import('./index.d.ts').WorkerCheckerOptions} [options]
 * @returns {import('./index.d.ts').WorkerChecker}
 */
export function createChecker(options = {}) {
  const { onProgress, idleTimeoutMs = 60_000, ...initOptions } = options;
  if (typeof idleTimeoutMs !== 'number' || Number.isNaN(idleTimeoutMs) || idleTimeoutMs < 0) {
    throw new PhotogateError('invalid_options', `idleTimeoutMs must be a number ≥ 0 (0 or Infinity: never), not ${idleTimeoutMs}`);
  }
  // A relative modelBase means the page's folder, not the worker script's.
  if (initOptions.modelBase !== undefined) initOptions.modelBase = absoluteModelBase(initOptions.modelBase);
  const idleTimeout = idleTimeoutMs > 0 && idleTimeoutMs <= LONGEST_TIMEOUT_MS ? idleTimeoutMs : null;

  /** Calls not started yet, oldest first: { type, payload, transfer, signal, onAbort, resolve, reject, done }. */
  const queue = [];
  /** The call the worker is on (loading included), or null. */
  let running = null;
  /** { port: Worker, loaded: Promise<void> } while a worker exists. */
  let worker = null;
  /** The one message the worker has yet to answer: { id, resolve, reject }. */
  let awaiting = null;
  let nextId = 0;
  let idleTimer = null;

  function settle(call, error, result) {
    if (call.done) return;
    call.done = true;
    call.signal?.removeEventListener('abort', call.onAbort);
    if (error) call.reject(error);
    else call.resolve(result);
  }

  /** Terminates the worker; the message it owed is rejected with `error`. */
  function stopWorker(error) {
    clearTimeout(idleTimer);
    idleTimer = null;
    if (!worker) return;
    worker.port.terminate();
    worker = null;
    const owed = awaiting;
    awaiting = null;
    owed?.reject(error);
  }

  function armIdleTimer() {
    clearTimeout(idleTimer);
    idleTimer = null;
    if (!worker || running || queue.length > 0 || idleTimeout === null) return;
    idleTimer = setTimeout(() => stopWorker(aborted('the idle worker was stopped')), idleTimeout);
  }

  /** Posts one message and resolves with the worker's answer to it. */
  function ask(type, payload = {}, transfer = []) {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      awaiting = { id, resolve, reject };
      worker.port.postMessage({ id, type, ...payload }, transfer);
    });
  }

  /** The current worker's loading, starting a worker when there is none. */
  function startWorker() {
    if (worker) return worker.loaded;
    const port = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const mine = { port, loaded: null };
    worker = mine;
    port.onmessage = ({ data }) => {
      if (worker !== mine) return;
      if (data.type === PROGRESS) return onProgress?.(data.stage, data.done, data.total);
      if (awaiting?.id !== data.id) return;
      const { resolve, reject } = awaiting;
      awaiting = null;
      if (data.ok) resolve(data.result);
      else reject(new PhotogateError(data.error.code, data.error.message));
    };
    let loaded = false;
    port.onerror = (event) => {
      event.preventDefault?.();
      if (worker !== mine) return;
      const code = loaded ? 'internal' : 'init_failed';
      stopWorker(new PhotogateError(code, `the photogate worker failed: ${event.message ?? 'it could not start'}`));
    };
    mine.loaded = ask(INIT, { options: initOptions }).then(
      () => {
        loaded = true;
        armIdleTimer();
      },
      (e) => {
        if (worker === mine) stopWorker(e);
        throw e;
      },
    );
    return mine.loaded;
  }

  /** Runs the next queued call, if the worker is free. */
  async function next() {
    if (running) return;
    const call = queue.shift();
    if (!call) return armIdleTimer();
    running = call;
    clearTimeout(idleTimer);
    idleTimer = null;
    try {
      await startWorker();
      if (running !== call) return;
      settle(call, null, await ask(call.type, call.payload, call.transfer));
    } catch (e) {
      settle(call, e);
      // A wasm trap may leave the module's memory inconsistent: the next call gets a new worker.
      if (e?.code === 'internal' && running === call) stopWorker(e);
    } finally {
      if (running === call) {
        running = null;
        next();
      }
    }
  }

  function abort(call) {
    if (call.done) return;
    const error = aborted('the call was aborted');
    if (call === running) {
      running = null;
      stopWorker(error);
      settle(call, error);
      next();
    } else {
      queue.splice(queue.indexOf(call), 1);
      settle(call, error);
    }
  }

  function enqueue(type, payload, transfer, signal) {
    if (signal?.aborted) return Promise.reject(aborted('the call was aborted before it started'));
    return new Promise((resolve, reject) => {
      const call = { type, payload, transfer, signal, resolve, reject, done: false };
      call.onAbort = () => abort(call);
      signal?.addEventListener('abort', call.onAbort, { once: true });
      queue.push(call);
      next();
    });
  }

  function photoCall(type, bytes, options, signal) {
    const copy = toBytes(bytes).slice();
    return enqueue(type, { bytes: copy, options }, [copy.buffer], signal);
  }

  return {
    /** Resolves when the wasm and models are loaded in the worker. */
    async ready() {
      await startWorker();
    },
    /** Checks a photo; resolves to the report. */
    async check(bytes, checkOptions = {}, { signal } = {}) {
      const { profile, fileName } = checkOptions;
      return photoCall(CHECK, bytes, { profile, fileName }, signal);
    },
    /** Makes a compliant file, or says why not; resolves as `autocrop()` returns. */
    async autocrop(bytes, autocropOptions = {}, { signal } = {}) {
      const { profile, fileName, background, name, maxUpscale } = autocropOptions;
      return photoCall(AUTOCROP, bytes, { profile, fileName, background, name, maxUpscale }, signal);
    },
    /** The built-in profiles. */
    async profiles({ signal } = {}) {
      return enqueue(PROFILES, {}, [], signal);
    },
    /** Stops the worker and frees its memory; every pending call rejects with `aborted`. */
    dispose() {
      const error = aborted('the checker was disposed');
      const calls = [running, ...queue].filter(Boolean);
      running = null;
      queue.length = 0;
      stopWorker(error);
      for (const call of calls) settle(call, error);
    },
  };
}
