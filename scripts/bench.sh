#!/usr/bin/env bash
# npm run bench [-- PHOTO --runs N --warmup N --json]: builds the package, then prints one table of
# photogate's stages against onnxruntime-web in headless Chromium, and the download sizes
# (scripts/bench.mjs, bench/page.js; docs/benchmarks.md).
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_node_modules
ensure_chromium
bash scripts/build-wasm.sh
node scripts/bench.mjs "$@"
