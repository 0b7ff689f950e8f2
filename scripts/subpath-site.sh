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
content="$out-content"
rm -rf "$out" "$content"
cp -r content "$content"
sed -i -E "s|^base_url = \"([^\"]*)\"|base_url = \"\\1${base%/}\"|" "$content/site.toml"
grep -q "^base_url = \".*${base%/}\"" "$content/site.toml"
scripts/site-from-dist.sh "$content" "$out"
