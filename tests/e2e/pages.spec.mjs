// The per-article pages the builder writes: what crawlers see without script, and how
// the app takes them over without a flash of different content.
import { test, expect, LEAD } from './helpers.mjs';

test('without script, an article page already shows its headline and carries its metadata', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(LEAD.path);
  expect(response.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.getByText(/^The argument between open and closed AI models/)).toBeVisible();
  await expect(page).toHaveTitle(`${LEAD.title} | The Circuit`);
  const url = `https://thecircuit.example${LEAD.path}`;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', url);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', LEAD.title);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', url);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', 'https://thecircuit.example/images/open-closed.svg');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  expect(ld['@type']).toBe('NewsArticle');
  expect(ld.headline).toBe(LEAD.title);
  expect(ld.datePublished).toBe('2026-06-24T08:00:00+01:00');
  expect(ld.author).toEqual([{ '@type': 'Person', name: 'Priya Raman' }]);
  await context.close();
});

test('the app takes over an article page with no flash of different content', async ({ page }) => {
  // Record the visible headline at every change of the page and before every frame is
  // painted, from the first byte on.
  await page.addInitScript(() => {
    window.__headlines = [];
    const record = () => {
      const h1s = [...document.querySelectorAll('h1')].filter((h) => h.checkVisibility());
      window.__headlines.push(h1s.length === 1 ? h1s[0].textContent : `${h1s.length} visible h1 elements`);
    };
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
    const frame = () => {
      record();
      if (window.__headlines.length < 2000) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(LEAD.path);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  await expect(page.locator('.article__meta time')).toBeVisible();
  const seen = await page.evaluate(() => window.__headlines);
  const first = seen.findIndex((h) => h === LEAD.title);
  expect(first, 'the headline was on the page').toBeGreaterThanOrEqual(0);
  // From the moment the headline appeared, it never went away or changed.
  expect(seen.slice(first).filter((h) => h !== LEAD.title)).toEqual([]);
});

test('the feeds, sitemap and robots.txt are served', async ({ request }) => {
  const rss = await request.get('/feed.xml');
  expect(rss.status()).toBe(200);
  expect(await rss.text()).toContain(`<title>${LEAD.title}</title>`);
  const atom = await (await request.get('/atom.xml')).text();
  expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  const json = await (await request.get('/feed.json')).json();
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items[0].title).toBe(LEAD.title);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`<loc>https://thecircuit.example${LEAD.path}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: https://thecircuit.example/sitemap.xml');
});
