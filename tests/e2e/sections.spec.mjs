// Sections, tags and authors have their own pages: reached from the article's section
// label, byline and tags; twenty stories a page with numbered pages; a page past the end
// is the not-found page.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, LEAD, takenOver } from './helpers.mjs';
import { generatedPort } from '../../playwright.config.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const article = (page) => page.locator('main article.article');

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

test('an article leads to its section, its authors and its tags', async ({ page }) => {
  await page.goto(LEAD.path);
  const section = article(page).locator('.article__category a');
  const name = (await section.textContent()).trim();
  // The header's nav marks the article's section, as the written page did.
  await expect(nav(page).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(nav(page).locator('[aria-current]')).toHaveCount(1);
  await section.click();
  await expect(page).toHaveURL(/\/category\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(`${name} | The Circuit`);
  await expect(nav(page).getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(nav(page).locator('[aria-current]')).toHaveCount(1);
  // Its own feed, linked under its stories and from the written page's head.
  const feed = page.getByRole('link', { name: `Follow ${name} by RSS` });
  const feedUrl = await feed.getAttribute('href');
  expect(feedUrl).toMatch(/^\/category\/[a-z0-9-]+\/feed\.xml$/);
  const xml = await (await page.request.get(feedUrl)).text();
  expect(xml).toContain(`<title>${name} | The Circuit</title>`);
  expect(xml).toContain('<content:encoded>');
  const written = await (await page.request.get(page.url())).text();
  expect(written).toContain(`type="application/atom+xml" title="${name} | The Circuit (Atom)"`);
  const cards = page.locator('main .post-card');
  expect(await cards.count()).toBeGreaterThan(0);
  await expect(cards.getByRole('link', { name: LEAD.title })).toBeVisible();

  await page.goBack();
  const author = article(page).locator('.article__byline a').first();
  const who = (await author.textContent()).trim();
  await author.click();
  await expect(page).toHaveURL(/\/author\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(who);
  await expect(page.locator('main .post-card__byline').first()).toContainText(who);

  await page.goBack();
  const tag = article(page).getByRole('list', { name: 'Tags' }).getByRole('link').first();
  const label = (await tag.textContent()).trim();
  await tag.click();
  await expect(page).toHaveURL(/\/tag\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
});

test('a section of more than twenty stories has numbered pages; a page past the end is not found', async ({ page }) => {
  const base = `http://127.0.0.1:${generatedPort}`;
  const index = await (await page.request.get(`${base}/content/archive/index.json`)).json();
  const big = index.categories.find((c) => c.count > 20);
  expect(big, 'the generated site has a section of more than twenty stories').toBeTruthy();
  const pageCount = Math.ceil(big.count / 20);
  await page.goto(`${base}/category/${big.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(big.name);
  await expect(page.locator('main .month__count')).toHaveText(`${big.count} stories`);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages.getByRole('link')).toHaveCount(pageCount);
  await expect(pages.getByRole('link', { name: '1', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main .post-card')).toHaveCount(20);
  const firstTitle = await page.locator('main .post-card__title').first().textContent();

  await pages.getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/category/${big.slug}/page/2$`));
  await expect(page).toHaveTitle(new RegExp(`\\(page 2 of ${pageCount}\\)`));
  await expect(pages.getByRole('link', { name: '2', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main .post-card')).toHaveCount(Math.min(20, big.count - 20));
  expect(await page.locator('main .post-card__title').first().textContent()).not.toBe(firstTitle);

  // The written page of page 2 has the same stories without the app.
  const html = await (await page.request.get(`${base}/category/${big.slug}/page/2`)).text();
  expect(html).toContain('<link rel="canonical"');
  expect(html).toContain('CollectionPage');

  const res = await page.goto(`${base}/category/${big.slug}/page/${pageCount + 1}`);
  expect(res.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the section nav stays in one row that scrolls inside itself; a reload keeps the mark', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/category/reviews');
  // Measured on the page as it stays (the takeover replaces the written one).
  await takenOver(page);
  await expect(nav(page).getByRole('link', { name: 'Reviews', exact: true })).toHaveAttribute('aria-current', 'page');
  const rows = await nav(page).locator('li').evaluateAll((items) => new Set(items.map((li) => li.offsetTop)).size);
  expect(rows).toBe(1);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  // Every section's link is reachable: the list scrolls, the page does not.
  const list = nav(page).locator('ul');
  expect(await list.evaluate((ul) => ul.scrollWidth > ul.clientWidth)).toBe(true);
  await page.goto('/');
  await expect(nav(page).getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(nav(page).locator('[aria-current]')).toHaveCount(1);
});

test('at 375 px an article’s headline starts within 200 px of the top', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  for (const path of [LEAD.path, '/category/reviews']) {
    await page.goto(path);
    const top = await page.locator('main h1').evaluate((h) => h.getBoundingClientRect().top);
    expect(top, path).toBeLessThanOrEqual(200);
  }
});

test('an author page shows the profile above the stories, in both themes with no axe violations', async ({ page }) => {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/author/elena-marsh');
    const profile = page.getByRole('group', { name: 'About Elena Marsh' });
    await expect(profile.getByRole('img', { name: 'Photo of Elena Marsh' })).toBeVisible();
    await expect(profile).toContainText('Berlin');
    await expect(profile).toContainText('Elena covers chips');
    await expect(profile.getByRole('link', { name: 'Mastodon' })).toHaveAttribute('href', 'https://mastodon.social/@elenamarsh');
    await expect(profile.getByRole('link', { name: 'Email' })).toHaveAttribute('href', 'mailto:elena@thecircuit.example');
    // The profile comes before the list of stories.
    const [profileTop, firstCard] = await Promise.all([
      profile.evaluate((p) => p.getBoundingClientRect().top),
      page.locator('main .post-card').first().evaluate((c) => c.getBoundingClientRect().top),
    ]);
    expect(profileTop).toBeLessThan(firstCard);
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(result.violations.map((v) => v.id), scheme).toEqual([]);
  }
  // Written whole: the profile is in the page the host sends.
  const html = await (await page.request.get('/author/elena-marsh')).text();
  expect(html).toContain('Elena covers chips');
  expect(html).toContain('"@type":"Person"');
});

test('a section with no stories yet has its page, linked from the nav; an article leads to its neighbours', async ({ page }) => {
  await page.goto('/');
  await nav(page).getByRole('link', { name: 'Video', exact: true }).click();
  await expect(page).toHaveURL(/\/category\/video$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video');
  await expect(page.locator('main')).toContainText('No stories here yet.');
  await expect(nav(page).getByRole('link', { name: 'Video', exact: true })).toHaveAttribute('aria-current', 'page');
  const res = await page.request.get('/category/video');
  expect(res.status()).toBe(200);

  // The lead is the newest of its section: it has a previous story and no next one.
  await page.goto(LEAD.path);
  const section = (await article(page).locator('.article__category a').textContent()).trim();
  const more = page.getByRole('navigation', { name: `More in ${section}` });
  await expect(more).toContainText(`Previous in ${section}`);
  await expect(more).not.toContainText(`Next in ${section}`);
  const older = more.getByRole('link');
  const title = (await older.textContent()).trim();
  await older.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('navigation', { name: `More in ${section}` }).getByRole('link', { name: LEAD.title })).toBeVisible();
});

test('the header search opens the archive with the words typed; Subscribe leads to the form', async ({ page }) => {
  await page.goto(LEAD.path);
  const search = page.getByRole('searchbox', { name: 'Search the archive' });
  await search.fill('battery life');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/archive\?q=battery(%20|\+)life/);
  await expect(page.getByRole('searchbox', { name: 'Words' })).toHaveValue('battery life');
  await page.getByRole('link', { name: 'Subscribe', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign up for our newsletter' }).first()).toBeInViewport();
  // The theme choice is an icon button with its name.
  await expect(page.getByRole('button', { name: /^Theme: / })).toBeVisible();
});

test('without JavaScript the header search still reaches the archive with the words', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('chips');
  await page.getByRole('searchbox', { name: 'Search the archive' }).press('Enter');
  await expect(page).toHaveURL(/\/archive\?q=chips$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await context.close();
});

test('the brand’s accent (site.toml [brand]) is applied in both themes, allowed by the policy', async ({ page }) => {
  const blocked = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && blocked.push(m.text()));
  const accent = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-accent').trim());
  const linkColour = () => page.locator('.site-header__subscribe').evaluate((a) => getComputedStyle(a).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(LEAD.path);
  await takenOver(page);
  expect(await accent()).toBe('#8a1538');
  expect(await linkColour()).toBe('rgb(138, 21, 56)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await takenOver(page);
  // The dark theme's accent is made from the brand's, lightened until it passes AA.
  const dark = await accent();
  expect(dark).toMatch(/^#[0-9a-f]{6}$/);
  expect(dark).not.toBe('#8a1538');
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
  expect(blocked).toEqual([]);
});

test('a month page leads to its year, which lists the months with their counts', async ({ page }) => {
  await page.goto('/');
  const archives = page.getByRole('navigation', { name: 'Archives' });
  const first = archives.locator('a[href^="/20"]').first();
  const monthPath = await first.getAttribute('href');
  const year = monthPath.slice(1, 5);
  await page.goto(monthPath);
  await page.getByRole('link', { name: `Every month of ${year}` }).click();
  await expect(page).toHaveURL(new RegExp(`/${year}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(year);
  await expect(page).toHaveTitle(`${year} | The Circuit`);
  const months = page.locator('main .year__months a');
  expect(await months.count()).toBeGreaterThan(0);
  await expect(page.locator('main .year__months')).toContainText('(');
  await months.first().click();
  await expect(page).toHaveURL(/\/\d{4}\/\d{2}$/);
  // Written whole, and a year with no stories is not found.
  expect(await (await page.request.get(`/${year}`)).text()).toContain('class="year__months"');
  expect((await page.request.get('/1999')).status()).toBe(404);
});
