#!/usr/bin/env bash
# Benchmark of the builder: generates publications of 1,000, 10,000 and 100,000 posts
# (seed 42, 2016-01 to 2026-06) and times `masthead-build site` on each, with per-article
# pages made from the built index.html (dist/, after `make build`; the source index.html
# without it); then what the live preview does after a save (the `incremental` example: a
# full build with a memo, the build after one post's body changed, the build after nothing
# changed); then one story's title edited and `site` run again in a new process on the
# built folder (a CI job's publish). Prints, per size: the times, the files the
# incremental build wrote, the output's files and MB (precompressed copies aside), the
# median story page in KB, the full build's peak memory and the new process's files
# changed.
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

# The app's files, as `make build` left them, or the source template.
app() {
  local out=$1
  rm -rf "$out"
  mkdir -p "$out"
  if [ -f dist/index.html ]; then
    find dist -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) \
      -exec cp {} "$out/" \;
  else
    cp index.html "$out/index.html"
  fi
}

printf '%-8s %8s %9s %8s %12s %10s %9s %8s %9s %9s %10s %9s\n' posts "build s" "memo s" "incr. s" "no change s" written \
  files "MB" "story KB" "peak MB" "publish s" changed
for n in "${sizes[@]}"; do
  input="$work/input-$n"
  if [ ! -f "$input/.complete" ]; then
    rm -rf "$input"
    "$bin" generate --posts "$n" --from 2016-01 --to 2026-06 --seed 42 --out "$input" >/dev/null
    touch "$input/.complete"
  fi
  out="$work/out-$n"
  app "$out"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" site --content "$input" --dist "$out" --manifest "$work/changes" >/dev/null
  read -r elapsed peak_kb < "$work/time"
  files=$(find "$out" -type f ! -name '*.br' ! -name '*.gz' | wc -l)
  size=$(du -sm --exclude='*.br' --exclude='*.gz' "$out" | cut -f1)
  story=$(find "$out"/20* -mindepth 3 -maxdepth 3 -name index.html -printf '%s\n' | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1024 }')
  # One story's title edited, published by a new process on the built folder.
  post=$(find "$input/posts" -name '*.md' | sort | sed -n "$((n / 2))p")
  cp "$post" "$work/saved.md"
  sed -i '0,/^title = "/s//title = "Edited: /' "$post"
  start=$EPOCHREALTIME
  "$bin" site --content "$input" --dist "$out" --manifest "$work/changes" >/dev/null
  end=$EPOCHREALTIME
  cp "$work/saved.md" "$post"
  changed=$(wc -l < "$work/changes/upload.txt")
  publish=$(awk "BEGIN { print $end - $start }")
  app "$out"
  read -r _ full incremental unchanged written < <("$example" "$input" "$out")
  printf '%-8s %8.2f %9s %8s %12s %10s %9s %8s %9s %9d %10.2f %9s\n' "$n" "$elapsed" "$full" "$incremental" "$unchanged" \
    "$written" "$files" "$size" "$story" "$((peak_kb / 1024))" "$publish" "$changed"
  rm -rf "$out"
done
