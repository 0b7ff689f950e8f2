#!/usr/bin/env bash
# The WordPress importer at 10,000 and 100,000 generated posts: a synthetic WXR export of
# each size (masthead-build generate-wxr), imported into a fresh folder; prints each step's
# time and the process's peak memory (the streaming passes, then the build's check of the
# imported folder, which loads every post as a build does).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p masthead-builder
bin=target/release/masthead-build
work=target/bench-import
rm -rf "$work"
mkdir -p "$work"
for n in ${BENCH_SIZES:-10000 100000}; do
  "$bin" generate-wxr --posts "$n" --out "$work/$n.xml"
  echo "== $n posts"
  "$bin" import wordpress "$work/$n.xml" --out "$work/$n" | grep -E '^posts:|ms|peak'
  rm -rf "$work/$n" "$work/$n.xml"
done
