// Prints what a reader downloads for the first view of the front page, of an article and
// of the archive page: the page's HTML and every file it loads (scripts, the module and
// wasm it preloads, stylesheets, the JSON it preloads), raw, gzip and brotli.
//   node scripts/size.mjs [dist]
// Exits non-zero when an article's first view exceeds the hard limit (brotli).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const GOAL_KB = 150;
const LIMIT_KB = 250;

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
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) || []) {
    const attr = (name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1];
    const rel = attr('rel') || '';
    const url = tag.startsWith('<script') ? attr('src') : /stylesheet|preload|modulepreload/.test(rel) ? attr('href') : null;
    if (url && url.startsWith('/') && !url.startsWith('//')) refs.push(url.slice(1));
  }
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
  for (const file of list) {
    const path = join(dist, file);
    if (!existsSync(path)) {
      console.error(`${file} is loaded by the page but is not in ${dist}`);
      failed = true;
      continue;
    }
    const m = measure(path);
    for (const k of Object.keys(total)) total[k] += m[k];
    console.log(`${file.padEnd(48)}${kb(m.raw)} ${kb(m.gzip)}${kb(m.brotli)}`);
  }
  console.log(`${'total'.padEnd(48)}${kb(total.raw)} ${kb(total.gzip)}${kb(total.brotli)}`);
  const br = total.brotli / 1024;
  const gated = name.startsWith('article');
  const verdict =
    br <= GOAL_KB
      ? `within the ${GOAL_KB} KB goal`
      : br <= LIMIT_KB
        ? `over the ${GOAL_KB} KB goal`
        : gated
          ? `OVER THE ${LIMIT_KB} KB LIMIT`
          : `over ${LIMIT_KB} KB (the limit holds for an article's first view)`;
  console.log(`brotli total ${br.toFixed(1)} KB: ${verdict}`);
  if (gated && br > LIMIT_KB) failed = true;
}
process.exit(failed ? 1 : 0);
