// Hostile content and addresses: every payload of tests/hostile/payloads.mjs in every
// field an author controls (built by scripts/hostile-site.mjs from Markdown and TOML, as
// an author would write them) and in the address bar. Each must show as the text it is
// and run nothing: the test fails on a dialog, a PWNED console message, a request for a
// "pwned" address or off this machine, a CSP violation (helpers.mjs), or any live markup
// (event-handler attributes, script-like addresses, script-capable elements) in the app.
import { test, expect } from './helpers.mjs';
import { TEXT_PAYLOADS, URL_PAYLOADS } from '../hostile/payloads.mjs';
import { watch as watchFor } from '../hostile/watch.mjs';
import { hostilePort } from '../../playwright.config.mjs';

const SITE = `http://127.0.0.1:${hostilePort}`;
const payloads = [...new Set(TEXT_PAYLOADS)];
const articlePath = (i) => `/2025/${String(Math.floor(i / 28) + 1).padStart(2, '0')}/hostile-${String(i).padStart(3, '0')}`;

// Pages the test itself opens may carry a payload in their address; nothing else may.
const watch = (page) => watchFor(page, { opened: (path) => /^\/(archive|no-such)\b/.test(path) });

/** Anything in the app that could run: what a payload would have become had it got through. */
function liveMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    // The app's markup, or the written page's before the takeover (not the page's own links).
    const root = document.querySelector('.app') || document.getElementById('app') || document.body;
    for (const el of root.querySelectorAll('script, iframe, object, embed, style, base, meta, link, svg, math, template, xmp, plaintext, marquee, video, audio, frame, frameset')) {
      found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value}`);
        // Every address in this site is a site path or an anchor; styles carry no URLs.
        const value = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        const address = /^(href|src|action|formaction|xlink:href|data|srcdoc|poster|background)$/i.test(a.name);
        if (address && !(value.startsWith('#') || /^\/(?![/\\])/.test(value))) found.push(`${el.tagName} ${a.name}=${a.value}`);
        if (a.name === 'style' && /url\(|expression|@import/.test(value)) found.push(`${el.tagName} style=${a.value}`);
      }
    }
    return found;
  });
}

test.describe.configure({ mode: 'serial' });

for (const [from, to] of [[0, 36], [36, 72], [72, payloads.length]]) {
  test(`article pages ${from}–${to - 1}: every field shows its payload as text`, async ({ page }) => {
    test.setTimeout(180_000);
    const seen = watch(page);
    for (let i = from; i < to; i++) {
      const n = String(i).padStart(3, '0');
      const p = payloads[i];
      await page.goto(`${SITE}${articlePath(i)}`);
      const article = page.locator('article.article');
      await expect(article.locator('h1')).toHaveText(`${n} ${p}`.trim());
      await expect(article.locator('.article__standfirst')).toHaveText(`Standfirst ${n}: ${p}`.trim());
      await expect(article.locator('.article__byline')).toContainText(`Author ${n}`);
      if (i > 0) {
        // (The first post's image address is one of the crafted ones: no image at all.)
        await expect(article.locator('figcaption').first()).toContainText(`Caption ${n}`);
        expect(await article.locator('img').first().getAttribute('alt')).toContain(`Alt ${n}`);
      }
      await expect(article.locator('.article__body h2').first()).toBeVisible();
      expect(await liveMarkup(page), `${articlePath(i)}: ${p}`).toEqual([]);
    }
    expect(seen).toEqual([]);
  });
}

test('lists, month pages and the sidebar show payload titles, categories and tags as text', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await page.goto(`${SITE}/`);
  await expect(page.locator('article.lead h2')).toBeVisible();
  // The front page's rows are headed by the payload section names.
  await expect(page.locator('section.front-row h2').first()).toBeVisible();
  expect(await liveMarkup(page)).toEqual([]);
  for (const month of ['01', '02', '03', '04']) {
    await page.goto(`${SITE}/2025/${month}`);
    await expect(page.locator('.month__list article').first()).toBeVisible();
    expect(await liveMarkup(page), month).toEqual([]);
  }
  // Each section's page shows its payload description as text (site.toml's [[categories]]
  // description).
  for (let i = 0; i < 5; i++) {
    await page.goto(`${SITE}/category/c${i}`);
    const about = `About ${i} ${Array.from(payloads[i]).slice(0, 200).join('')}`.split(/\s+/).join(' ').trim();
    await expect(page.locator('main .term__description')).toHaveText(about);
    expect(await liveMarkup(page), `c${i}`).toEqual([]);
  }
  await page.goto(`${SITE}/archive`);
  await expect(page.locator('.archive__results > li').first()).toBeVisible();
  // The choices list every category, tag and author: all payloads.
  await expect(page.getByLabel('Tag', { exact: true }).locator('option')).not.toHaveCount(0);
  expect(await liveMarkup(page)).toEqual([]);
  expect(seen).toEqual([]);
});

test('addresses from the JSON are checked again: no unsafe link or image is made', async ({ page }) => {
  const seen = watch(page);
  await page.goto(`${SITE}${articlePath(0)}`);
  const body = page.locator('.article__body');
  for (const url of URL_PAYLOADS) {
    // The link's text stays; the address goes.
    await expect(body.getByText(`link to ${url}`.replace(/\s+/g, ' ').trim(), { exact: false }).first()).toBeVisible();
  }
  const hrefs = await body.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.filter((h) => !h.startsWith('/'))).toEqual([]);
  const srcs = await page.locator('article img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  expect(srcs.filter((s) => !s.startsWith('/images/'))).toEqual([]);
  // A click on every link stays on the site.
  for (const link of await body.locator('a').all()) await link.click();
  expect(await liveMarkup(page)).toEqual([]);
  expect(seen).toEqual([]);
});

test('every payload in the address bar shows as text: archive filters, not-found paths', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  // Client-side navigations (the router follows history): no reload per payload.
  const go = (url) =>
    page.evaluate((u) => {
      history.pushState(null, '', u);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url);
  await page.goto(`${SITE}/archive`);
  await expect(page.locator('.archive__results > li').first()).toBeVisible();
  for (const p of [...payloads, ...URL_PAYLOADS]) {
    const e = encodeURIComponent(p);
    await go(`/archive?q=${e}&tag=${e}&category=${e}&author=${e}&year=${e}&month=${e}&sort=${e}&page=${e}`);
    await expect(page.locator('.archive__summary')).toBeVisible();
    expect(await liveMarkup(page), p).toEqual([]);
  }
  await page.goto(`${SITE}/`);
  await expect(page.locator('article.lead')).toBeVisible();
  for (const p of [...payloads, ...URL_PAYLOADS]) {
    await go(`/no-such/${encodeURIComponent(p)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    expect(await liveMarkup(page), p).toEqual([]);
  }
  expect(seen).toEqual([]);
});

test('a search for each payload finds its story and shows the payload as text in the excerpt', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  const go = (url) =>
    page.evaluate((u) => {
      history.pushState(null, '', u);
      dispatchEvent(new PopStateEvent('popstate'));
    }, url);
  await page.goto(`${SITE}/archive`);
  await expect(page.locator('.archive__results > li').first()).toBeVisible();
  let excerpts = 0;
  for (let i = 0; i < payloads.length; i++) {
    const p = payloads[i];
    // The payload's words, as a reader would type them (those without any find nothing),
    // after the story's number: many payloads share their words (script, alert), and the
    // number, in every title, picks this one out of them.
    if (!/[\p{L}\p{N}]/u.test(p)) continue;
    const n = String(i).padStart(3, '0');
    await go(`/archive?q=${encodeURIComponent(`${n} ${p}`)}`);
    const line = page.locator('.archive__results > li').filter({ has: page.locator(`a[href="${articlePath(i)}"]`) });
    await expect(line, p).toHaveCount(1);
    await expect(line.locator('.archive-item__excerpt'), p).toBeVisible();
    excerpts += await line.locator('.archive-item__excerpt mark').count() > 0 ? 1 : 0;
    expect(await liveMarkup(page), p).toEqual([]);
  }
  // Most payloads have words of their own in the body: their excerpts mark them.
  expect(excerpts).toBeGreaterThan(payloads.length / 2);
  expect(seen).toEqual([]);
});

test.describe('the pages as written, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every page of the hostile site shows every payload as text in its HTML', async ({ page }) => {
    test.setTimeout(180_000);
    const seen = watch(page);
    for (let i = 0; i < payloads.length; i++) {
      const n = String(i).padStart(3, '0');
      const p = payloads[i];
      await page.goto(`${SITE}${articlePath(i)}`);
      const article = page.locator('article.article');
      await expect(article.locator('h1')).toHaveText(`${n} ${p}`.trim());
      await expect(article.locator('.article__standfirst')).toHaveText(`Standfirst ${n}: ${p}`.trim());
      await expect(article.locator('.article__body h2').first()).toBeVisible();
      expect(await liveMarkup(page), `${articlePath(i)}: ${p}`).toEqual([]);
    }
    for (const path of ['/', '/2025/01', '/2025/02', '/2025/03', '/2025/04', '/no-such-page']) {
      await page.goto(`${SITE}${path}`);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeAttached();
      expect(await liveMarkup(page), path).toEqual([]);
    }
    expect(seen).toEqual([]);
  });
});
