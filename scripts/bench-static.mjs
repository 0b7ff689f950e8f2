// Masthead against a static site built from the same Markdown (Hugo + PaperMod, the peer in
// ../shared/peers/hugo), side by side: both served by tests/server.mjs the same way (brotli
// copies, no custom headers), each page pair opened alternately in headless Chromium
// throttled like a mid-range phone on slow 4G (4x CPU, 150 ms round trips, 1.6 Mbit/s down,
// 750 kbit/s up), with the cache off. Prints, per page and site, the medians of: first
// contentful paint, largest contentful paint (where it is an image: when the image was asked
// for and when it had arrived), the article body's last paragraph painted,
// total blocking time, cumulative layout shift and bytes over the wire; and Masthead/peer.
// Then the next article: from the open article, with a related story's link on screen
// for two seconds, the click to that story's last body paragraph painted (Masthead: a
// client-side navigation; the peer: a page load). Then Lighthouse 12 (mobile, its own
// throttling) on the article, the front page and the archive of each, once each.
//   node scripts/bench-static.mjs [RUNS]      (needs `make dist` first; builds the peer)
// NO_LIGHTHOUSE=1 leaves Lighthouse out (it is fetched with npx the first time).
// NEXT_ONLY=1 measures the next article alone (no page loads, no Lighthouse).
// PEER_DIR names the peer's folder (default ../shared/peers/hugo).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { launchOptions } from '../playwright.config.mjs';

const RUNS = Number(process.argv[2] || 5);
const root = resolve(new URL('..', import.meta.url).pathname);
const peerDir = resolve(root, process.env.PEER_DIR || '../shared/peers/hugo');
const [mPort, pPort] = [4191, 4192];
const peerOut = join(root, 'target/peer-dist');

if (!existsSync(join(root, 'dist/index.html'))) {
  console.error('dist/ not found: run `make dist` first');
  process.exit(2);
}
// The peer's converter reads TOML front matter only: the posts written in YAML are left
// out of its copy (the pages compared are in both).
const copy = mkdtempSync(join(tmpdir(), 'bench-static-'));
cpSync(join(root, 'content'), join(copy, 'content'), { recursive: true });
cpSync(join(root, 'public'), join(copy, 'public'), { recursive: true });
const left = [];
const prune = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) prune(path);
    else if (name.endsWith('.md') && !readFileSync(path, 'utf8').startsWith('+++')) {
      rmSync(path);
      left.push(name);
    }
  }
};
prune(join(copy, 'content/posts'));
console.log(`building the peer from ${peerDir} (${left.length} YAML post(s) left out of its copy: ${left.join(', ')}) ...`);
execFileSync('bash', [join(peerDir, 'build.sh'), copy, peerOut, `http://127.0.0.1:${pPort}/`], { stdio: 'inherit' });
rmSync(copy, { recursive: true, force: true });
execFileSync('cargo', ['run', '--release', '--quiet', '-p', 'masthead-builder', '--', 'compress', '--dist', peerOut], { stdio: 'inherit', cwd: root });

const serve = (dir, port) =>
  spawn('node', [join(root, 'tests/server.mjs'), '--port', String(port), '--dir', dir, '--host', 'github'], { stdio: 'ignore' });
const servers = [serve(join(root, 'dist'), mPort), serve(peerOut, pPort)];
await new Promise((r) => setTimeout(r, 800));

const latest = JSON.parse(readFileSync(join(root, 'dist/content/latest.json'), 'utf8'));
const lead = latest.posts[0];
const articlePath = `/${lead.published.slice(0, 4)}/${lead.published.slice(5, 7)}/${lead.slug}/`;
const PAGES = [
  ['article', articlePath, { masthead: 'main .article__body > p', peer: '.post-content > p' }],
  ['front page', '/', { masthead: 'main article.lead', peer: 'main article' }],
];

// Collected in the page from its first moment: paints, shifts, long tasks, and when the
// last element matching the page's selector was first on screen (at the frame after it
// appears with a size, which is when it is painted).
function observe(selector) {
  window.__m = { shifts: 0, long: [], lcp: 0, lcpUrl: '', fcp: 0, last: 0, takeover: 0 };
  const m = window.__m;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'first-contentful-paint' && (m.fcp = e.startTime))).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => ((m.lcp = e.startTime), (m.lcpUrl = e.url || '')))).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (m.shifts += e.value))).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => m.long.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  const poll = () => {
    const all = document.querySelectorAll(selector);
    const el = all[all.length - 1];
    if (el && el.getBoundingClientRect().height > 0 && el.textContent.trim()) {
      requestAnimationFrame(() => (m.last = performance.now()));
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  // Masthead: when the app has taken the written page's place (the swap in src/takeover.rs),
  // which is when its buttons and client-side links work. A page with no written app (the
  // peer's) stops polling once it has loaded, so it does no work for this in its frames.
  const took = () => {
    if (!document.getElementById('app') && document.querySelector('.app')) m.takeover = performance.now();
    else if (document.readyState === 'loading' || document.getElementById('app')) requestAnimationFrame(took);
  };
  requestAnimationFrame(took);
}

async function throttled(browser) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page, cdp };
}

async function measure(browser, site, path, selector) {
  const { context, page, cdp } = await throttled(browser);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.addInitScript(observe, selector);
  const port = site === 'masthead' ? mPort : pPort;
  await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__m.last > 0, null, { timeout: 60_000 });
  if (site === 'masthead') await page.waitForFunction(() => window.__m.takeover > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(site === 'masthead' ? 3000 : 1500);
  const m = await page.evaluate(() => window.__m);
  // When the app's wasm had arrived (Masthead), from the resource timing.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => /_bg\.wasm$/.test(e.name))?.responseEnd || 0);
  // When the largest paint is an image: when it was asked for and when its last byte was
  // here (an image that arrives during the first frame's layout is painted a frame later).
  const image = await page.evaluate((url) => {
    const e = url && performance.getEntriesByName(url, 'resource')[0];
    return e ? [e.startTime, e.responseEnd] : [NaN, NaN];
  }, m.lcpUrl);
  const tbt = m.long.filter(([start]) => start >= m.fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  await context.close();
  return { fcp: m.fcp, lcp: m.lcp, body: m.last, tbt, cls: m.shifts, kb: bytes / 1024, wasm, takeover: m.takeover, asked: image[0], arrived: image[1] };
}

// When (epoch ms) the story titled `title` has its last body paragraph painted: polled
// each frame from the page's first moment (a new page for the peer, the same page for
// Masthead, which swaps the article in place).
function watchFor([title, selector]) {
  const poll = () => {
    const h1 = document.querySelector('h1');
    const all = document.querySelectorAll(selector);
    const el = all[all.length - 1];
    if (h1 && h1.textContent.includes(title) && el && el.getBoundingClientRect().height > 0) {
      requestAnimationFrame(() => sessionStorage.setItem('painted', String(performance.timeOrigin + performance.now())));
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** From the open lead article to the next (`next`: {path, title}), click to body painted. */
async function nextArticle(browser, site, selector, next) {
  const { context, page } = await throttled(browser);
  const port = site === 'masthead' ? mPort : pPort;
  await page.goto(`http://127.0.0.1:${port}${articlePath}`, { waitUntil: 'load' });
  if (site === 'masthead') await page.waitForFunction(() => !document.getElementById('app'), null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // The peer's article has no related stories: a link to the same story is put where
  // Masthead's related stories are, after the body.
  const link = await page.evaluate(([site, href]) => {
    let a = site === 'masthead' ? document.querySelector(`.related a[href="${href.replace(/\/$/, '')}"]`) : null;
    if (!a) {
      a = document.createElement('a');
      a.href = href;
      a.textContent = 'Next story';
      a.id = 'bench-next';
      (document.querySelector('main article, main') || document.body).append(a);
    }
    a.scrollIntoView({ block: 'center' });
    return a.id === 'bench-next' ? '#bench-next' : `.related a[href="${href.replace(/\/$/, '')}"]`;
  }, [site, next.path]);
  await page.waitForTimeout(2000);
  await page.evaluate(() => {
    sessionStorage.removeItem('painted');
    // The moment of the click, in the page (the peer's next page reads it back).
    addEventListener('click', () => sessionStorage.setItem('clicked', String(performance.timeOrigin + performance.now())), { capture: true });
  });
  await page.evaluate(watchFor, [next.title, selector]);
  await page.addInitScript(watchFor, [next.title, selector]);
  await page.locator(link).first().click({ noWaitAfter: true });
  await page.waitForFunction(() => sessionStorage.getItem('painted'), null, { timeout: 60_000 });
  const t = await page.evaluate(() => Number(sessionStorage.getItem('painted')) - Number(sessionStorage.getItem('clicked')));
  await context.close();
  return t;
}

function lighthouse(url) {
  const out = execFileSync(
    'npx',
    ['--yes', 'lighthouse@12.2.3', url, '--quiet', '--output=json', '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu'],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 256 * 1024 * 1024, cwd: tmpdir() },
  );
  const report = JSON.parse(out.toString());
  const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100);
  const audit = (a) => report.audits[a]?.numericValue ?? NaN;
  return {
    performance: score('performance'), accessibility: score('accessibility'),
    'best-practices': score('best-practices'), seo: score('seo'),
    lcp: audit('largest-contentful-paint'), si: audit('speed-index'),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await chromium.launch(launchOptions);
try {
  for (const [name, path, selectors] of process.env.NEXT_ONLY ? [] : PAGES) {
    const runs = { masthead: [], peer: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternating, and which site goes first alternates too.
      const order = i % 2 ? ['peer', 'masthead'] : ['masthead', 'peer'];
      for (const site of order) runs[site].push(await measure(browser, site, path, selectors[site]));
    }
    console.log(`\n${name} (${path}), medians of ${RUNS} alternating runs, 4x CPU, 150 ms RTT, 1.6 Mbit/s`);
    console.log(`${'metric'.padEnd(28)}${'Masthead'.padStart(10)}${'peer'.padStart(10)}${'ratio'.padStart(8)}`);
    // The fourth field: no ratio (a moment of the load, not a figure to beat).
    for (const [key, label, digits, noRatio] of [
      ['fcp', 'first contentful paint ms', 0],
      ['lcp', 'largest contentful paint ms', 0],
      ['asked', '  its image asked for ms', 0, true],
      ['arrived', '  its image arrived ms', 0, true],
      ['body', name === 'article' ? 'last body paragraph ms' : 'lead story painted ms', 0],
      ['tbt', 'total blocking time ms', 0],
      ['cls', 'cumulative layout shift', 3],
      ['kb', 'KB over the wire', 1],
    ]) {
      // A figure a run does not have (no image as its largest paint) is left out; none: '-'.
      const of = (site) => median(runs[site].map((r) => r[key]).filter(Number.isFinite));
      const [a, b] = [of('masthead'), of('peer')];
      const shown = (v) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
      const ratio = b > 0 && Number.isFinite(a) && !noRatio ? (a / b).toFixed(2) : '-';
      console.log(`${label.padEnd(28)}${shown(a).padStart(10)}${shown(b).padStart(10)}${String(ratio).padStart(8)}`);
    }
    // Masthead only: when its wasm had arrived and when the app had taken over (the page
    // is interactive: buttons and client-side links), and the time between the two (what
    // the takeover costs once the wasm is here: start, render, swap).
    const wasm = median(runs.masthead.map((r) => r.wasm));
    const takeover = median(runs.masthead.map((r) => r.takeover));
    const after = median(runs.masthead.map((r) => r.takeover - r.wasm));
    for (const [label, v] of [['wasm arrived ms', wasm], ['app took over ms', takeover], ['  of which after the wasm', after]]) {
      console.log(`${label.padEnd(28)}${v.toFixed(0).padStart(10)}${'-'.padStart(10)}${'-'.padStart(8)}`);
    }
  }
  // The next article: the lead's first related story (in both sites).
  const leadPost = JSON.parse(readFileSync(join(root, `dist/content/posts/${lead.slug}.json`), 'utf8'));
  const nextPost = (leadPost.related || []).find((p) => p.slug !== lead.slug) || latest.posts[1];
  const next = {
    path: `/${nextPost.published.slice(0, 4)}/${nextPost.published.slice(5, 7)}/${nextPost.slug}/`,
    title: nextPost.title,
  };
  const runs = { masthead: [], peer: [] };
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? ['peer', 'masthead'] : ['masthead', 'peer'];
    for (const site of order) runs[site].push(await nextArticle(browser, site, PAGES[0][2][site], next));
  }
  const [a, b] = [median(runs.masthead), median(runs.peer)];
  console.log(`\nnext article (${articlePath} -> ${next.path}), the link on screen 2 s, then clicked; medians of ${RUNS}`);
  console.log(`${'click to body painted ms'.padEnd(28)}${a.toFixed(0).padStart(10)}${b.toFixed(0).padStart(10)}${(a / b).toFixed(2).padStart(8)}`);
  console.log(`  (Masthead runs: ${runs.masthead.map((x) => x.toFixed(0)).join(', ')}; peer: ${runs.peer.map((x) => x.toFixed(0)).join(', ')})`);

  if (!process.env.NO_LIGHTHOUSE && !process.env.NEXT_ONLY) {
    console.log('\nLighthouse 12.2.3, mobile (its own throttling), one run each');
    const keys = ['performance', 'accessibility', 'best-practices', 'seo', 'lcp', 'si'];
    console.log(`${'page'.padEnd(14)}${'site'.padEnd(10)}${keys.map((k) => k.padStart(15)).join('')}`);
    for (const [name, mPath, pPath] of [['article', articlePath, articlePath], ['front page', '/', '/'], ['archive', '/archive', '/archives/']]) {
      for (const [site, port, path] of [['Masthead', mPort, mPath], ['peer', pPort, pPath]]) {
        const r = lighthouse(`http://127.0.0.1:${port}${path}`);
        console.log(`${name.padEnd(14)}${site.padEnd(10)}${keys.map((k) => (k === 'lcp' || k === 'si' ? `${r[k].toFixed(0)} ms` : String(r[k])).padStart(15)).join('')}`);
      }
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.kill());
}
