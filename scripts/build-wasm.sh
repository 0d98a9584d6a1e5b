#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm core, its wasm-bindgen glue and pkg-template/.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_rust
ensure_wasm_bindgen
ensure_node_modules # binaryen's wasm-opt (Debian's is too old for reference types)

say "building the wasm core (profile wasm: release, optimised for size)"
cargo build --lib --profile wasm --target wasm32-unknown-unknown --no-default-features --features inference
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/photogate.wasm"
# The file rules alone, for browsers without WebAssembly SIMD: no tract, no models, and built without
# the simd128 target feature (.cargo/config.toml sets it), in a target folder of its own so the two
# builds do not rebuild each other.
say "building the file-rules wasm for browsers without SIMD (profile wasm)"
CARGO_ENCODED_RUSTFLAGS= cargo build --lib --profile wasm --target wasm32-unknown-unknown --no-default-features \
  --target-dir "$CARGO_TARGET_DIR/lite"
raw_lite="$CARGO_TARGET_DIR/lite/wasm32-unknown-unknown/wasm/photogate.wasm"

# bind_and_optimise RAW NAME: the wasm-bindgen glue pkg/NAME.js and the optimised pkg/NAME_bg.wasm.
bind_and_optimise() {
  wasm-bindgen --target web --out-dir pkg --out-name "$2" "$1"
  # wasm-opt (binaryen compiled to JavaScript) takes minutes on the core: keep its output by the
  # sha256 of its input, so unchanged code is not optimised twice.
  local key cached
  key=$(sha256sum "pkg/$2_bg.wasm" | cut -c1-64)
  cached="$PHOTOGATE_CACHE/wasm-opt/$key.wasm"
  if [ ! -f "$cached" ]; then
    say "optimising $2 with wasm-opt -Oz (a few minutes for the core)"
    mkdir -p "$(dirname "$cached")"
    "$ROOT/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      -o "$cached.tmp" "pkg/$2_bg.wasm"
    mv "$cached.tmp" "$cached"
  fi
  cp "$cached" "pkg/$2_bg.wasm"
}

rm -rf pkg && mkdir -p pkg
bind_and_optimise "$raw" photogate_wasm
bind_and_optimise "$raw_lite" photogate_lite
cp pkg-template/* pkg/
cp LICENSE-MIT LICENSE-APACHE pkg/
node scripts/third-party.mjs > pkg/THIRD-PARTY-NOTICES.md
ensure_models
mkdir -p pkg/models
for name in $(awk '{print $2}' "$ROOT/models.sha256"); do cp "$PHOTOGATE_MODELS/$name" pkg/models/; done
bytes=$(stat -c %s pkg/photogate_wasm_bg.wasm)
gz=$(gzip -9 -c pkg/photogate_wasm_bg.wasm | wc -c)
models=$(cat pkg/models/* | wc -c)
models_gz=$(cat pkg/models/* | gzip -9 | wc -c)
lite=$(stat -c %s pkg/photogate_lite_bg.wasm)
lite_gz=$(gzip -9 -c pkg/photogate_lite_bg.wasm | wc -c)
say "pkg/ ready: photogate_wasm_bg.wasm $bytes bytes ($gz gzipped); models $models bytes ($models_gz gzipped); photogate_lite_bg.wasm $lite bytes ($lite_gz gzipped)"
