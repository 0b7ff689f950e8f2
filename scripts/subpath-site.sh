#!/usr/bin/env bash
# The sample publication built to be served under a folder (default /news/), with the app
# from dist/ (run `make build` first), for the end-to-end tests of sub-path hosting:
#   scripts/subpath-site.sh OUT [/news/]
# The folder comes from the one option that sets it, `base_url` in site.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
out=$1
base=${2:-/news/}
cargo build --quiet --release -p masthead-builder
content="$out-content"
rm -rf "$out" "$content"
mkdir -p "$out"
cp -r content "$content"
sed -i -E "s|^base_url = \"([^\"]*)\"|base_url = \"\\1${base%/}\"|" "$content/site.toml"
grep -q "^base_url = \".*${base%/}\"" "$content/site.toml"
find dist -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' \) \
  -exec cp {} "$out/" \;
# The archive page (the bundle with the archive explorer), which the builder makes again.
mkdir -p "$out/archive"
cp dist/archive/index.html "$out/archive/index.html"
cp -r dist/images "$out/images"
"${CARGO_TARGET_DIR:-target}/release/masthead-build" site --content "$content" --dist "$out" >/dev/null
