#!/usr/bin/env bash
# Scale of the section, tag and author pages: a generated publication of N posts (default
# 100,000, 2016-01 to 2026-06, seed 42: 5 sections, 40 tags, 200 authors) built by each
# builder given (default: this tree's), one after the other. Prints per builder: the build
# time, the files and megabytes written, the biggest page file of a section, tag or author
# and the biggest month file (raw and brotli), and the most JSON (brotli) one first view
# of a page fetches: site.json, latest.json and the archive index (every page preloads
# them) plus the page's own file (the front page's rows, a post, a page of a month or of a
# term).
#   scripts/bench-scale.sh [N] [BUILDER...]
# Work folder: ${BENCH_DIR:-/tmp/masthead-bench}; the generated input is kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
shift || true
work=${BENCH_DIR:-/tmp/masthead-bench}
mkdir -p "$work"
if [ "$#" -eq 0 ]; then
  cargo build --quiet --release -p masthead-builder
  set -- "${CARGO_TARGET_DIR:-target}/release/masthead-build"
fi
input="$work/scale-$n"
if [ ! -f "$input/.complete" ]; then
  rm -rf "$input"
  "$1" generate --posts "$n" --authors 200 --from 2016-01 --to 2026-06 --seed 42 --out "$input" >/dev/null
  touch "$input/.complete"
fi
echo "input: $n posts, $(ls "$input"/posts/*/*/ 2>/dev/null | grep -c '\.md$' || true) files"

# Brotli bytes of a file (quality 11, as the build's compress step).
brotli_size() {
  node -e "const z=require('zlib');const b=require('fs').readFileSync(process.argv[1]);console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)" "$1"
}

# Bytes of the biggest file matching a pattern under content/ (raw, brotli), with its name.
biggest() {
  local out=$1 pattern=$2
  find "$out/content" -path "$pattern" -name '*.json' -printf '%s %p\n' | sort -n | tail -1 | {
    read -r raw path || { echo "0 0 -"; return; }
    echo "$raw $(brotli_size "$path") ${path#"$out"/content/}"
  }
}

for bin in "$@"; do
  out="$work/scale-out"
  rm -rf "$out"
  mkdir -p "$out"
  cp index.html "$out/index.html"
  start=$EPOCHREALTIME
  "$bin" site --content "$input" --dist "$out" >/dev/null
  end=$EPOCHREALTIME
  files=$(find "$out" -type f | wc -l)
  mb=$(du -sm "$out" | cut -f1)
  br() { brotli_size "$out/content/$1"; }
  base=$(( $(br site.json) + $(br latest.json) + $(br archive/index.json) ))
  read -r term_raw term_br term_file < <(biggest "$out" "*/terms/*")
  read -r month_raw month_br month_file < <(biggest "$out" "*/archive/[0-9]*")
  read -r post_raw post_br post_file < <(biggest "$out" "*/posts/*")
  front_br=0
  if [ -f "$out/content/front.json" ]; then front_br=$(br front.json); fi
  echo
  echo "builder: $bin ($("$bin" --version 2>/dev/null || echo masthead-build))"
  printf '  build: %.1f s, %s files, %s MB\n' "$(awk "BEGIN { print $end - $start }")" "$files" "$mb"
  printf '  biggest term page file:  %8.1f KB raw %7.1f KB brotli  %s\n' "$(awk "BEGIN { print $term_raw / 1024 }")" "$(awk "BEGIN { print $term_br / 1024 }")" "$term_file"
  printf '  biggest month file:      %8.1f KB raw %7.1f KB brotli  %s\n' "$(awk "BEGIN { print $month_raw / 1024 }")" "$(awk "BEGIN { print $month_br / 1024 }")" "$month_file"
  printf '  biggest post file:       %8.1f KB raw %7.1f KB brotli  %s\n' "$(awk "BEGIN { print $post_raw / 1024 }")" "$(awk "BEGIN { print $post_br / 1024 }")" "$post_file"
  printf '  JSON a first view fetches (brotli): every page %.1f KB; the front page %.1f KB; most for a term page %.1f KB, a month %.1f KB, an article %.1f KB\n' \
    "$(awk "BEGIN { print $base / 1024 }")" "$(awk "BEGIN { print ($base + $front_br) / 1024 }")" \
    "$(awk "BEGIN { print ($base + $term_br) / 1024 }")" \
    "$(awk "BEGIN { print ($base + $month_br) / 1024 }")" "$(awk "BEGIN { print ($base + $post_br) / 1024 }")"
done
