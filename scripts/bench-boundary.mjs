// Times the report's trip out of wasm in headless Chromium, both ways, on one precomputed report:
// JSON text + JSON.parse, and serde-wasm-bindgen building the objects. Prints JSON.
// Usage: node scripts/bench-boundary.mjs [PHOTO] [PROFILE]   (build the package first: npm run build)
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';
import { readFileSync } from 'node:fs';

const photo = process.argv[2] ?? new URL('../../shared/photos/idphoto/fa_neutral.jpg', import.meta.url).pathname;
const profile = process.argv[3] ?? 'chsi-nanjing';
const { server, url } = await startServer({ port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // A plain same-origin document without the page's app, so nothing else runs meanwhile.
  await page.goto(new URL('pkg/index.d.ts', url).href);
  const result = await page.evaluate(async ({ bytes, profile }) => {
    const wasm = await import('/pkg/photogate_wasm.js');
    await wasm.default();
    const models = await Promise.all(wasm.modelManifest().split('\n').map(async (line) =>
      new Uint8Array(await (await fetch(`/pkg/models/${line.split('  ')[1]}`)).arrayBuffer())));
    const checker = new wasm.Checker(...models);
    const report = checker.probeCheck(new Uint8Array(bytes), { profile, fileName: '4401234567.jpg' });
    const variants = {
      json_parse: () => JSON.parse(report.json()),
      serde_wasm_bindgen: () => report.object(),
    };
    // performance.now() is coarsened (100 µs without cross-origin isolation): time batches of
    // BATCH calls and divide. Variants alternate so that drift hits both alike.
    const BATCH = 20;
    const SAMPLES = 200;
    const times = { json_parse: [], serde_wasm_bindgen: [] };
    for (const f of Object.values(variants)) for (let i = 0; i < 50; i++) f();
    for (let s = 0; s < SAMPLES; s++) {
      for (const [name, f] of Object.entries(variants)) {
        const t = performance.now();
        for (let i = 0; i < BATCH; i++) f();
        times[name].push(((performance.now() - t) * 1000) / BATCH);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];
    const json = report.json();
    return {
      same_content: JSON.stringify(JSON.parse(json)) === JSON.stringify(report.object()),
      report_json_bytes: new TextEncoder().encode(json).length,
      items: JSON.parse(json).items.length,
      calls_per_variant: SAMPLES * BATCH,
      median_us: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])),
      p10_p90_us: Object.fromEntries(Object.entries(times).map(([k, v]) =>
        [k, [quantile(v, 0.1), quantile(v, 0.9)].map((x) => Math.round(x * 10) / 10)])),
    };
  }, { bytes: [...readFileSync(photo)], profile });
  console.log(JSON.stringify({ chromium: browser.version(), photo, profile, ...result }, null, 2));
} finally {
  await browser.close();
  server.close();
}
