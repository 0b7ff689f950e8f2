// A publication brought over from WordPress (scripts/imported-site.mjs): the importer's
// test export plus one post per hostile payload, imported with `masthead-build import
// wordpress` and built. Imported posts read as they did (headline, figure, embed card,
// section, byline), old addresses lead to them, and nothing any field of the export held
// runs: the test fails on a dialog, a PWNED message, a request off this machine or for a
// "pwned" address, a CSP violation (helpers.mjs), or live markup in the page.
import { readFileSync } from 'node:fs';
import { test, expect } from './helpers.mjs';
import { TEXT_PAYLOADS } from '../hostile/payloads.mjs';
import { watch as watchFor } from '../hostile/watch.mjs';
import { importedPort } from '../../playwright.config.mjs';

const SITE = `http://127.0.0.1:${importedPort}`;
const payloads = [...new Set(TEXT_PAYLOADS)];

// The imported posts keep their pictures at the old site's address; here it answers with
// a small picture, so no test waits on the closed network.
const OLD_SITE = 'old.example';
async function oldSite(page) {
  await page.route(`https://${OLD_SITE}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"/>' }),
  );
}

const watch = (page) => watchFor(page, { hosts: ['127.0.0.1', OLD_SITE] });

/** What could run, had a payload got through: script-capable elements, handlers, script-like addresses. */
function liveMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    const root = document.querySelector('main') || document.body;
    for (const el of root.querySelectorAll('script, iframe, object, embed, style, base, meta, link, svg, math, template, frame, frameset')) {
      found.push(`<${el.tagName.toLowerCase()}>`);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value}`);
        const value = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        const address = /^(href|src|srcset|action|formaction|xlink:href|data|srcdoc|poster|background)$/i.test(a.name);
        if (address && !(value.startsWith('#') || /^\/(?![/\\])/.test(value) || /^https?:\/\/[a-z0-9.-]+(\/|$)/.test(value) || value.startsWith('mailto:'))) {
          found.push(`${el.tagName} ${a.name}=${a.value}`);
        }
      }
    }
    return found;
  });
}

test('an imported post reads as it did, and its old address leads to it', async ({ page }) => {
  await oldSite(page);
  await page.goto(`${SITE}/2019/05/classic-post`);
  const article = page.locator('article.article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('Classic post & friends');
  await expect(article.locator('.article__standfirst')).toHaveText('A classic post, with every shortcode.');
  await expect(article.locator('.article__byline')).toContainText('Ann Editor');
  await expect(article.locator('.article__body figcaption').first()).toHaveText('The board, up close');
  await expect(article.getByRole('heading', { level: 2, name: 'What it means' })).toBeVisible();
  // The [embed] is a card that loads nothing from YouTube until asked.
  await expect(article.getByRole('button', { name: /YouTube/ }).first()).toBeVisible();
  // WordPress's old permalink leads to the new address: a 301 in _redirects, and a page at
  // the old address that sends readers on (which a host serves first, as Netlify does).
  expect(readFileSync('target/e2e-imported/_redirects', 'utf8')).toContain('/2019/05/03/classic-post  /2019/05/classic-post  301');
  await page.goto(`${SITE}/2019/05/03/classic-post/`);
  await expect(page).toHaveURL(/\/2019\/05\/classic-post\/?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Classic post & friends');
});

test('nothing an export holds runs: every hostile post, the lists and the addresses post', async ({ page }) => {
  test.setTimeout(240_000);
  await oldSite(page);
  const seen = watch(page);
  for (let i = 0; i < payloads.length; i++) {
    const n = String(i).padStart(3, '0');
    await page.goto(`${SITE}/2025/01/imported-${n}`);
    const article = page.locator('article.article');
    await expect(article.locator('h1')).toContainText(`Imported ${n}`);
    await expect(article.locator('.article__body')).toContainText(`End ${n}.`);
    expect(await liveMarkup(page), `imported-${n}: ${payloads[i]}`).toEqual([]);
  }
  for (const path of ['/', '/2025/01', '/archive', '/2025/02/imported-addresses']) {
    await page.goto(`${SITE}${path}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeAttached();
    expect(await liveMarkup(page), path).toEqual([]);
  }
  expect(seen).toEqual([]);
});
