#!/usr/bin/env bash
# Installs everything Masthead needs to build, serve and test, skipping what is already
# there. Safe to run any number of times. Downloads come only from the package registries
# (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# Rust: the toolchain and wasm32 target pinned in rust-toolchain.toml (rustup installs
# them on first use; this makes that happen now, visibly).
if ! command -v rustup >/dev/null; then
  echo "rustup is required: see https://rustup.rs" >&2
  exit 1
fi
rustup toolchain install >/dev/null 2>&1 || rustup show active-toolchain >/dev/null
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes 10-15 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file pins a crate version that is no longer served.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# cargo-fuzz, for the fuzz targets in fuzz/ (they need the nightly toolchain; without one
# `make fuzz-smoke` is skipped).
CARGO_FUZZ_VERSION=0.13.2
if rustup run nightly rustc --version >/dev/null 2>&1 &&
  [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi

# wasm-opt (npm package binaryen; Debian's binaryen 108 breaks the output) and Playwright.
if ! npm ls --silent >/dev/null 2>&1 || [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing node packages (binaryen, @playwright/test)"
  npm ci --no-audit --no-fund
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver from Debian"
  apt_install chromium chromium-driver
fi

# Real photographs for the end-to-end test of sized pictures and the photographs benchmark
# (tests/e2e/photos.spec.mjs, scripts/bench-photos.mjs): 2560×1600 JPEGs from Debian.
if [ ! -f /usr/share/wallpapers/Autumn/contents/images/2560x1600.jpg ]; then
  say "installing Debian's plasma-workspace-wallpapers (real photographs for the picture tests)"
  apt_install --no-install-recommends plasma-workspace-wallpapers
fi

say "tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -n1), $(chromium --version 2>/dev/null)"
