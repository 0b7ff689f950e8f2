# The two commands a newcomer needs:
#   make serve   install what is missing, build, and serve the site on http://127.0.0.1:8080,
#                with the local newsletter signup endpoint on http://127.0.0.1:8787
#   make test    install what is missing and run every test
SHELL := /bin/bash
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: fuzz fuzz-smoke lint serve test setup content build dist test-native test-web test-e2e test-serve size bench-build bench-scale bench-preview bench-archive bench-static bench-photos bench-import bench-search clean

# The live preview (crates/builder/src/serve): builds the app once with trunk, then serves
# it with the content rebuilt on every save and shown in the open tab; runs the signup
# endpoint in the same process. Ctrl-C stops both. Its files go to $(CARGO_TARGET_DIR or
# target)/serve, never to dist/.
serve: setup
	cargo run --release --locked -p masthead-builder -- serve

# Each step in turn, with the time it took (scripts/steps.sh).
test: setup
	@scripts/steps.sh lint test-native fuzz-smoke test-web dist size test-e2e test-serve

setup:
	@scripts/setup.sh

# Markdown in content/ -> everything the site serves, into dist/ (trunk runs this after each build).
content:
	cargo run --release --quiet -p masthead-builder -- site --content content --dist dist

# Two bundles: the archive page's, with the archive explorer, then the reader's without it
# (what every other first view downloads); the second build's hook puts the first beside it
# as archive/index.html.
build: setup
	MASTHEAD_APP_ONLY=1 trunk build --release --features explorer --dist target/explorer-dist
	MASTHEAD_EXPLORER=target/explorer-dist trunk build --release

# What to upload to a static host: the release build, with x.br and x.gz beside each text
# file and the wasm (see "Deploying" in the README).
dist: build
	cargo run --release --quiet -p masthead-builder -- compress --dist dist

# Clippy, with unwrap, expect and indexing that can panic denied in the app and the model
# (the attributes at the top of src/lib.rs, src/main.rs and crates/model/src/lib.rs).
lint:
	cargo fmt --all --check
	cargo clippy --locked -p masthead-model --all-targets -- -D warnings
	cargo clippy --locked -p masthead-builder --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown -p masthead --lib --bins
	cargo clippy --locked --target wasm32-unknown-unknown -p masthead --features explorer --lib --bins
	@# The fuzz targets are a workspace of their own (nightly): checked here, so a change of
	@# the model's API cannot break them unseen until fuzz-smoke.
	@if rustup run nightly rustc --version >/dev/null 2>&1; then \
		cargo +nightly check --locked --quiet --manifest-path fuzz/Cargo.toml --bins; \
	else echo "lint: fuzz targets not checked: no nightly toolchain on this machine"; fi

# Every fuzz target for FUZZ_SECONDS each (default 10 minutes); see scripts/fuzz.sh.
FUZZ_SECONDS ?= 600
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

# Each fuzz target for 30 seconds, so a regression is caught (with AddressSanitizer: a build
# without it, FUZZ_SANITIZER=none, took CI as long, 695 s for the step against 5 to 10
# minutes of build before). cargo fuzz needs the nightly toolchain; a machine without one
# says so and skips this step.
fuzz-smoke:
	@if rustup run nightly rustc --version >/dev/null 2>&1; then scripts/fuzz.sh 30; \
	else echo "fuzz-smoke: SKIPPED: no nightly toolchain on this machine"; fi

test-native:
	cargo test --locked -p masthead-model -p masthead-builder

# Component tests in headless Chromium through wasm-bindgen-test-runner (see .cargo/config.toml).
test-web:
	CHROMEDRIVER=$$(command -v chromedriver) cargo test --locked --target wasm32-unknown-unknown -p masthead --test web

test-e2e:
	npx playwright test

# `make serve` as the README gives it, driven in Chromium like an editor uses it (it needs
# ports 8080 and 8787, which the other end-to-end tests also use, so it runs on its own).
test-serve:
	npx playwright test --config playwright.serve.config.mjs

# What a reader downloads for the first view of an article, and what each story costs the
# output of a generated publication of 2,000 posts (needs `make dist` first).
size:
	node scripts/size.mjs dist
	node scripts/budget.mjs 2000

# Builder benchmark: full and incremental builds at 1,000, 10,000 and 100,000 generated
# posts (prints a table).
bench-build:
	scripts/bench-build.sh

# Sections, tags and authors at 100,000 generated posts (200 authors): build time, output,
# the biggest term and month files and the most JSON one first view fetches.
bench-scale:
	scripts/bench-scale.sh 100000

# The live preview: time from saving a post to the change on screen, ten saves (needs the
# tools installed; starts `make serve` itself).
bench-preview:
	node scripts/bench-preview.mjs

# Masthead against Hugo + PaperMod built from the same posts (../shared/peers/hugo), page
# pairs alternately in throttled headless Chromium; prints medians and ratios (needs
# `make dist` first).
bench-static:
	node scripts/bench-static.mjs 5

# Real photographs (Debian's wallpapers) on the six newest stories, Masthead against Hugo +
# PaperMod with responsive images, alternately in throttled headless Chromium at 412 and
# 1280 px: LCP, CLS, bytes and image bytes, medians and ratios; encoding time cold and warm
# (needs `make dist` first). The encoders' settings, bytes and SSIM per width:
# cargo run --release -p masthead-builder --example picture_quality -- PHOTO.jpg ...
bench-photos:
	node scripts/bench-photos.mjs 5

# Archive explorer in the browser at 100,000 generated posts (needs `make build` first).
bench-archive:
	node scripts/bench-archive.mjs 100000

# The WordPress importer at 10,000 and 100,000 generated posts: time and peak memory.
bench-import:
	scripts/bench-import.sh

# Whole-text search against Pagefind on the same 10,000 generated posts with prose bodies:
# index time and size, bytes per query, known-item first and top-5 share; see
# scripts/bench-search.mjs (needs `make build` first). Keystroke to paint on the same corpus:
# PROSE=1 node scripts/bench-archive.mjs 10000.
bench-search:
	node scripts/bench-search.mjs 10000 200

clean:
	rm -rf dist test-results
