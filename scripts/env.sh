# Sourced by the other scripts: where builds and installed tools live, and how to install them.
# Everything lands in a cache outside the clone, so repeated runs on one machine are fast.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PHOTOGATE_CACHE="${PHOTOGATE_CACHE:-$HOME/.cache/photogate}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PHOTOGATE_CACHE/target}"
export PATH="$PHOTOGATE_CACHE/tools/bin:$HOME/.cargo/bin:$PATH"
export PHOTOGATE_MODELS="${PHOTOGATE_MODELS:-$ROOT/../shared/models}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_install() { # apt_install PACKAGE... (only those missing)
  local missing=()
  # Installed means "install ok installed": a removed package whose configuration files remain is
  # still known to `dpkg -s`, but its files are gone.
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} with apt"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# rust-toolchain.toml names the target and components, but rustup adds them only when it installs the
# toolchain itself, not to a toolchain the machine already has: add what is missing.
ensure_rust() {
  command -v rustup >/dev/null || return 0
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local c
  for c in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$c"; then
      say "adding the $c component"
      rustup component add "$c"
    fi
  done
}

# The wasm-bindgen crate version in Cargo.lock; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then (cd "$ROOT" && cargo generate-lockfile); want="$(wasm_bindgen_version)"; fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    # Not --locked: its lockfile pins a crate version the registry here lacks.
    cargo install wasm-bindgen-cli --version "$want" --root "$PHOTOGATE_CACHE/tools" --force
  fi
}

ensure_node_modules() {
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  # A CJK font so that screenshots show the Chinese text as a student's device would.
  apt_install chromium fonts-wqy-zenhei
}

# The models of models.sha256 in $PHOTOGATE_MODELS, checked; fetched from their public sources into
# the cache when that folder lacks them (scripts/fetch-models.sh).
ensure_models() {
  if ! (cd "$PHOTOGATE_MODELS" 2>/dev/null && sha256sum --quiet -c "$ROOT/models.sha256" >/dev/null 2>&1); then
    say "models missing or different in $PHOTOGATE_MODELS: fetching them into $PHOTOGATE_CACHE/models"
    bash "$ROOT/scripts/fetch-models.sh" "$PHOTOGATE_CACHE/models"
    export PHOTOGATE_MODELS="$PHOTOGATE_CACHE/models"
  fi
}

# cargo-fuzz, for the fuzz targets in fuzz/ (scripts/fuzz.sh), at a pinned version.
CARGO_FUZZ_VERSION=0.13.2
ensure_cargo_fuzz() {
  if [ "$(cargo-fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a minute or two, once)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$PHOTOGATE_CACHE/tools" --force
  fi
}
