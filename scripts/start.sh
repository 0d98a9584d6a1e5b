#!/usr/bin/env bash
# README command 1: build the package and serve the self-check page on 127.0.0.1 (PORT, default 8080).
source "$(dirname "$0")/env.sh"
bash "$ROOT/scripts/build-wasm.sh"
exec node "$ROOT/scripts/serve.mjs"
