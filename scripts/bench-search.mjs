// Whole-text search against Pagefind on the same corpus: a generated publication with
// prose bodies (generate --prose, about 600 words a post), built by Masthead as a full site,
// whose article pages Pagefind (the npm package, pinned in package.json) then indexes.
// Prints figures; asserts nothing.
//   node scripts/bench-search.mjs [POSTS] [QUERIES]     (run `make build` first)
// Defaults: 10,000 posts, 200 known-item queries. REUSE=1 keeps an earlier corpus and
// index when they are there; QUERIES_ONLY=1 writes the queries (known-items.json) and
// stops. NO_PAGEFIND=1 measures Masthead alone (at 100,000 posts
// Pagefind is killed for memory on a 23 GB machine).
//
// Reported, for both, in headless Chromium over tests/server.mjs (which sends the
// precompressed .br beside each file, as a CDN does):
// - index build time and size on disk (Masthead: the whole JSON build, search included;
//   Pagefind: its indexing of the built pages);
// - bytes one query downloads, cold (a fresh browser profile each): every data file of the
//   search (Masthead: content/archive/*; Pagefind: pagefind-entry.json, pf_meta, pf_index,
//   pf_fragment for the ten results on screen), apart from the code;
// - known-item search: QUERIES passages of 3 to 6 consecutive words from a random post's
//   body; the share of queries whose post comes first, and in the first five.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { launchOptions } from '../playwright.config.mjs';

const posts = Number(process.argv[2] || 10_000);
const count = Number(process.argv[3] || 200);
// Cold runs (a new profile each) for the bytes: this many of the queries, in turn.
const coldCount = Math.min(count, Number(process.env.COLD || 40));
const dir = `target/bench-search-${posts}`;
const input = `target/generated/input-${posts}-prose`;
const bin = 'target/release/masthead-build';
const port = 4191;
const base = `http://127.0.0.1:${port}`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const max = (xs) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
const kb = (n) => (n / 1024).toFixed(1);
const seconds = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
};
// The size on disk of a folder's files, and of their .br copies where there are some.
const sizes = (root) => {
  const out = { bytes: 0, files: 0, br: 0 };
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else if (p.endsWith('.br')) out.br += st.size;
    else if (!p.endsWith('.gz')) {
      out.bytes += st.size;
      out.files += 1;
    }
  };
  walk(root);
  return out;
};

// --- The corpus and both indexes -------------------------------------------------------
// Each step records itself in timings.json; with REUSE=1 the steps already done are kept.
const stepsFile = `${dir}/timings.json`;
let timings = process.env.REUSE && existsSync(stepsFile) ? JSON.parse(readFileSync(stepsFile, 'utf8')) : {};
const step = (name, f) => {
  if (timings[name] !== undefined || process.env.QUERIES_ONLY) return;
  timings[name] = f();
  writeFileSync(stepsFile, JSON.stringify(timings));
};
if (!process.env.REUSE || !existsSync(stepsFile)) {
  // Pagefind reads the article pages; Masthead alone needs only the JSON.
  const mode = process.env.NO_PAGEFIND ? ['--json-only'] : [];
  execFileSync('scripts/generated-site.sh', [String(posts), dir, ...mode], { stdio: 'inherit', env: { ...process.env, PROSE: '1' } });
  writeFileSync(stepsFile, '{}');
}
// Masthead's index: the JSON build alone, timed on its own (the site build above also
// wrote the pages Pagefind reads).
step('masthead', () => {
  rmSync('target/bench-search-json', { recursive: true, force: true });
  const t = seconds(() => execFileSync(bin, ['json', '--content', input, '--out', 'target/bench-search-json'], { stdio: 'ignore' }));
  rmSync('target/bench-search-json', { recursive: true, force: true });
  return t;
});
// Precompressed copies of what the two searches fetch (compressing every page of a large
// publication would take longer than building it): the search's folder, the archive page
// and the files beside it. Pagefind writes its own files gzipped.
step('compressed', () => {
  execFileSync(bin, ['compress', '--dist', `${dir}/content/archive`], { stdio: 'ignore' });
  execFileSync(bin, ['compress', '--dist', `${dir}/archive`], { stdio: 'ignore' });
  for (const d of [dir, `${dir}/content`]) {
    for (const f of readdirSync(d)) {
      if (!/\.(html|js|wasm|css|json|svg)$/.test(f) || !statSync(join(d, f)).isFile()) continue;
      writeFileSync(join(d, `${f}.br`), brotliCompressSync(readFileSync(join(d, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
  return true;
});
// Pagefind on the article pages (the builder writes each at YYYY/MM/slug/index.html),
// reading the article element as its content. Should it fail (at 100,000 pages it is
// killed for memory on a 23 GB machine), that is reported and Masthead is measured alone.
step('pagefind', () => {
  if (process.env.NO_PAGEFIND) return { failed: 'not run (NO_PAGEFIND=1)' };
  const t = process.hrtime.bigint();
  try {
    execFileSync(
      'node_modules/.bin/pagefind',
      ['--site', dir, '--glob', '20[0-9][0-9]/[0-9][0-9]/*/index.html', '--root-selector', 'article.article', '--output-subdir', 'pagefind'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    return { failed: `${e.signal || `exit ${e.status}`} after ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(0)} s ${String(e.stderr || '').trim().slice(-300)}` };
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
});
const pagefindFailed = timings.pagefind && timings.pagefind.failed;
if (pagefindFailed) console.log(`Pagefind on ${posts} pages: ${pagefindFailed}`);
// Pagefind as a page uses it: its own script, search(), then data() for the results shown.
// The script is a file of its own: the site's Content-Security-Policy allows no inline one.
writeFileSync(
  `${dir}/pagefind-bench.js`,
  `window.run = async (q, shown) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const t0 = performance.now();
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, shown).map((r) => r.data()));
  return { ms: performance.now() - t0, total: found.results.length, urls: data.map((d) => d.url) };
};
window.ready = true;
`,
);
writeFileSync(
  `${dir}/pagefind-bench.html`,
  '<!doctype html><meta charset="utf-8"><title>Pagefind</title><script type="module" src="/pagefind-bench.js"></script>',
);

// --- Known-item queries ----------------------------------------------------------------
// A seeded generator, so both systems (and every run) get the same queries.
let seed = 20261204;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const files = [];
const walk = (p) => {
  for (const f of readdirSync(p).sort()) {
    const q = join(p, f);
    if (statSync(q).isDirectory()) walk(q);
    else if (f.endsWith('.md')) files.push(q);
  }
};
walk(join(input, 'posts'));
const queries = [];
while (queries.length < count) {
  const file = files[Math.floor(random() * files.length)];
  const text = readFileSync(file, 'utf8');
  const m = /^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/.exec(text);
  if (!m) continue;
  const published = /published = (\d{4})-(\d{2})/.exec(m[1]);
  const slug = /slug = "([^"]+)"/.exec(m[1]);
  if (!published || !slug) continue;
  // Paragraphs of prose only: no headings, quotes, lists, tables, code or figures.
  const paragraphs = m[2].split('\n').filter((l) => /^\p{L}/u.test(l));
  if (!paragraphs.length) continue;
  const words = paragraphs[Math.floor(random() * paragraphs.length)]
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}'’-]/gu, '').toLowerCase())
    .filter((w) => /\p{L}/u.test(w));
  const n = 3 + Math.floor(random() * 4);
  if (words.length < n) continue;
  const start = Math.floor(random() * (words.length - n + 1));
  queries.push({ q: words.slice(start, start + n).join(' '), url: `/${published[1]}/${published[2]}/${slug[1]}` });
}
// The same queries for the native harness (cargo run --example known_item -- DIR), which
// ranks them without a browser. QUERIES_ONLY=1 stops here.
writeFileSync(`${dir}/known-items.json`, JSON.stringify(queries));
if (process.env.QUERIES_ONLY) process.exit(0);
const norm = (u) => new URL(u, base).pathname.replace(/index\.html$/, '').replace(/\/$/, '');
// Where the post at `url` comes in a search's results, from 1 (Infinity: not listed).
const rankOf = (r, url) => {
  const i = r.urls.map(norm).indexOf(url);
  return i < 0 ? Infinity : i + 1;
};

// --- In the browser --------------------------------------------------------------------
const server = spawn('node', ['tests/server.mjs', '--port', String(port), '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch(launchOptions);

// Counts each response's bytes as sent (the .br when there is one) and whether the
// network has gone quiet.
function watch(page, isData) {
  const state = { data: 0, code: 0, files: 0, inflight: 0, last: Date.now() };
  page.on('request', () => {
    state.inflight += 1;
    state.last = Date.now();
  });
  const done = () => {
    state.inflight -= 1;
    state.last = Date.now();
  };
  page.on('requestfailed', done);
  page.on('requestfinished', async (req) => {
    try {
      const path = new URL(req.url()).pathname;
      const { responseBodySize } = await req.sizes();
      if (isData(path)) {
        state.data += responseBodySize;
        state.files += 1;
      } else state.code += responseBodySize;
    } catch {}
    done();
  });
  state.quiet = async (ms = 300) => {
    while (state.inflight > 0 || Date.now() - state.last < ms) await new Promise((r) => setTimeout(r, 50));
  };
  return state;
}

const masthead = {
  name: 'Masthead',
  isData: (p) => p.startsWith('/content/archive/'),
  async search(page, q) {
    const t0 = Date.now();
    await page.goto(`${base}/archive?q=${encodeURIComponent(q)}`);
    await page.locator('#app').waitFor({ state: 'detached' });
    try {
      await page.waitForFunction(() => {
        const s = document.querySelector('.archive__summary')?.textContent || '';
        return s && !s.startsWith('Loading') && !document.querySelector('.archive-item--loading');
      });
    } catch (e) {
      const summary = await page.locator('.archive__summary').textContent().catch(() => null);
      throw new Error(`Masthead on "${q}": ${summary}; ${await page.locator('main').innerText().catch(() => '')}`.slice(0, 800));
    }
    const ms = Date.now() - t0;
    const urls = await page.locator('.archive-item__title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    return { ms, urls };
  },
};
const pagefind = {
  name: 'Pagefind',
  isData: (p) => p.startsWith('/pagefind/') && !/\.(js|wasm)$|wasm\.[a-z-]+\.pagefind$/.test(p),
  async search(page, q) {
    const t0 = Date.now();
    await page.goto(`${base}/pagefind-bench.html`);
    await page.waitForFunction(() => window.ready);
    const r = await page.evaluate((q) => window.run(q, 10), q);
    return { ms: Date.now() - t0, inPage: r.ms, urls: r.urls };
  },
};

const results = {};
try {
  for (const sys of [masthead, pagefind]) {
    results[sys.name] = { ranks: [], bytes: [], files: [], code: [], ms: [], inPage: [], phraseBytes: [], phraseRanks: [] };
  }
  const systems = pagefindFailed ? [masthead] : [masthead, pagefind];
  // One query in a fresh profile: what it fetched, and the result.
  const cold = async (sys, q) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const state = watch(page, sys.isData);
    const r = await sys.search(page, q);
    await state.quiet();
    await context.close();
    return { state, r };
  };
  // Cold, the two systems alternating: the passages, then the same in quotes, as phrases
  // (Masthead fetches the positions of the phrase's words too).
  for (let i = 0; i < coldCount; i++) {
    for (const sys of i % 2 ? [...systems].reverse() : systems) {
      const { state, r } = await cold(sys, queries[i].q);
      const out = results[sys.name];
      out.bytes.push(state.data);
      out.files.push(state.files);
      out.code.push(state.code);
      out.ms.push(r.ms);
    }
  }
  for (let i = 0; i < coldCount; i++) {
    for (const sys of i % 2 ? [...systems].reverse() : systems) {
      const { state, r } = await cold(sys, `"${queries[i].q}"`);
      results[sys.name].phraseBytes.push(state.data);
      results[sys.name].phraseRanks.push(rankOf(r, queries[i].url));
    }
  }
  // Quality: every query, one warm profile per system.
  for (const sys of systems) {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const { q, url } of queries) {
      const r = await sys.search(page, q);
      results[sys.name].ranks.push(rankOf(r, url));
      if (r.inPage !== undefined) results[sys.name].inPage.push(r.inPage);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

// --- Report ----------------------------------------------------------------------------
// The folders the search alone needs: the word shards (s…) and the texts excerpts are cut
// from (t…); the list files (x…) serve the filters as well.
const mhSearch = { bytes: 0, files: 0, br: 0 };
for (const f of readdirSync(`${dir}/content/archive`)) {
  if (/^[st][0-9a-f]+$/.test(f)) {
    const d = sizes(join(`${dir}/content/archive`, f));
    for (const k of Object.keys(mhSearch)) mhSearch[k] += d[k];
  }
}
const pf = pagefindFailed ? { bytes: NaN, files: NaN } : sizes(`${dir}/pagefind`);
const m = results.Masthead;
const p = results.Pagefind;
const share = (ranks, k) => (ranks.length ? `${((100 * ranks.filter((r) => r <= k).length) / ranks.length).toFixed(1)}%` : '-');
const row = (label, a, b, ratio = '') => console.log(label.padEnd(52) + String(a).padEnd(20) + String(b).padEnd(20) + ratio);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(`\nWhole-text search, ${posts.toLocaleString('en-GB')} generated posts (prose bodies), ${count} known-item queries, ${coldCount} cold`);
row('', 'Masthead', 'Pagefind 1.6.0', 'Masthead / Pagefind');
row(
  'index build, s',
  timings.masthead.toFixed(1) + ' (whole JSON)',
  pagefindFailed ? 'not measured' : timings.pagefind.toFixed(1),
  pagefindFailed ? '' : ratio(timings.masthead, timings.pagefind),
);
const mb = (n) => (n / 1048576).toFixed(1);
row('index files on disk, count', mhSearch.files, pf.files);
row('index on disk, MB (Pagefind\'s files are gzipped)', `${mb(mhSearch.bytes)} raw, ${mb(mhSearch.br)} br`, mb(pf.bytes), ratio(mhSearch.br, pf.bytes) + ' (br)');
row('data per query, cold, median KB (as sent)', kb(median(m.bytes)), kb(median(p.bytes)), ratio(median(m.bytes), median(p.bytes)));
row('data per query, cold, worst KB', kb(max(m.bytes)), kb(max(p.bytes)), ratio(max(m.bytes), max(p.bytes)));
row('data files per query, cold, median', median(m.files), median(p.files));
row('code, KB as sent (once a visit)', kb(median(m.code)), kb(median(p.code)), '');
row('open to results, cold, median ms', median(m.ms), median(p.ms), ratio(median(m.ms), median(p.ms)));
row('Pagefind search() + data() of ten, warm, median ms', 'bench-archive', median(p.inPage).toFixed(1));
row('phrase in quotes, data per query, cold, median KB', kb(median(m.phraseBytes)), kb(median(p.phraseBytes)), ratio(median(m.phraseBytes), median(p.phraseBytes)));
row('phrase in quotes, data per query, cold, worst KB', kb(max(m.phraseBytes)), kb(max(p.phraseBytes)), ratio(max(m.phraseBytes), max(p.phraseBytes)));
row(`phrase in quotes, known item first (${coldCount})`, share(m.phraseRanks, 1), share(p.phraseRanks, 1));
row('known item first', share(m.ranks, 1), share(p.ranks, 1));
row('known item in the first five', share(m.ranks, 5), share(p.ranks, 5));
row('known item in the first ten', share(m.ranks, 10), share(p.ranks, 10));
console.log(
  '\nMasthead\'s code is the archive page\'s whole app (the page, its wasm, CSS); Pagefind\'s is its\n' +
    'pagefind.js and wasm on a bare page with no other UI. "Open to results" runs from navigation to\n' +
    'the ten results with their excerpts in the page (Masthead: painted; Pagefind: data() returned).',
);
