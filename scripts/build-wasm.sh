#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm core, its wasm-bindgen glue and pkg-template/.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_rust
ensure_wasm_bindgen
ensure_node_modules # binaryen's wasm-opt (Debian's is too old for reference types)

say "building the wasm core (release)"
cargo build --lib --release --target wasm32-unknown-unknown --no-default-features
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/photogate.wasm"

rm -rf pkg && mkdir -p pkg
wasm-bindgen --target web --out-dir pkg --out-name photogate_wasm "$raw"
# wasm-opt (binaryen compiled to JavaScript) takes minutes on this module: keep its output by the
# sha256 of its input, so unchanged code is not optimised twice.
key=$(sha256sum pkg/photogate_wasm_bg.wasm | cut -c1-64)
cached="$PHOTOGATE_CACHE/wasm-opt/$key.wasm"
if [ ! -f "$cached" ]; then
  say "optimising the wasm with wasm-opt -Oz (a few minutes)"
  mkdir -p "$(dirname "$cached")"
  "$ROOT/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$cached.tmp" pkg/photogate_wasm_bg.wasm
  mv "$cached.tmp" "$cached"
fi
cp "$cached" pkg/photogate_wasm_bg.wasm
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
say "pkg/ ready: photogate_wasm_bg.wasm $bytes bytes ($gz gzipped); models $models bytes ($models_gz gzipped)"
