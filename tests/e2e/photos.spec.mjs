// Real photographs (scripts/photos-site.mjs: 2560×1600 JPEGs from Debian's wallpapers): a
// phone gets a copy sized for its screen, never the original; the story's own picture is
// asked for first and holds its room while it loads; a picture far down the story waits
// until the reader scrolls near it; the site's policy holds; the written page without
// JavaScript shows the sized pictures too, each place its average colour until it arrives.
import { test, expect, takenOver } from './helpers.mjs';
import { photosPort } from '../../playwright.config.mjs';
import { readFileSync } from 'node:fs';

const site = `http://127.0.0.1:${photosPort}`;
const lead = () => JSON.parse(readFileSync('target/e2e-photos/content/latest.json', 'utf8')).posts[0];
const path = (s) => `/${s.published.slice(0, 4)}/${s.published.slice(5, 7)}/${s.slug}`;

/** The pictures the page asks for, by address, with the widths their names give. */
function pictures(page) {
  const asked = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'image') asked.push(new URL(r.url()).pathname);
  });
  return asked;
}
const widthOf = (address) => Number((address.match(/\.(\d+)\.(webp|jpg)$/) || [])[1] || NaN);

test.describe('photographs', () => {
  test.use({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });

  test('a phone gets a copy no wider than twice its width, the lead first and without a shift', async ({ page }) => {
    const asked = pictures(page);
    const violations = [];
    page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__shift += e.value))).observe({ type: 'layout-shift', buffered: true });
    });
    const story = lead();
    await page.goto(`${site}${path(story)}`);
    // Measured on the app's page (the written one is replaced when the app takes over).
    await takenOver(page);
    const img = page.locator('article.article figure img').first();
    await expect(img).toHaveAttribute('fetchpriority', 'high');
    await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    const current = new URL(await img.evaluate((i) => i.currentSrc)).pathname;
    expect(current).toMatch(/^\/sized\/images\/photos\/lead\.[0-9a-f]{8}\.\d+\.webp$/);
    const shown = await img.evaluate((i) => i.getBoundingClientRect().width);
    expect(widthOf(current)).toBeLessThanOrEqual(2 * shown);
    expect(widthOf(current)).toBeGreaterThanOrEqual(shown);
    // The head preloads the same copy the picture takes: one request for it, none for the original.
    expect(asked.filter((a) => a.startsWith('/sized/images/photos/lead'))).toEqual([current]);
    expect(asked.filter((a) => a.endsWith('/lead.jpg') || a.endsWith('/below.jpg'))).toEqual([]);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__shift)).toBe(0);
    expect(violations).toEqual([]);
  });

  test('a picture far down the story is asked for only when the reader scrolls near it', async ({ page }) => {
    const asked = pictures(page);
    await page.goto(`${site}${path(lead())}`);
    await takenOver(page);
    await page.waitForTimeout(800);
    expect(asked.filter((a) => a.includes('/below.'))).toEqual([]);
    const below = page.locator('img[alt="A second photograph, far down the story"]');
    await below.scrollIntoViewIfNeeded();
    await expect.poll(() => below.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    const taken = asked.filter((a) => a.includes('/below.'));
    expect(taken.length).toBe(1);
    expect(taken[0]).toMatch(/\.webp$/);
    const shown = await below.evaluate((i) => i.getBoundingClientRect().width);
    expect(widthOf(taken[0])).toBeLessThanOrEqual(2 * shown);
  });

  test('the social card and the search engines get a copy 1200 pixels wide', async ({ request }) => {
    const html = await (await request.get(`${site}${path(lead())}/`)).text();
    const og = html.match(/<meta property="og:image" content="([^"]+)">/)[1];
    expect(og).toMatch(/\/sized\/images\/photos\/lead\.[0-9a-f]{8}\.1200\.jpg$/);
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(html).toContain('<meta name="robots" content="max-image-preview:large">');
    const card = await request.get(`${site}${new URL(og).pathname}`);
    expect(card.status()).toBe(200);
    expect(card.headers()['content-type']).toContain('image/jpeg');
  });

  test("no photograph's metadata reaches readers, at a copy's address or the original's", async ({ request }) => {
    const html = await (await request.get(`${site}${path(lead())}/`)).text();
    const addresses = [...html.matchAll(/\/sized\/images\/photos\/[^" ,]+/g)].map((m) => m[0]);
    expect(addresses.length).toBeGreaterThan(5);
    // The camera's EXIF block (make, model, and a GPS position where it has one) is in the
    // file the newsroom put in public/, and in none of what is served.
    const exif = (bytes) => bytes.includes(Buffer.from('Exif\0\0'));
    for (const name of ['lead', 'below']) {
      expect(exif(readFileSync(`target/e2e-photos-project/public/images/photos/${name}.jpg`)), name).toBe(true);
    }
    for (const address of [...new Set(addresses), '/images/photos/lead.jpg', '/images/photos/below.jpg']) {
      const res = await request.get(`${site}${address}`);
      expect(res.status(), address).toBe(200);
      expect(exif(await res.body()), address).toBe(false);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });

  test('the written page shows the sized copies, each place its colour until they arrive', async ({ page }) => {
    const asked = pictures(page);
    const violations = [];
    page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
    await page.goto(`${site}${path(lead())}`);
    const img = page.locator('article.article figure img').first();
    // The picture's average colour, allowed by the policy (style-src-attr).
    await expect(img).toHaveAttribute('style', /^background:#[0-9a-f]{6}$/);
    const hex = (await img.getAttribute('style')).slice(-6);
    const rgb = `rgb(${[0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await img.evaluate((i) => getComputedStyle(i).backgroundColor)).toBe(rgb);
    await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    expect(new URL(await img.evaluate((i) => i.currentSrc)).pathname).toMatch(/\.webp$/);
    expect(asked.filter((a) => a.endsWith('/lead.jpg'))).toEqual([]);
    expect(violations).toEqual([]);
  });
});
