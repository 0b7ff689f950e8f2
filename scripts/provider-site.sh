#!/usr/bin/env bash
# The sample publication with another newsletter provider, with the app from dist/ (run
# `make build` first), for the end-to-end tests of signing up before the app has taken the
# page over:
#   scripts/provider-site.sh OUT form|mailchimp|buttondown|kit
# The form back end is the local signup endpoint (playwright.config.mjs starts it); the
# others are the providers' own addresses, which the tests answer in the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
kind=$2
case "$kind" in
  form) settings='endpoint = "http://127.0.0.1:8787/subscribe"' ;;
  mailchimp) settings='action = "https://thecircuit.us1.list-manage.com/subscribe/post?u=5a1b2c&id=9f8e7d"' ;;
  buttondown) settings='username = "thecircuit"' ;;
  kit) settings=$'form_id = "4815162"\napi_key = "public-test-key"' ;;
  *) echo "provider-site.sh: unknown provider kind '$kind' (form, mailchimp, buttondown or kit)" >&2; exit 2 ;;
esac
# The content beside the project's public/ (where the builder finds the pictures' sizes).
work="$out-work"
content="$work/content"
rm -rf "$out" "$work"
mkdir -p "$work"
cp -r content "$content"
ln -s "$PWD/public" "$work/public"
# The provider is the last table of the sample's site.toml: replaced whole.
sed -i '/^\[newsletter.provider\]/,$d' "$content/site.toml"
printf '[newsletter.provider]\nkind = "%s"\n%s\n' "$kind" "$settings" >>"$content/site.toml"
scripts/site-from-dist.sh "$content" "$out"
