#!/usr/bin/env bash
# Runs one README command as a new machine would: a fresh clone of HEAD in a throwaway folder beside
# ../shared, an empty build cache, and without the wasm32 target, node_modules/, pkg/ or Debian's
# chromium. The command must install all of these itself.
#
#   bash scripts/fresh-machine.sh test    # .ci/run (npm test), as CI runs it
#   bash scripts/fresh-machine.sh start   # npm start alone, until the page, package, wasm and models are served
#
# Machine-wide: it removes the wasm32-unknown-unknown target and, for `test`, the chromium and
# fonts-wqy-zenhei packages (the command under test puts them back). Your own clone and ~/.cache/photogate are left alone;
# only committed work is tried. FRESH_KEEP=1 keeps the throwaway folder (its cache/ can then be reused).
set -euo pipefail
mode="${1:-test}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "${PHOTOGATE_SHARED:-$ROOT/../shared}" && pwd)"
say() { printf '\033[1m[fresh] %s\033[0m\n' "$*" >&2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/photogate-fresh.XXXXXX")"
[ "${FRESH_KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$ROOT" "$tmp/main"
ln -s "$SHARED" "$tmp/shared"
say "clone of $(git -C "$ROOT" rev-parse --short HEAD) in $tmp/main, ../shared -> $SHARED"

say "removing what a new machine lacks"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target remove wasm32-unknown-unknown
fi
# npm start never uses Chromium (or avifenc, which makes a test photo): only the test run has them
# removed (and so a test run elsewhere on the machine keeps its browser while a start run is tried).
browser_packages=(chromium fonts-wqy-zenhei libavif-bin)
[ "$mode" = test ] || browser_packages=()
for p in "${browser_packages[@]}"; do
  if dpkg-query -W "$p" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get purge -y -qq "$p" >/dev/null; else sudo apt-get purge -y -qq "$p" >/dev/null; fi
  fi
done
[ "$mode" != test ] || [ ! -e /usr/bin/chromium ] || { say "/usr/bin/chromium is still there"; exit 1; }
# A new, empty cache and no settings of this shell that a new machine would not have.
unset CARGO_TARGET_DIR PHOTOGATE_MODELS PHOTOGATE_CLI PHOTOGATE_SHARED
export PHOTOGATE_CACHE="$tmp/cache"
export CI=true
start=$(date +%s)

case "$mode" in
  test)
    say "running .ci/run (npm test)"
    (cd "$tmp/main" && bash .ci/run </dev/null)
    ;;
  start)
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    say "running npm start on port $port"
    (cd "$tmp/main" && PORT=$port exec setsid npm start </dev/null) &
    server=$!
    stop() { kill -- -"$server" 2>/dev/null || kill "$server" 2>/dev/null || true; }
    trap 'stop; [ "${FRESH_KEEP:-0}" = 1 ] || rm -rf "$tmp"' EXIT
    served=0
    for _ in $(seq 1 3600); do
      if ! kill -0 "$server" 2>/dev/null; then say "npm start ended before serving the page"; exit 1; fi
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/pkg/photogate_wasm_bg.wasm" 2>/dev/null; then served=1; break; fi
      sleep 1
    done
    [ "$served" = 1 ] || { say "nothing served after an hour"; exit 1; }
    for path in / /app.js /pkg/index.js /pkg/photogate_wasm.js /pkg/photogate_wasm_bg.wasm \
      $(awk '{print "/pkg/models/" $2}' "$tmp/main/models.sha256"); do
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
      [ "$code" = 200 ] || { say "GET $path answered $code"; exit 1; }
      say "GET $path 200"
    done
    ;;
  *) echo "usage: $0 test|start" >&2; exit 2 ;;
esac
say "npm $mode on a fresh machine: passed in $(( $(date +%s) - start )) s"
