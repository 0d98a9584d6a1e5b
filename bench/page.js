// The benchmark page (bench-only; scripts/bench.mjs serves and drives it). In one page load: photogate's
// check timed per stage through `checkObserved` (the core marks where each stage begins and ends; this
// page's clock times the marks), and onnxruntime-web (wasm backend, one thread, SIMD) running the same
// four model files at the input sizes photogate uses, alternating run by run so that the load of the
// machine hits both alike; then autocrop. The results go to #out's data-results as JSON.
import * as photogate from '/pkg/photogate_wasm.js';

const ORT_DIST = '/bench/node_modules/onnxruntime-web/dist/';
const params = new URLSearchParams(location.search);
const photoUrl = params.get('photo');
const autocropUrl = params.get('autocrop') ?? photoUrl;
const RUNS = Number(params.get('runs') ?? 21);
const WARMUP = Number(params.get('warmup') ?? 3);
// { detect, mesh, iris, segment }: the square input sides of src/face/*.rs, read there by scripts/bench.mjs.
const SIDES = JSON.parse(params.get('sides'));
const out = document.getElementById('out');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const time = async (f) => {
  const t = performance.now();
  const value = await f();
  return [performance.now() - t, value];
};

/** Per check: the summed time of each stage and how often it ran, from the marks' timestamps. */
function stageTimes(marks) {
  const total = {};
  const runs = {};
  const open = new Map();
  for (const [stage, begins, t] of marks) {
    if (begins) open.set(stage, t);
    else {
      total[stage] = (total[stage] ?? 0) + (t - open.get(stage));
      runs[stage] = (runs[stage] ?? 0) + 1;
    }
  }
  return { total, runs };
}

/** The photo drawn into a side × side canvas: `source` [x, y, w, h] of the photo into `target` [x, y, w, h]. */
function pixels(bitmap, side, source, target = [0, 0, side, side]) {
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, side, side);
  ctx.drawImage(bitmap, ...source, ...target);
  return ctx.getImageData(0, 0, side, side).data;
}

/** NHWC RGB in [0, 1], as the MediaPipe models take it. */
function nhwc(rgba, side) {
  const data = new Float32Array(side * side * 3);
  for (let i = 0; i < side * side; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = rgba[i * 4 + c] / 255;
  return data;
}

/** NCHW BGR in 0–255, as YuNet takes it. */
function nchwBgr(rgba, side) {
  const plane = side * side;
  const data = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) data[c * plane + i] = rgba[i * 4 + 2 - c];
  return data;
}

/**
 * onnxruntime-web's inputs, made from the photo by the canvas: letterboxed for YuNet, a square
 * around the upper middle for the mesh, a small one for an eye, the whole photo stretched for the
 * segmentation. Not photogate's exact crops: the time of these convolution networks does not depend on
 * the pixel values, but real pixels keep the arithmetic realistic (no denormals from zeros, say).
 */
function ortInputs(ort, bitmap) {
  const { width: w, height: h } = bitmap;
  const d = SIDES.detect;
  const scale = d / Math.max(w, h);
  const face = [w * 0.2, h * 0.15, w * 0.6, w * 0.6];
  const eye = [w * 0.35, h * 0.35, w * 0.12, w * 0.12];
  const tensor = (data, dims) => new ort.Tensor('float32', data, dims);
  return {
    detect: tensor(nchwBgr(pixels(bitmap, d, [0, 0, w, h], [0, 0, w * scale, h * scale]), d), [1, 3, d, d]),
    mesh: tensor(nhwc(pixels(bitmap, SIDES.mesh, face), SIDES.mesh), [1, SIDES.mesh, SIDES.mesh, 3]),
    iris: tensor(nhwc(pixels(bitmap, SIDES.iris, eye), SIDES.iris), [1, SIDES.iris, SIDES.iris, 3]),
    segment: tensor(nhwc(pixels(bitmap, SIDES.segment, [0, 0, w, h]), SIDES.segment), [1, SIDES.segment, SIDES.segment, 3]),
  };
}

async function main() {
  const photoBytes = new Uint8Array(await (await fetch(photoUrl)).arrayBuffer());
  const fileName = photoUrl.split('/').pop();
  // Loading, models fetched in between and not counted: photogate's wasm, then its four models;
  // onnxruntime-web's module, then its wasm and four sessions (the first session loads the wasm).
  const [pgInit] = await time(() => photogate.default());
  const manifest = photogate.modelManifest().split('\n').map((line) => line.split('  ')[1]);
  const modelBytes = await Promise.all(manifest.map(async (name) =>
    new Uint8Array(await (await fetch(`/pkg/models/${name}`)).arrayBuffer())));
  const [pgModels, checker] = await time(() => new photogate.Checker(...modelBytes));
  const [ortLoad, [ort, sessions]] = await time(async () => {
    const ort = await import(`${ORT_DIST}ort.wasm.min.mjs`);
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    ort.env.wasm.wasmPaths = ORT_DIST;
    const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
    const made = [];
    for (const bytes of modelBytes) made.push(await ort.InferenceSession.create(bytes, options));
    const [detect, mesh, iris, segment] = made;
    return [ort, { detect, mesh, iris, segment }];
  });
  const pgLoad = pgInit + pgModels;

  const bitmap = await createImageBitmap(new Blob([photoBytes]), { imageOrientation: 'from-image' });
  const inputs = ortInputs(ort, bitmap);
  const feeds = Object.fromEntries(Object.entries(sessions).map(([k, s]) => [k, { [s.inputNames[0]]: inputs[k] }]));
  const ortRun = async (key) => {
    const t = performance.now();
    const result = await sessions[key].run(feeds[key]);
    for (const name of sessions[key].outputNames) if (!(result[name].data.length > 0)) throw new Error(`${key}: empty output ${name}`);
    return performance.now() - t;
  };

  const observed = () => {
    const marks = [];
    checker.checkObserved(photoBytes, { fileName }, (stage, begins) => marks.push([stage, begins, performance.now()]));
    return stageTimes(marks);
  };
  // As many mesh and iris runs per check as photogate does on this photo (two each with a face).
  const { runs: perCheck } = observed();
  const meshRuns = perCheck.mesh ?? 0;
  const irisRuns = perCheck.iris ?? 0;

  const pg = [];
  const whole = [];
  const ortSamples = { detect: [], mesh: [], iris: [], segment: [], models: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    out.textContent = `${i < WARMUP ? 'warm-up' : 'run'} ${i + 1 - (i < WARMUP ? 0 : WARMUP)}…`;
    const stages = observed();
    const [check] = await time(() => checker.check(photoBytes, { fileName }));
    const run = { detect: [await ortRun('detect')], mesh: [], iris: [], segment: [] };
    for (let k = 0; k < meshRuns; k++) run.mesh.push(await ortRun('mesh'));
    for (let k = 0; k < irisRuns; k++) run.iris.push(await ortRun('iris'));
    run.segment.push(await ortRun('segment'));
    if (i < WARMUP) continue;
    pg.push(stages);
    whole.push(check);
    for (const key of ['detect', 'mesh', 'iris', 'segment']) ortSamples[key].push(...run[key]);
    ortSamples.models.push(Object.values(run).flat().reduce((a, b) => a + b, 0));
  }

  out.textContent = 'autocrop…';
  const fixBytes = new Uint8Array(await (await fetch(autocropUrl)).arrayBuffer());
  const fixName = autocropUrl.split('/').pop();
  const fixes = [];
  let autocropStatus = null;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [t, result] = await time(() => checker.autocrop(fixBytes, { fileName: fixName, background: 'blue' }));
    autocropStatus = JSON.parse(result.json).status;
    if (i >= WARMUP) fixes.push(t);
  }

  const MODELS = ['detect', 'mesh', 'iris', 'segment'];
  const sum = (s, keys) => keys.reduce((a, k) => a + (s.total[k] ?? 0), 0);
  const perRun = (key) => pg.map((s) => (s.total[key] ?? 0) / (s.runs[key] || 1));
  const row = (key, label, runs, pgSamples, ortSamplesFor = null) => {
    const p = median(pgSamples);
    const o = ortSamplesFor ? median(ortSamplesFor) : null;
    return { key, label, runs, photogate_ms: p, ort_ms: o, ratio: o ? p / o : null };
  };
  const d = SIDES.detect;
  const rows = [
    row('load', 'load: wasm + 4 models (one sample)', 1, [pgLoad], [ortLoad]),
    row('inspect', 'inspect (headers)', 1, pg.map((s) => s.total.inspect ?? 0)),
    row('decode', 'decode', 1, pg.map((s) => s.total.decode ?? 0)),
    row('detect', `detection: YuNet ${d}×${d}`, perCheck.detect ?? 0, perRun('detect'), ortSamples.detect),
    row('mesh', `face mesh ${SIDES.mesh}×${SIDES.mesh}, per run`, meshRuns, perRun('mesh'), ortSamples.mesh),
    row('iris', `iris ${SIDES.iris}×${SIDES.iris}, per run`, irisRuns, perRun('iris'), ortSamples.iris),
    row('segment', `segmentation ${SIDES.segment}×${SIDES.segment}`, perCheck.segment ?? 0, perRun('segment'), ortSamples.segment),
    row('models', 'model pipeline, per check', 1, pg.map((s) => sum(s, MODELS)), ortSamples.models),
    row('pixels', 'analysis outside the models (crops, resizes, mask, geometry)', 1,
      pg.map((s) => (s.total.analyze ?? 0) - sum(s, MODELS))),
    row('measure', 'measurements + verdicts', 1, pg.map((s) => s.total.measure ?? 0)),
    row('report', 'report (overlay, texts)', 1, pg.map((s) => s.total.report ?? 0)),
    row('check', 'whole check (JS call, JSON included)', 1, whole),
    row('autocrop', `whole autocrop of ${fixName}, blue background (${autocropStatus})`, 1, fixes),
  ];
  return {
    photo: { name: fileName, width_px: bitmap.width, height_px: bitmap.height },
    autocrop_photo: fixName,
    runs: RUNS, warmup: WARMUP, sides: SIDES,
    ort_version: ort.env.versions?.web ?? null,
    cross_origin_isolated: globalThis.crossOriginIsolated,
    rows,
  };
}

try {
  const results = await main();
  out.dataset.results = JSON.stringify(results);
  out.textContent = JSON.stringify(results, null, 2);
  out.dataset.state = 'done';
} catch (e) {
  out.textContent = `failed: ${e?.stack ?? e}`;
  out.dataset.error = String(e?.stack ?? e);
  out.dataset.state = 'failed';
}
