// Paths shared by the JavaScript tests.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED = process.env.PHOTOGATE_SHARED ?? join(ROOT, '..', 'shared');
export const PHOTOS = join(SHARED, 'photos');
export const CLI = process.env.PHOTOGATE_CLI ?? join(ROOT, 'target', 'debug', 'photogate');
export const OUTPUT = join(ROOT, 'test-output');
export const photo = (relative) => join(PHOTOS, relative);

/** Init options for the built package in Node: its wasm and its four models, read from pkg/. */
export function packageFiles() {
  const read = (...path) => readFileSync(join(ROOT, 'pkg', ...path));
  return {
    wasm: read('photogate_wasm_bg.wasm'),
    models: {
      detector: read('models', 'yunet_n_dynamic.onnx'),
      faceMesh: read('models', 'mediapipe_face_landmark_468_192x192.fp16w.onnx'),
      iris: read('models', 'mediapipe_iris_landmark_64x64.fp16w.onnx'),
      segmentation: read('models', 'mediapipe_selfie_segmentation_256x256.onnx'),
    },
  };
}
