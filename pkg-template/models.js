// Where the four model files come from, and fetching them with errors that name the URL.
//
// Each file is named by a literal `new URL('./models/<file>', import.meta.url)`: the one form that
// bundlers (Vite, its dev server's pre-bundling, webpack 5, Rollup, esbuild) follow and emit as a
// hashed asset. A folder URL is never emitted, so `modelBase` is only read when the caller gives it.
import { PhotogateError } from './shared.js';

// <models> generated from models.sha256 by `PHOTOGATE_BLESS=1 cargo test --test registry`, in the
// order the core's `Checker` takes them; `cargo test` fails when they disagree.
const MODELS = [
  { key: 'detector', name: 'yunet_n_dynamic.onnx', sha256: '104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12', url: () => new URL('./models/yunet_n_dynamic.onnx', import.meta.url) },
  { key: 'faceMesh', name: 'mediapipe_face_landmark_468_192x192.fp16w.onnx', sha256: '7a4e90a76b73eb81a2e13aeb05a024dc7a3d038e99e2400f99b2850504b2a52e', url: () => new URL('./models/mediapipe_face_landmark_468_192x192.fp16w.onnx', import.meta.url) },
  { key: 'iris', name: 'mediapipe_iris_landmark_64x64.fp16w.onnx', sha256: 'da9f4c045072c34459a924ac275cd420bdd66acf4bed86f70859008977c48275', url: () => new URL('./models/mediapipe_iris_landmark_64x64.fp16w.onnx', import.meta.url) },
  { key: 'segmentation', name: 'mediapipe_selfie_segmentation_256x256.onnx', sha256: '103c0d21f58bc740f3acb25b907ca94c1bc03113a62057674574dec86d090ac7', url: () => new URL('./models/mediapipe_selfie_segmentation_256x256.onnx', import.meta.url) },
];
// </models>

/** The model files, in the order the checker takes them: `{ key, name, sha256 }`. Needs no wasm. */
export function modelFiles() {
  return MODELS.map(({ key, name, sha256 }) => ({ key, name, sha256 }));
}

/**
 * A `modelBase` as an absolute URL ending in `/`: a relative one is resolved against the page
 * (`document.baseURI`; in a worker, its own URL), never against where a bundler put this file.
 */
export function absoluteModelBase(modelBase) {
  const page = globalThis.document?.baseURI ?? globalThis.location?.href;
  let base;
  try {
    base = new URL(modelBase, page);
  } catch {
    throw new PhotogateError('invalid_options', `modelBase ${JSON.stringify(String(modelBase))} is not a URL`);
  }
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base.href;
}

/** Each model file's URL: beside this file (as the bundler emitted it), or in `modelBase`. */
function modelUrls(modelBase) {
  if (modelBase === undefined || modelBase === null) return MODELS.map((m) => m.url());
  const base = absoluteModelBase(modelBase);
  return MODELS.map((m) => new URL(m.name, base));
}

async function sha256Hex(bytes) {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const HINT = 'the model files must be served as they are in the package\'s models/ folder: a bundler '
  + 'emits them when it follows `new URL(…, import.meta.url)`; otherwise copy them to a folder and pass it as `modelBase`';

/** One model file's bytes; errors say which URL answered what. */
async function fetchModel(model, url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new PhotogateError('init_failed', `cannot fetch model ${model.name} from ${url}: ${e?.message ?? e}`);
  }
  const type = response.headers.get('content-type') ?? 'no content type';
  if (!response.ok) {
    throw new PhotogateError('init_failed', `cannot fetch model ${model.name} from ${url}: HTTP ${response.status} (${type}); ${HINT}`);
  }
  if (/^\s*text\/html/i.test(type)) {
    throw new PhotogateError('init_failed', `model ${model.name} from ${url} came back as ${type}, not the model file (a server's fallback page for a missing file?); ${HINT}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const digest = await sha256Hex(bytes);
  if (digest !== null && digest !== model.sha256) {
    throw new PhotogateError('model_error', `model ${model.name} from ${url} (${type}, ${bytes.length} bytes) has sha256 ${digest}, not the pinned ${model.sha256}; ${HINT}`);
  }
  return bytes;
}

/**
 * The four model files' bytes, in the checker's order: given by the caller (`models` object), or
 * fetched. Progress: `fetch:model` with files done and total.
 */
export async function loadModelBytes(options, progress) {
  if (options.models && typeof options.models === 'object') {
    return MODELS.map((m) => {
      const b = options.models[m.key];
      if (!(b instanceof Uint8Array)) throw new PhotogateError('invalid_options', `options.models.${m.key} must be the bytes (a Uint8Array) of ${m.name}`);
      return b;
    });
  }
  const urls = modelUrls(options.modelBase);
  let done = 0;
  progress('fetch:model', 0, MODELS.length);
  return Promise.all(MODELS.map(async (m, i) => {
    const bytes = await fetchModel(m, urls[i]);
    progress('fetch:model', ++done, MODELS.length);
    return bytes;
  }));
}
