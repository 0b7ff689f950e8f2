// Prints what a reader downloads for the first view of the front page, of an article and
// of the archive page: the page's HTML and every file it loads (scripts, the module and
// wasm it preloads, stylesheets, the JSON it preloads), raw, gzip and brotli, in two parts:
// what the page needs to be read (its HTML, with the theme script inlined, and the
// stylesheets: every page is complete HTML) and what the app's takeover downloads after
// the page is painted (the loader, the wasm, the JSON it reads).
//   node scripts/size.mjs [dist]
// Exits non-zero when an article's readable page or its takeover exceeds its limit (brotli).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const GOAL_KB = 150;
// The takeover: the reader's wasm and what it fetches, which loads after the page is
// painted. 250 until the header's section nav (0.6 KB); 251 until the year pages (2.1 KB),
// author profiles (0.7 KB), the story before and after in its section, the header's
// search, Subscribe and logo, and empty sections (6.7 KB brotli in all, measured); 262
// until the signup answers were matched without Unicode's case tables (5.8 KB brotli).
const LIMIT_KB = 258;
// Readable: 1.5 times the 11 KB a Hugo + PaperMod article page of the same post takes
// (measured in issue 18's comparison).
const READABLE_LIMIT_KB = 16.5;
// What a page needs before it can be read; everything else is the app's.
// The page (with its part of the stylesheets inline), any stylesheet in its head and the
// image it preloads (the story's own, beside its text).
const readable = (file) => /\.(html|css|svg|png|jpe?g|webp|avif|gif)$/.test(file);
// The site's whole stylesheet, linked after the page's end (<!--styles-->): it blocks no
// paint of the page, and is the same cached file for every page after the first; the app
// and the next pages use it. Printed apart, in neither part.
const shared = new Set();

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist}/index.html not found: run \`make build\` first`);
  process.exit(2);
}

// The same-site files a page asks for before it shows anything: <script src>, stylesheets,
// modulepreload and preload links. The JSON the app fetches on start is preloaded by the
// page (site, latest, archive index, and the article's own file on its page).
const loadedBy = (page) => {
  const html = readFileSync(join(dist, page), 'utf8');
  const refs = [];
  const tail = html.slice(html.indexOf('<!--styles-->') >>> 0);
  for (const m of tail.matchAll(/<link rel="stylesheet" href="\/([^"]+)">/g)) shared.add(m[1]);
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) || []) {
    const attr = (name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
    const rel = attr('rel') || '';
    const url = tag.startsWith('<script') ? attr('src') : /stylesheet|preload|modulepreload/.test(rel) ? attr('href') : null;
    if (url && url.startsWith('/') && !url.startsWith('//')) refs.push(url.slice(1));
  }
  // The loader and the wasm the app's start script imports (after the first paint).
  for (const m of html.matchAll(/(?:import\(|from |module_or_path: )'(\/[^'\/][^']*)'/g)) refs.push(m[1].slice(1));
  return [page, ...new Set(refs)];
};

const latest = JSON.parse(readFileSync(join(dist, 'content/latest.json'), 'utf8'));
const lead = latest.posts[0];
const month = lead.published.slice(0, 7).replace('-', '/');
const views = {
  'front page': loadedBy('index.html'),
  // An article's first view starts from its own page, which the builder wrote.
  [`article (${lead.slug})`]: loadedBy(`${month}/${lead.slug}/index.html`),
};
if (existsSync(join(dist, 'archive/index.html'))) views['archive page'] = loadedBy('archive/index.html');

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const measure = (path) => {
  const raw = readFileSync(path);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

let failed = false;
for (const [name, list] of Object.entries(views)) {
  console.log(`\nFirst view: ${name}`);
  console.log(`${'file'.padEnd(48)}${'raw KB'.padStart(8)}${'gzip KB'.padStart(9)}${'br KB'.padStart(8)}`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const first = { raw: 0, gzip: 0, brotli: 0 };
  const after = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of list) {
    const path = join(dist, file);
    if (!existsSync(path)) {
      console.error(`${file} is loaded by the page but is not in ${dist}`);
      failed = true;
      continue;
    }
    const m = measure(path);
    if (shared.has(file)) {
      for (const k of Object.keys(after)) after[k] += m[k];
      console.log(`${(file + ' (after the page)').padEnd(48)}${kb(m.raw)} ${kb(m.gzip)}${kb(m.brotli)}`);
      continue;
    }
    for (const k of Object.keys(total)) total[k] += m[k];
    if (readable(file)) for (const k of Object.keys(first)) first[k] += m[k];
    console.log(`${file.padEnd(48)}${kb(m.raw)} ${kb(m.gzip)}${kb(m.brotli)}`);
  }
  console.log(`${'total'.padEnd(48)}${kb(total.raw)} ${kb(total.gzip)}${kb(total.brotli)}`);
  const gated = name.startsWith('article');
  const read = first.brotli / 1024;
  const app = (total.brotli - first.brotli) / 1024;
  console.log(`${'  readable (HTML, CSS, image)'.padEnd(48)}${kb(first.raw)} ${kb(first.gzip)}${kb(first.brotli)}`);
  console.log(`${'  the takeover (loader, wasm, JSON)'.padEnd(48)}${kb(total.raw - first.raw)} ${kb(total.gzip - first.gzip)}${kb(total.brotli - first.brotli)}`);
  console.log(`${'  the whole stylesheet, after the page (cached)'.padEnd(48)}${kb(after.raw)} ${kb(after.gzip)}${kb(after.brotli)}`);
  const over = (value, limit) => (gated ? `OVER THE ${limit} KB LIMIT` : `over ${limit} KB (the limit holds for an article)`);
  console.log(`readable ${read.toFixed(1)} KB brotli: ${read <= READABLE_LIMIT_KB ? `within ${READABLE_LIMIT_KB} KB` : over(read, READABLE_LIMIT_KB)}`);
  const verdict = app <= GOAL_KB ? `within the ${GOAL_KB} KB goal` : app <= LIMIT_KB ? `over the ${GOAL_KB} KB goal` : over(app, LIMIT_KB);
  console.log(`takeover ${app.toFixed(1)} KB brotli: ${verdict}`);
  if (gated && (app > LIMIT_KB || read > READABLE_LIMIT_KB)) failed = true;
}
process.exit(failed ? 1 : 0);
