// Masthead against a static site built from the same Markdown (Hugo + PaperMod, the peer in
// ../shared/peers/hugo), side by side: both served by tests/server.mjs the same way (brotli
// copies, no custom headers), each page pair opened alternately in headless Chromium
// throttled like a mid-range phone on slow 4G (4x CPU, 150 ms round trips, 1.6 Mbit/s down,
// 750 kbit/s up), with the cache off. Prints, per page and site, the medians of: first
// contentful paint, largest contentful paint, the article body's last paragraph painted,
// total blocking time, cumulative layout shift and bytes over the wire; and Masthead/peer.
//   node scripts/bench-static.mjs [RUNS]      (needs `make dist` first; builds the peer)
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
  window.__m = { shifts: 0, long: [], lcp: 0, fcp: 0, last: 0 };
  const m = window.__m;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === 'first-contentful-paint' && (m.fcp = e.startTime))).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => (m.lcp = e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
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
}

async function measure(browser, site, path, selector) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.addInitScript(observe, selector);
  const port = site === 'masthead' ? mPort : pPort;
  await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__m.last > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(site === 'masthead' ? 3000 : 1500);
  const m = await page.evaluate(() => window.__m);
  const tbt = m.long.filter(([start]) => start >= m.fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  await context.close();
  return { fcp: m.fcp, lcp: m.lcp, body: m.last, tbt, cls: m.shifts, kb: bytes / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await chromium.launch(launchOptions);
try {
  for (const [name, path, selectors] of PAGES) {
    const runs = { masthead: [], peer: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternating, and which site goes first alternates too.
      const order = i % 2 ? ['peer', 'masthead'] : ['masthead', 'peer'];
      for (const site of order) runs[site].push(await measure(browser, site, path, selectors[site]));
    }
    console.log(`\n${name} (${path}), medians of ${RUNS} alternating runs, 4x CPU, 150 ms RTT, 1.6 Mbit/s`);
    console.log(`${'metric'.padEnd(28)}${'Masthead'.padStart(10)}${'peer'.padStart(10)}${'ratio'.padStart(8)}`);
    for (const [key, label, digits] of [
      ['fcp', 'first contentful paint ms', 0],
      ['lcp', 'largest contentful paint ms', 0],
      ['body', name === 'article' ? 'last body paragraph ms' : 'lead story painted ms', 0],
      ['tbt', 'total blocking time ms', 0],
      ['cls', 'cumulative layout shift', 3],
      ['kb', 'KB over the wire', 1],
    ]) {
      const a = median(runs.masthead.map((r) => r[key]));
      const b = median(runs.peer.map((r) => r[key]));
      const ratio = b > 0 ? (a / b).toFixed(2) : '-';
      console.log(`${label.padEnd(28)}${a.toFixed(digits).padStart(10)}${b.toFixed(digits).padStart(10)}${String(ratio).padStart(8)}`);
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.kill());
}
