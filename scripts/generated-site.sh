#!/usr/bin/env bash
# A generated publication served with the app from dist/ (run `make build` first), for the
# end-to-end paging tests and the archive browser benchmark:
#   scripts/generated-site.sh POSTS OUT [--json-only]
# --json-only writes the JSON contract alone (no feeds, no per-article pages), which is
# all the archive needs. PROSE=1 gives the posts bodies of about 600 words of language-like
# prose (generate --prose) instead of a few sentences. Generated input is kept in
# ${GEN_DIR:-target/generated}.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
posts=$1
out=$2
mode=${3:-}
cargo build --quiet --release -p masthead-builder
bin="${CARGO_TARGET_DIR:-target}/release/masthead-build"
prose=()
suffix=
if [ -n "${PROSE:-}" ]; then prose=(--prose); suffix=-prose; fi
input="${GEN_DIR:-target/generated}/input-$posts$suffix"
if [ ! -f "$input/.complete" ]; then
  rm -rf "$input"
  "$bin" generate --posts "$posts" --from 2016-01 --to 2026-06 --seed 42 "${prose[@]}" --out "$input" >/dev/null
  touch "$input/.complete"
fi
rm -rf "$out"
mkdir -p "$out"
find dist -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) \
  -exec cp {} "$out/" \;
# The archive page (the bundle with the archive explorer), which the builder makes again.
mkdir -p "$out/archive"
cp dist/archive/index.html "$out/archive/index.html"
if [ "$mode" = --json-only ]; then
  # No pages are made: every path gets the archive page's bundle, which has every route.
  cp dist/archive/index.html "$out/index.html"
  "$bin" json --content "$input" --out "$out/content" >/dev/null
else
  "$bin" site --content "$input" --dist "$out" >/dev/null
fi
