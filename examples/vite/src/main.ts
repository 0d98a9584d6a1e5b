// A school's page: check the chosen photo and make the compliant JPEG, once in this thread and once
// in a Web Worker. No bundler configuration: the package names its wasm, worker and models itself.
import { autocrop, check, createChecker, init, PhotogateError } from 'photogate';
import type { AutocropResult, Report } from 'photogate';

interface Outcome {
  verdict: Report['verdict'];
  failing: string[];
  autocrop: AutocropResult['status'];
  reason?: string;
  fixedVerdict?: Report['verdict'];
  fixedBytes?: number;
  fileName?: string;
}

const input = document.querySelector<HTMLInputElement>('#photo')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;
const worker = createChecker();

function summarise(report: Report, result: AutocropResult): Outcome {
  const outcome: Outcome = {
    verdict: report.verdict,
    failing: report.items.filter((i) => i.verdict === 'fail').map((i) => i.rule),
    autocrop: result.status,
  };
  if (result.status === 'fixed') {
    outcome.fixedVerdict = result.report.verdict;
    outcome.fixedBytes = result.jpeg.byteLength;
    outcome.fileName = result.file_name;
  } else {
    outcome.reason = result.reason;
  }
  return outcome;
}

function show(section: string, outcome: Outcome | { error: string; message: string }, result?: AutocropResult) {
  const root = document.querySelector<HTMLElement>(section)!;
  root.querySelector('pre')!.textContent = JSON.stringify(outcome, null, 2);
  const img = root.querySelector('img')!;
  if (result?.status === 'fixed') img.src = URL.createObjectURL(new Blob([result.jpeg], { type: 'image/jpeg' }));
  root.dataset.done = 'true';
}

async function inThisThread(bytes: ArrayBuffer, fileName: string) {
  await init();
  const report = check(bytes, { fileName });
  const result = autocrop(bytes, { fileName });
  show('#main-thread', summarise(report, result), result);
}

async function inTheWorker(bytes: ArrayBuffer, fileName: string) {
  const report = await worker.check(bytes, { fileName });
  const result = await worker.autocrop(bytes, { fileName });
  show('#worker', summarise(report, result), result);
}

async function run(section: string, job: () => Promise<void>) {
  try {
    await job();
  } catch (e) {
    const error = e instanceof PhotogateError ? e.code : 'unexpected';
    show(section, { error, message: e instanceof Error ? e.message : String(e) });
  }
}

input.addEventListener('change', async () => {
  const file = input.files?.[0];
  if (!file) return;
  for (const id of ['#main-thread', '#worker']) delete document.querySelector<HTMLElement>(id)!.dataset.done;
  status.textContent = '正在检查…';
  const bytes = await file.arrayBuffer();
  await run('#main-thread', () => inThisThread(bytes, file.name));
  await run('#worker', () => inTheWorker(bytes, file.name));
  status.textContent = '完成';
});

status.textContent = '请选择照片';
document.body.dataset.ready = 'true';
