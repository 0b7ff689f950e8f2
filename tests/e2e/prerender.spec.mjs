// Every page the builder writes is complete in its HTML (the app's own components,
// rendered natively), and the app takes it over without the reader seeing a change:
// without JavaScript, with the wasm blocked, and with everything on, for every route of
// the sample (the sitemap's pages, and a not-found address).
import { readFileSync } from 'node:fs';
import { test, expect, LEAD, takenOver, fault } from './helpers.mjs';

const sitemap = readFileSync('dist/sitemap.xml', 'utf8');
const ROUTES = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]*)<\/loc>/g)].map((m) => m[1] || '/');
// The archive page (its own bundle) and a not-found address.
ROUTES.push('/archive', '/no/such/page');

/** The page as a reader sees it: each element's tag and class, and its text, in order
 * (the text between two elements as one, however many text nodes hold it: the written
 * page leaves out the app's empty marker comments, which split the app's). */
function outline(selector) {
  const parts = [];
  let text = '';
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
    text = '';
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += child.textContent;
      } else if (child.nodeType === Node.ELEMENT_NODE && child.tagName !== 'NOSCRIPT') {
        // (A noscript's content is text to a parser with scripting on, elements to the app:
        // a reader with JavaScript sees neither.)
        flush();
        parts.push(`<${child.tagName.toLowerCase()}${child.className ? '.' + String(child.className).trim().replace(/\s+/g, '.') : ''}>`);
        // A closed details shows its summary alone (a written page carries the months of the
        // open year only; the app draws every year's, closed).
        const summary = child.tagName === 'DETAILS' && !child.open ? child.querySelector(':scope > summary') : null;
        if (summary) {
          parts.push('<summary>');
          walk(summary);
          flush();
          parts.push('>');
        } else {
          walk(child);
        }
        flush();
        parts.push('>');
      }
    }
  };
  const roots = [...document.querySelectorAll(selector)];
  roots.forEach(walk);
  flush();
  return parts.join(' ').replace(/ > /g, '>');
}

async function readsWhole(page, path) {
  const res = await page.goto(path);
  expect(res.status(), path).toBe(path.startsWith('/no/') ? 404 : 200);
  await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeAttached();
  // The sidebar and the footer are there on every page.
  await expect(page.getByRole('region', { name: 'Recent Posts' }).getByRole('link'), path).toHaveCount(5);
  await expect(page.locator('footer'), path).toBeVisible();
  // Every image has arrived.
  const broken = await page.locator('main img').evaluateAll((imgs) => imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
  expect(broken, path).toEqual([]);
}

for (const [what, options] of [
  ['without JavaScript', { javaScriptEnabled: false }],
  ['with the wasm blocked', {}],
]) {
  test.describe(what, () => {
    test.use(options);
    if (what.includes('wasm')) {
      test.beforeEach(async ({ page }) => {
        await page.route(/masthead-[0-9a-f]{12,16}(_bg\.wasm|\.js)$/, (route) => route.abort());
      });
      test.use({ allowedErrors: [/WebAssembly|wasm|Failed to fetch|dynamically imported module|Importing a module script failed/i] });
    }

    test(`every route reads completely (${ROUTES.length} pages)`, async ({ page }) => {
      test.setTimeout(120_000);
      for (const path of ROUTES) await readsWhole(page, path);
    });

    test('links are plain links: a reader browses from the front page to an article and a month', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: LEAD.title }).first().click();
      await expect(page).toHaveURL(new RegExp(`${LEAD.path}$`));
      await expect(page.getByRole('article').locator('.article__body p').first()).toBeVisible();
      // The newest year is open in the written page, as in the app.
      await page.getByRole('navigation', { name: 'Archives' }).getByRole('link', { name: 'June 2026' }).click();
      await expect(page.locator('.month__list article').first()).toBeVisible();
      // The form says why it cannot be sent here.
      // (In its noscript: Chromium with scripts disabled by DevTools still parses it as text.)
      expect(await page.content()).toContain('Signing up needs JavaScript');
    });
  });
}

/** Collects the page's layout shifts in `window.__shifts`, each as what moved, where from and to. */
async function watchShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    const what = (n) => (!n ? '(gone)' : n.nodeType === Node.TEXT_NODE ? JSON.stringify(n.textContent.trim().slice(0, 30)) : `<${n.nodeName.toLowerCase()}${n.className ? '.' + String(n.className).trim().split(/\s+/)[0] : ''}>`);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        const moved = (e.sources || []).map((s) => `${what(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`);
        window.__shifts.push(`${e.value.toFixed(5)} at ${Math.round(e.startTime)} ms: ${moved.join('; ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

test('the takeover changes nothing a reader can see: no layout shift, the same text and structure', async ({ page }) => {
  test.setTimeout(180_000);
  await watchShifts(page);
  const outlineFn = `(${outline.toString()})`;
  for (const path of ROUTES) {
    await page.goto(path, { waitUntil: 'commit' });
    // The written page, as soon as it is parsed.
    await page.waitForFunction(() => document.readyState !== 'loading');
    const written = await page.evaluate((f) => (0, eval)(f)('#app main, #app aside'), outlineFn);
    const stillWritten = await page.evaluate(() => !!document.getElementById('app'));
    await takenOver(page);
    const live = await page.evaluate((f) => (0, eval)(f)('main, aside'), outlineFn);
    if (stillWritten) expect(live, path).toBe(written);
    expect(await page.evaluate(() => window.__shifts), path).toEqual([]);
  }
});

test('a page that arrives in pieces is painted whole: nothing moves when the rest arrives', async ({ page, request }) => {
  // The author's page sent up to the sidebar's "2025" and, a second later, the rest: a
  // frame of the first piece would show the year without its count, which moves it.
  const path = '/author/sofia-lindqvist';
  await fault(request, path, 'stall', { at: '<span class="archive-list__count">(15)', delay: 1000 });
  await watchShifts(page);
  await page.goto(path, { waitUntil: 'commit' });
  await takenOver(page);
  await expect(page.getByRole('navigation', { name: 'Archives' })).toContainText('2025 (15)');
  expect(await page.evaluate(() => window.__shifts)).toEqual([]);
  // The first frame came with the whole page, not with its first piece.
  const painted = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
  expect(painted).toBeGreaterThanOrEqual(1000);
});

/** Opens the lead article with the wasm held back until `act` has run on the written page. */
async function beforeTakeover(page, act) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/masthead-[0-9a-f]{12,16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
  const done = await act();
  release();
  await takenOver(page);
  return done;
}

test('a typed address, the focus and the scroll position carry over the takeover', async ({ page }) => {
  const email = page.getByRole('complementary').getByLabel('Email address');
  await beforeTakeover(page, async () => {
    await email.fill('reader@example.com');
    await page.evaluate(() => window.scrollTo(0, 400));
  });
  await expect(email).toHaveValue('reader@example.com');
  await expect(email).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(400);
});

test('a text selection carries over the takeover', async ({ page }) => {
  const selected = await beforeTakeover(page, () =>
    page.evaluate(() => {
      const p = document.querySelector('.article__body p');
      const range = document.createRange();
      range.setStart(p.firstChild, 4);
      range.setEnd(p.firstChild, 40);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return getSelection().toString();
    }),
  );
  expect(selected.length).toBe(36);
  expect(await page.evaluate(() => getSelection().toString())).toBe(selected);
  expect(await page.evaluate(() => !!document.getElementById('app'))).toBe(false);
});

test('a button pressed before the takeover acts at once, and is not pressed again on the app page', async ({ page }) => {
  const theme = page.getByRole('button', { name: /^Theme:/ });
  await beforeTakeover(page, async () => {
    await expect(theme).toHaveText('Theme: System');
    // Twice: System, then Light, then Dark, on the written page (public/boot.js).
    await theme.click();
    await theme.click();
    await expect(theme).toHaveText('Theme: Dark');
  });
  await expect(theme).toHaveText('Theme: Dark');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await page.evaluate(() => localStorage.getItem('masthead.theme'))).toBe('dark');
});

test('a click pressed on the written page and released after the app is ready finishes there', async ({ page }) => {
  // The wasm waits until the pointer is down on a written link.
  let release;
  const pressed = new Promise((r) => (release = r));
  await page.route('**/*_bg.wasm', async (route) => {
    await pressed;
    await route.continue();
  });
  await page.goto('/');
  const link = page.locator('#app').getByRole('contentinfo').getByRole('link', { name: 'About' });
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  release();
  // Time for the app to start and draw the whole page: the written one stays while pressed.
  await page.waitForResponse('**/*_bg.wasm');
  await page.waitForTimeout(2000);
  await expect(page.locator('#app')).toHaveCount(1);
  await page.mouse.up();
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About');
  await takenOver(page);
});
