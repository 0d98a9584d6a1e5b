#!/usr/bin/env bash
# README command 2: every test. Rust unit, doc and integration tests natively; then the built wasm
# package in Node and the self-check page in headless Chromium, on the same fixtures.
# Every install step comes first, before anything uses what it installs: a new machine has none of them.
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say "installing what the tests need (each step is skipped when already there)"
ensure_rust
ensure_wasm_bindgen
ensure_models
ensure_node_modules
ensure_chromium
apt_install libavif-bin # avifenc: the AVIF photo of tests/js/decode.test.mjs
ensure_cargo_fuzz

say "Rust: format, lints"
cargo fmt --check
cargo fmt --check --manifest-path fuzz/Cargo.toml
cargo fmt --check --manifest-path fuzz/seedgen/Cargo.toml
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features inference -- -D warnings
# The file-rules build (scripts/build-wasm.sh builds it without simd128; the lints do not depend on it).
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

say "Rust: unit, integration and doc tests"
cargo test

say "building the CLI and the wasm package"
cargo build --bin photogate
bash scripts/build-wasm.sh

say "JavaScript: the package in Node and the page in headless Chromium"
export PHOTOGATE_CLI="$CARGO_TARGET_DIR/debug/photogate"
node --test --test-concurrency=1 tests/js/

say "fuzzing: inspect, check and autocrop, 60 s in all (scripts/fuzz.sh; long runs: docs/fuzzing.md)"
bash scripts/fuzz.sh smoke
