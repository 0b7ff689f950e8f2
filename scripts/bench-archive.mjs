// Browser benchmark of the archive explorer on a generated publication (default 100,000
// posts): keystroke-to-painted-results in headless Chromium, and the bytes each query
// downloads (raw, and as brotli would send them). Prints figures; asserts nothing.
//   node scripts/bench-archive.mjs [POSTS]        (run `make build` first)
// REUSE=1 keeps an earlier generated publication and only copies the app from dist/;
// PROSE=1 generates posts with prose bodies (whole-text search).
// The publication is written by scripts/generated-site.sh into target/bench-archive-N.
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const posts = Number(process.argv[2] || 100_000);
// DIR: another generated publication to use (e.g. bench-search's, whose posts have prose
// bodies: with REUSE=1 PROSE=1).
const dir = process.env.DIR || `target/bench-archive-${posts}`;
const port = 4190;
const base = `http://127.0.0.1:${port}`;
// Queries typed a key at a time, as a reader would.
const QUERIES = ['battery', 'oled review', 'chip makers', 'open source', 'priya', 'quiet laptop', 'streaming', 'regulators'];

if (process.env.REUSE && existsSync(`${dir}/content/archive/index.json`)) {
  // Same publication, the app from the latest build (the archive page too, which names
  // the explorer's bundle).
  for (const f of readdirSync('dist')) if (/\.(html|js|wasm|css)$/.test(f)) copyFileSync(`dist/${f}`, `${dir}/${f}`);
  copyFileSync('dist/archive/index.html', `${dir}/archive/index.html`);
  if (existsSync(`${dir}/feed.xml`)) {
    // A whole site (bench-search's): its pages name the app's files and carry their
    // first data, so they are written again for the latest app, and their precompressed
    // copies, now stale, go.
    const input = `target/generated/input-${posts}${process.env.PROSE ? '-prose' : ''}`;
    execFileSync('target/release/masthead-build', ['site', '--content', input, '--dist', dir], { stdio: 'ignore' });
    for (const d of [dir, `${dir}/archive`]) {
      for (const f of readdirSync(d)) if (/\.html\.(br|gz)$/.test(f)) rmSync(`${d}/${f}`);
    }
  }
} else {
  execFileSync('scripts/generated-site.sh', [String(posts), dir, '--json-only'], { stdio: 'inherit' });
}
const server = spawn('node', ['tests/server.mjs', '--port', String(port), '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const sizes = new Map();
function measure(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// In the page: the time from each keydown to the first frame painted after the results
// changed (a MutationObserver on <main>, then requestAnimationFrame and a message, which
// runs once that frame is drawn); and until every row of the page has its title.
const INSTRUMENT = () => {
  window.__paint = [];
  window.__full = [];
  window.__script = [];
  document.addEventListener(
    'keydown',
    () => {
      const t0 = performance.now();
      // A task queued now runs once the keystroke's scripts and their microtasks are done.
      setTimeout(() => window.__script.push(performance.now() - t0), 0);
      const main = document.querySelector('main');
      const afterPaint = (then) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => then(performance.now() - t0);
          ch.port2.postMessage(0);
        });
      let painted = false;
      const complete = () =>
        document.querySelectorAll('.archive__results > li').length > 0 &&
        document.querySelectorAll('.archive-item--loading').length === 0;
      const obs = new MutationObserver(() => {
        if (!painted) {
          painted = true;
          afterPaint((t) => window.__paint.push(t));
        }
        if (complete()) {
          obs.disconnect();
          afterPaint((t) => window.__full.push(t));
        }
      });
      obs.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => obs.disconnect(), 5000);
    },
    true,
  );
};

async function run(label, { warm }) {
  const page = await browser.newPage();
  const fetched = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/content/')) return;
    try {
      const body = await res.body();
      fetched.push({ path: url.pathname, ...measure(body) });
    } catch {}
  });
  await page.goto(`${base}/archive`);
  await page.locator('.archive__results > li a').first().waitFor();
  await page.evaluate(INSTRUMENT);
  const rows = [];
  for (const q of QUERIES) {
    const input = page.locator('#archive-q');
    if (warm) {
      // Type it once first, key by key, so every shard and list file is already here.
      await input.focus();
      for (const ch of q) {
        await page.keyboard.type(ch);
        await page.waitForTimeout(400);
      }
      await page.waitForTimeout(1000);
      await input.fill('');
      await page.waitForTimeout(500);
    }
    const before = fetched.length;
    await page.evaluate(() => {
      window.__paint = [];
      window.__full = [];
      window.__script = [];
    });
    await input.focus();
    for (const ch of q) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(2500);
    const { paint, full, script } = await page.evaluate(() => ({
      paint: window.__paint,
      full: window.__full,
      script: window.__script,
    }));
    const summary = await page.locator('.archive__summary').textContent();
    // The catalogue comes once, with the first filter of the visit: reported on its own.
    const files = fetched.slice(before).filter((f) => !f.path.endsWith('/catalogue.json'));
    const sum = (k) => files.reduce((a, f) => a + f[k], 0);
    rows.push({ q, summary, paint, full, script, files, raw: sum('raw'), br: sum('br'), gzip: sum('gzip') });
    await input.fill('');
    await page.waitForTimeout(400);
  }
  await page.close();
  console.log(`\n${label} (${posts.toLocaleString('en-GB')} posts)`);
  console.log(
    'query'.padEnd(14) +
      'results'.padEnd(26) +
      'script med ms'.padEnd(15) +
      'paint med/p90 ms'.padEnd(19) +
      'full med ms'.padEnd(13) +
      'files'.padEnd(7) +
      'raw KB'.padEnd(9) +
      'gzip KB'.padEnd(9) +
      'br KB',
  );
  const allPaint = [];
  const allScript = [];
  for (const r of rows) {
    allPaint.push(...r.paint);
    allScript.push(...r.script);
    console.log(
      r.q.padEnd(14) +
        r.summary.slice(0, 24).padEnd(26) +
        median(r.script).toFixed(1).padEnd(15) +
        `${median(r.paint).toFixed(1)} / ${pct(r.paint, 90).toFixed(1)}`.padEnd(19) +
        median(r.full).toFixed(1).padEnd(13) +
        String(r.files.length).padEnd(7) +
        (r.raw / 1024).toFixed(1).padEnd(9) +
        (r.gzip / 1024).toFixed(1).padEnd(9) +
        (r.br / 1024).toFixed(1),
    );
  }
  console.log(
    `all keystrokes: to painted median ${median(allPaint).toFixed(1)} ms, p90 ${pct(allPaint, 90).toFixed(1)} ms; ` +
      `script median ${median(allScript).toFixed(1)} ms`,
  );
  return { rows, fetched };
}

try {
  const cold = await run('Cold: files fetched as the query needs them', { warm: false });
  const catalogue = cold.fetched.find((f) => f.path.endsWith('/catalogue.json'));
  const index = cold.fetched.find((f) => f.path.endsWith('/archive/index.json'));
  for (const [name, f] of [
    ['archive/index.json', index],
    ['catalogue.json (once, on the first filter)', catalogue],
  ]) {
    if (f) console.log(`${name}: ${(f.raw / 1024).toFixed(1)} KB raw, ${(f.gzip / 1024).toFixed(1)} KB gzip, ${(f.br / 1024).toFixed(1)} KB brotli`);
  }
  await run('Warm: every file already fetched (refilter and paint only)', { warm: true });
} finally {
  await browser.close();
  server.kill();
}
