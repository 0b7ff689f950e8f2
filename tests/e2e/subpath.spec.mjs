// The whole site served under a folder (/news/), set by the one option `base_url` in
// site.toml (scripts/subpath-site.sh builds it). Requests outside /news/ get a 404 from
// the test server, so anything that forgot the folder fails visibly.
import { test, expect, LEAD, recentPosts, archives } from './helpers.mjs';
import { subpathPort } from '../../playwright.config.mjs';

const site = `http://127.0.0.1:${subpathPort}`;

function watchOutside(page) {
  const outside = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === site && !url.pathname.startsWith('/news/')) outside.push(url.pathname);
  });
  return outside;
}

test('reading, browsing and filtering all stay under /news/', async ({ page }) => {
  const outside = watchOutside(page);
  await page.goto(`${site}/news/`);
  const lead = page.locator('article.lead');
  await expect(lead.getByRole('heading', { level: 2, name: LEAD.title })).toBeVisible();
  await expect(lead.getByRole('link', { name: LEAD.title })).toHaveAttribute('href', `/news${LEAD.path}`);
  await expect(lead.getByRole('img')).toHaveAttribute('src', /^\/news\/images\//);
  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await expect(page.getByRole('link', { name: 'The Circuit' }).first()).toHaveAttribute('href', '/news/');
  // The newsletter's privacy notice is a page of the site: under the folder too.
  await expect(page.getByRole('complementary').getByRole('link', { name: 'Privacy notice' })).toHaveAttribute('href', '/news/privacy');

  await lead.getByRole('link', { name: LEAD.title }).click();
  await expect(page).toHaveURL(`${site}/news${LEAD.path}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.locator('section.related a').first()).toHaveAttribute('href', /^\/news\/20\d\d\/\d\d\//);

  await archives(page).getByRole('link', { name: 'June 2026' }).click();
  await expect(page).toHaveURL(`${site}/news/2026/06`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/June 2026/);

  await page.getByRole('link', { name: 'Search and filter the archive' }).click();
  await expect(page).toHaveURL(`${site}/news/archive`);
  await page.getByLabel('Category', { exact: true }).selectOption('reviews');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(`${site}/news/archive?category=reviews`);
  await page.getByLabel('Words').fill('laptop');
  await expect(page).toHaveURL(/\/news\/archive\?.*q=laptop/);
  await expect(page.locator('.archive-item__title').first()).toHaveAttribute('href', /^\/news\/20\d\d\//);
  await page.goBack();
  await expect(page).toHaveURL(`${site}/news/archive?category=reviews`);
  expect(outside).toEqual([]);
});

test('deep links, feeds and article pages under /news/', async ({ page, request }) => {
  const outside = watchOutside(page);
  for (const [path, heading] of [
    [`/news${LEAD.path}`, LEAD.title],
    ['/news/2026/06', /June 2026/],
    ['/news/archive?q=oled', 'Archive'],
    ['/news/no/such/page', 'Page not found'],
  ]) {
    await page.goto(`${site}${path}`);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
  }
  expect(outside).toEqual([]);

  const html = await (await request.get(`${site}/news${LEAD.path}`)).text();
  expect(html).toContain(`<link rel="canonical" href="https://thecircuit.example/news${LEAD.path}">`);
  expect(html).toContain(`<link fetchpriority="low" rel="preload" href="/news/content/posts/${LEAD.slug}.json"`);
  const feed = await (await request.get(`${site}/news/feed.xml`)).text();
  expect(feed).toContain(`<link>https://thecircuit.example/news${LEAD.path}</link>`);
  const robots = await (await request.get(`${site}/news/robots.txt`)).text();
  expect(robots).toContain('Sitemap: https://thecircuit.example/news/sitemap.xml');
  const missing = await request.get(`${site}/news/content/posts/nope.json`);
  expect(missing.status()).toBe(404);
  expect((await request.get(`${site}/news/`)).headers()['content-security-policy']).toContain("script-src 'self'");
});
