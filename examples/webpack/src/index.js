// The page of examples/vite, in plain JavaScript, bundled by webpack 5 with no configuration
// (`webpack` builds src/index.js into dist/; the wasm, the worker and the models land beside it).
import { autocrop, check, createChecker, init, PhotogateError } from 'photogate';

const input = document.querySelector('#photo');
const status = document.querySelector('#status');
const worker = createChecker();

function summarise(report, result) {
  const outcome = {
    verdict: report.verdict,
    failing: report.items.filter((i) => i.verdict === 'fail').map((i) => i.rule),
    autocrop: result.status,
  };
  if (result.status === 'fixed') Object.assign(outcome, { fixedVerdict: result.report.verdict, fixedBytes: result.jpeg.byteLength, fileName: result.file_name });
  else outcome.reason = result.reason;
  return outcome;
}

function show(section, outcome, result) {
  const root = document.querySelector(section);
  root.querySelector('pre').textContent = JSON.stringify(outcome, null, 2);
  if (result?.status === 'fixed') root.querySelector('img').src = URL.createObjectURL(new Blob([result.jpeg], { type: 'image/jpeg' }));
  root.dataset.done = 'true';
}

async function run(section, job) {
  try {
    await job();
  } catch (e) {
    show(section, { error: e instanceof PhotogateError ? e.code : 'unexpected', message: String(e?.message ?? e) });
  }
}

input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (!file) return;
  status.textContent = '正在检查…';
  const bytes = await file.arrayBuffer();
  await run('#main-thread', async () => {
    await init();
    const result = autocrop(bytes, { fileName: file.name });
    show('#main-thread', summarise(check(bytes, { fileName: file.name }), result), result);
  });
  await run('#worker', async () => {
    const report = await worker.check(bytes, { fileName: file.name });
    const result = await worker.autocrop(bytes, { fileName: file.name });
    show('#worker', summarise(report, result), result);
  });
  status.textContent = '完成';
});

status.textContent = '请选择照片';
document.body.dataset.ready = 'true';
