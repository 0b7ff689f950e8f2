#!/usr/bin/env bash
# Builds the content folder CONTENT into OUT with the app from dist/ (run `make build`
# first): the app's files and the archive page's bundle copied, then the builder's pages.
# Shared by the scripts that build variants of the sample for the end-to-end tests
# (subpath-site.sh, provider-site.sh):
#   scripts/site-from-dist.sh CONTENT OUT
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
content=$1
out=$2
cargo build --quiet --release -p masthead-builder
mkdir -p "$out"
find dist -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) \
  -exec cp {} "$out/" \;
# The archive page (the bundle with the archive explorer), which the builder makes again.
mkdir -p "$out/archive"
cp dist/archive/index.html "$out/archive/index.html"
cp -r dist/images "$out/images"
"${CARGO_TARGET_DIR:-target}/release/masthead-build" site --content "$content" --dist "$out" >/dev/null
