#!/usr/bin/env bash
# Benchmark of the builder: generates publications of 1,000, 10,000 and 100,000 posts
# (seed 42, 2016-01 to 2026-06) and times `masthead-build site` on each, with per-article
# pages made from index.html; then what the live preview does after a save (the
# `incremental` example: a full build with a memo, the build after one post's body
# changed, the build after nothing changed). Prints the times, the files written by the
# incremental build, the number of files and the output size.
#   scripts/bench-build.sh [SIZES...]      (default: 1000 10000 100000)
# Work folder: ${BENCH_DIR:-/tmp/masthead-bench}; generated input is kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
work=${BENCH_DIR:-/tmp/masthead-bench}
mkdir -p "$work"
cargo build --quiet --release -p masthead-builder --example incremental
example="${CARGO_TARGET_DIR:-target}/release/examples/incremental"
bin="${CARGO_TARGET_DIR:-target}/release/masthead-build"

printf '%-8s %10s %12s %14s %14s %10s %10s %12s\n' posts "build s" "memo full s" "incremental s" "no change s" written files "output MB"
for n in "${sizes[@]}"; do
  input="$work/input-$n"
  if [ ! -f "$input/.complete" ]; then
    rm -rf "$input"
    "$bin" generate --posts "$n" --from 2016-01 --to 2026-06 --seed 42 --out "$input" >/dev/null
    touch "$input/.complete"
  fi
  out="$work/out-$n"
  rm -rf "$out"
  mkdir -p "$out"
  cp index.html "$out/index.html"
  start=$EPOCHREALTIME
  "$bin" site --content "$input" --dist "$out" >/dev/null
  end=$EPOCHREALTIME
  files=$(find "$out" -type f | wc -l)
  size=$(du -sm "$out" | cut -f1)
  rm -rf "$out"
  mkdir -p "$out"
  cp index.html "$out/index.html"
  read -r _ full incremental unchanged written < <("$example" "$input" "$out")
  printf '%-8s %10.2f %12s %14s %14s %10s %10s %12s\n' "$n" "$(awk "BEGIN { print $end - $start }")" \
    "$full" "$incremental" "$unchanged" "$written" "$files" "$size"
  rm -rf "$out"
done
