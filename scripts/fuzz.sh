#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets) for SECONDS each, one after another:
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Each target starts from its committed seeds (fuzz/seeds/<target>) and the corpus grown by
# earlier runs (target/fuzz-corpus/<target>, not committed). A crash stops the run, prints
# the input's path under fuzz/artifacts/ and exits non-zero; keep the input as a
# regression test where the bug is fixed. Needs the nightly toolchain and cargo-fuzz
# (scripts/setup.sh installs cargo-fuzz when nightly is there). FUZZ_SANITIZER picks cargo
# fuzz's sanitizer (default address; none builds without one).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
seconds=${1:-600}
shift || true
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain on this machine; cargo fuzz needs one (rustup toolchain install nightly)" >&2
  exit 1
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd fuzz && cargo +nightly fuzz list)
fi
sanitizer=${FUZZ_SANITIZER:-address}
(cd fuzz && cargo +nightly fuzz build -O -s "$sanitizer" >/dev/null)
for t in "${targets[@]}"; do
  mkdir -p "target/fuzz-corpus/$t"
  echo "fuzz: $t for ${seconds}s"
  log="target/fuzz-corpus/$t.log"
  status=0
  (cd fuzz && cargo +nightly fuzz run -O -s "$sanitizer" "$t" "../target/fuzz-corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1) >"$log" 2>&1 ||
    status=$?
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|ERROR|SUMMARY|panicked|Test unit written" "$log" || true
  if [ "$status" -ne 0 ]; then
    grep -A3 panicked "$log" >&2 || true
    echo "fuzz: $t FAILED (the input is under fuzz/artifacts/$t; full log $log)" >&2
    exit 1
  fi
done
