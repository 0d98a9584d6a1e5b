#!/usr/bin/env bash
# Coverage-guided fuzzing with cargo fuzz (libFuzzer) of inspect, check (with the models) and autocrop.
#
#   bash scripts/fuzz.sh smoke               # all three, 60 s in all, fresh corpora (npm test runs this)
#   bash scripts/fuzz.sh run TARGET SECONDS  # a long run; its corpus grows in fuzz/corpus/TARGET
#   bash scripts/fuzz.sh seeds               # only (re)make the seed corpora in fuzz/seeds/
#
# Stable Rust, no sanitizer (`-s none`): the only toolchain a machine here can have is stable, and
# AddressSanitizer needs nightly's -Z flags. Our crate forbids unsafe code; what libFuzzer finds here
# is panics, arithmetic overflow in our code, runaway memory and time. A crash leaves its input in
# fuzz/artifacts/TARGET/ and fails the run; `cargo fuzz run -s none --no-trace-compares TARGET FILE`
# (with CARGO_TARGET_DIR as below) replays it.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
ensure_cargo_fuzz
ensure_models
# Its own target folder: the instrumented build never invalidates the ordinary one.
export CARGO_TARGET_DIR="$PHOTOGATE_CACHE/fuzz-target"
# Debug assertions and overflow checks in our own crates only (fuzz/Cargo.toml's profile), and no
# comparison tracing: instrumenting tract's inner loops with either made a run of `check` 7 times slower.
FLAGS=(--release --sanitizer none --no-trace-compares)

make_seeds() {
  say "making the seed corpora (fuzz/seedgen)"
  # The photos' folder is named at run time: the seed generator's own default is the folder it was
  # built in, and a build cached from another clone (CI's) would look for the photos there.
  PHOTOGATE_SHARED="${PHOTOGATE_SHARED:-$ROOT/../shared}" \
    cargo run --quiet --release --manifest-path fuzz/seedgen/Cargo.toml -- "$ROOT/fuzz/seeds"
}

# run TARGET SECONDS CORPUS: prints "fuzz TARGET: N execs in S s (R/s), C in corpus" at the end.
run() {
  local target=$1 seconds=$2 corpus=$3 log
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  log="$(mktemp)"
  say "fuzzing $target for $seconds s"
  if ! cargo fuzz run "${FLAGS[@]}" "$target" "$corpus" "fuzz/seeds/$target" -- \
      -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$ROOT/fuzz/artifacts/$target/" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz $target: CRASH (input in fuzz/artifacts/$target/)" >&2
    rm -f "$log"
    return 1
  fi
  local execs rate
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")
  rate=$(awk '/stat::average_exec_per_sec/ {print $NF}' "$log")
  echo "fuzz $target: ${execs:-?} execs in $seconds s (${rate:-?}/s), $(ls "$corpus" | wc -l) inputs in corpus, no crash"
  rm -f "$log"
}

case "${1:-smoke}" in
  seeds) make_seeds ;;
  smoke)
    make_seeds
    say "building the fuzz targets (instrumented, release with debug assertions)"
    cargo fuzz build "${FLAGS[@]}"
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    run inspect 15 "$scratch/inspect"
    run check 25 "$scratch/check"
    run autocrop 20 "$scratch/autocrop"
    ;;
  run)
    [ $# -eq 3 ] || { echo "usage: $0 run inspect|check|autocrop SECONDS" >&2; exit 2; }
    make_seeds
    run "$2" "$3" "fuzz/corpus/$2"
    ;;
  *) echo "usage: $0 smoke | run TARGET SECONDS | seeds" >&2; exit 2 ;;
esac
