// Benchmark page: first-check latency, per-photo check and autocrop time in this browser.
import { init, check, autocrop } from './pkg/index.js';

const out = document.getElementById('out');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { init_ms: null, photos: [] };

const started = performance.now();
await init();
results.init_ms = Math.round(performance.now() - started);
out.textContent = `init (wasm + models): ${results.init_ms} ms\nchoose photos…`;
out.dataset.state = 'ready';

document.getElementById('files').addEventListener('change', async (event) => {
  out.dataset.state = 'running';
  const lines = [`init (wasm + models): ${results.init_ms} ms`];
  for (const file of event.target.files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      check(bytes, { fileName: file.name });
      times.push(performance.now() - t);
    }
    const fixTimes = [];
    let status = null;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      status = autocrop(bytes, { fileName: file.name, background: 'blue' }).status;
      fixTimes.push(performance.now() - t);
    }
    const entry = {
      name: file.name, median_ms: Math.round(median(times)), first_ms: Math.round(times[0]),
      autocrop_median_ms: Math.round(median(fixTimes)), autocrop_status: status,
    };
    results.photos.push(entry);
    lines.push(`${file.name}: check median ${entry.median_ms} ms (first ${entry.first_ms} ms); autocrop median ${entry.autocrop_median_ms} ms (${status})`);
    out.textContent = lines.join('\n');
  }
  lines.push(`median over photos: ${median(results.photos.map((p) => p.median_ms))} ms`);
  out.textContent = lines.join('\n');
  out.dataset.results = JSON.stringify(results);
  out.dataset.state = 'done';
});
