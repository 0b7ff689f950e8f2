// Hostile strings for the end-to-end test that puts each one into every field a content
// author or a link controls (tests/e2e/hostile.spec.mjs, scripts/hostile-site.mjs), and
// for the builder's own tests (crates/builder/tests/hostile.rs), all read from
// payloads.json. If one ever runs it calls alert('PWNED'), logs PWNED or asks for an
// address containing "pwned": the end-to-end test watches for all three, for any request
// off this machine, and for CSP reports.
//
// text: script elements whole, split and in other contexts; event-handler attributes;
// attributes broken out of their quotes; script-like URLs written as text and as HTML
// links; SVG and MathML; other systems' templates; CSS; clobbering and odd characters.
// urls: addresses that must never become a live link or image: javascript:, data: and
// vbscript: in any case, with entities, whitespace and control characters, and
// protocol-relative and backslashed hosts.
import { readFileSync } from 'node:fs';

const { text, urls } = JSON.parse(readFileSync(new URL('./payloads.json', import.meta.url), 'utf8'));
export const TEXT_PAYLOADS = text;
export const URL_PAYLOADS = urls;
