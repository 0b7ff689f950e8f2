// Sections, tags and authors have their own pages: reached from the article's section
// label, byline and tags; twenty stories a page with numbered pages; a page past the end
// is the not-found page.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, LEAD, takenOver } from './helpers.mjs';
import { generatedPort, importedPort } from '../../playwright.config.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const article = (page) => page.locator('main article.article');

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

/** Opens the first page of a list of `count` stories (twenty to a page) and checks its count,
 *  its numbered page links (the first marked) and its twenty stories. */
async function firstOfPages(page, url, count) {
  const pageCount = Math.ceil(count / 20);
  await page.goto(url);
  await expect(page.locator('main .month__count')).toHaveText(`${count} stories`);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages.getByRole('link')).toHaveCount(pageCount);
  await expect(pages.getByRole('link', { name: '1', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main .post-card')).toHaveCount(20);
  const firstTitle = await page.locator('main .post-card__title').first().textContent();
  return { pages, pageCount, firstTitle };
}

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
  const { pages, pageCount, firstTitle } = await firstOfPages(page, `${base}/category/${big.slug}`, big.count);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(big.name);

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
    // axe reads the page the app has taken over (a swap in the middle of its run fails it).
    await takenOver(page);
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

test('the front page has a row per section in the order of the settings, none repeating a story above it', async ({ page }) => {
  await page.goto('/');
  const rows = page.locator('main section.front-row');
  // content/site.toml [front]: the sections in this order (Video has no story yet: no row).
  await expect(rows.locator('h2')).toHaveText(['Reviews', 'News', 'Opinion', 'Science', 'Deals']);
  const above = await page.locator('main .lead__title a, main .latest .post-card__title a').allTextContents();
  expect(above.length).toBeGreaterThan(1);
  for (const row of await rows.all()) {
    const section = (await row.locator('h2').textContent()).trim();
    const cards = row.locator('.post-card');
    const count = await cards.count();
    expect(count, section).toBeGreaterThan(0);
    expect(count, section).toBeLessThanOrEqual(4);
    await expect(cards.locator('.post-card__category')).toHaveText(Array(count).fill(section));
    for (const title of await cards.locator('.post-card__title a').allTextContents()) {
      expect(above, `${section} repeats "${title}"`).not.toContain(title);
    }
  }
  // Written whole: the rows are in the page before the app runs.
  const written = await (await page.request.get('/')).text();
  expect(written).toContain('class="front-row"');
  expect(written).toContain('More in Reviews');

  await takenOver(page);
  await page.getByRole('link', { name: 'More in Reviews' }).click();
  await expect(page).toHaveURL(/\/category\/reviews$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reviews');
  // The section's description (site.toml), under its name and as the page's description.
  const about = 'Phones, laptops, watches and headphones, tested for weeks before we give a verdict.';
  await expect(page.locator('main .term__description')).toHaveText(about);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', about);
  expect(await (await page.request.get('/category/reviews')).text()).toContain(`<meta name="description" content="${about}">`);
  await expect(nav(page).getByRole('link', { name: 'Reviews', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(rows.first().locator('h2')).toHaveText('Reviews');

  // At 320 px the rows stack, with no sideways scrolling, and pass axe in both themes.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).include('main').withTags(TAGS).analyze();
    expect(result.violations.map((v) => v.id), colorScheme).toEqual([]);
  }
});

test('a story of a series says which part it is and lists every part', async ({ page }) => {
  await page.goto(LEAD.path);
  const series = page.getByRole('navigation', { name: 'Series: AI in the open' });
  await expect(series.locator('.series__part')).toHaveText('Part 3 of 3 · AI in the open');
  const parts = series.getByRole('listitem');
  await expect(parts).toHaveCount(3);
  // This story is marked, not linked; the others are links in reading order.
  await expect(parts.nth(2)).toHaveAttribute('aria-current', 'page');
  await expect(parts.nth(2).getByRole('link')).toHaveCount(0);
  await expect(parts.nth(0)).toHaveText('Small AI models deserve more attention than the giants');
  expect(await (await page.request.get(LEAD.path)).text()).toContain('Part 3 of 3');
  await takenOver(page);
  await parts.nth(0).getByRole('link').click();
  await expect(page).toHaveURL(/\/2025\/03\/small-ai-models-deserve-more-attention-than-the-giants$/);
  await expect(series.locator('.series__part')).toHaveText('Part 1 of 3 · AI in the open');
  await expect(series.getByRole('listitem').nth(0)).toHaveAttribute('aria-current', 'page');
});

test('a month of more than twenty stories has numbered pages; a page past the end is not found', async ({ page }) => {
  const base = `http://127.0.0.1:${importedPort}`;
  const index = await (await page.request.get(`${base}/content/archive/index.json`)).json();
  const big = index.months.find((m) => m.count > 20);
  expect(big, 'the imported site has a month of more than twenty stories').toBeTruthy();
  const path = `/${big.month.replace('-', '/')}`;
  const { pages, pageCount, firstTitle } = await firstOfPages(page, `${base}${path}`, big.count);
  await takenOver(page);
  await pages.getByRole('link', { name: '2', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/page/2$`));
  await expect(page).toHaveTitle(new RegExp(`\\(page 2 of ${pageCount}\\)`));
  await expect(pages.getByRole('link', { name: '2', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main .post-card')).toHaveCount(20);
  expect(await page.locator('main .post-card__title').first().textContent()).not.toBe(firstTitle);
  // Each page is written whole, and listed in the sitemap.
  const html = await (await page.request.get(`${base}${path}/page/${pageCount}`)).text();
  expect(html).toContain(`<link rel="canonical" href="https://`);
  expect(html).toContain(`(page ${pageCount} of ${pageCount})`);
  expect(html).toContain('class="post-card"');
  const sitemap = await (await page.request.get(`${base}/sitemap.xml`)).text();
  expect(sitemap).toContain(`${path}/page/${pageCount}</loc>`);
  await page.reload();
  await expect(page.locator('main .post-card')).toHaveCount(20);

  const res = await page.goto(`${base}${path}/page/${pageCount + 1}`);
  expect(res.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('front page → section → page 2 → article → tag → author and back, each address reloaded', async ({ page }) => {
  const base = `http://127.0.0.1:${generatedPort}`;
  const current = (name) => nav(page).getByRole('link', { name, exact: true });
  const steps = [];
  const step = async (pattern, heading) => {
    await expect(page).toHaveURL(pattern);
    if (heading) await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    steps.push({ url: page.url(), title: await page.title() });
  };
  await page.goto(`${base}/`);
  await takenOver(page);
  await step(/\/$/);
  await expect(current('Home')).toHaveAttribute('aria-current', 'page');
  // The first row's "More in …" link, to a section of more than twenty stories.
  const more = page.locator('main .front-row__more a').first();
  const section = (await more.textContent()).replace('More in ', '');
  await more.click();
  await step(/\/category\/[a-z0-9-]+$/, section);
  await expect(page).toHaveTitle(new RegExp(`^${section} \\|`));
  await expect(current(section)).toHaveAttribute('aria-current', 'page');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: '2', exact: true }).click();
  await step(/\/category\/[a-z0-9-]+\/page\/2$/, section);
  await expect(page).toHaveTitle(new RegExp(`^${section} \\(page 2 of \\d+\\)`));
  // The nav's link is to the section's first page: on page 2 it marks the section, not the page.
  await expect(current(section)).toHaveAttribute('aria-current', 'true');
  const story = page.locator('main .post-card__title a').first();
  const headline = (await story.textContent()).trim();
  await story.click();
  await step(/\/\d{4}\/\d{2}\/[a-z0-9-]+$/, headline);
  await expect(current(section)).toHaveAttribute('aria-current', 'true');
  const tag = article(page).getByRole('list', { name: 'Tags' }).getByRole('link').first();
  const tagName = (await tag.textContent()).trim();
  await tag.click();
  await step(/\/tag\/[a-z0-9-]+$/, tagName);
  await expect(nav(page).locator('[aria-current]')).toHaveCount(0);
  const tagged = page.locator('main .post-card__title a').first();
  const taggedTitle = (await tagged.textContent()).trim();
  await tagged.click();
  await step(/\/\d{4}\/\d{2}\/[a-z0-9-]+$/, taggedTitle);
  const author = article(page).locator('.article__byline a').first();
  const who = (await author.textContent()).trim();
  await author.click();
  await step(/\/author\/[a-z0-9-]+$/, who);
  await expect(nav(page).locator('[aria-current]')).toHaveCount(0);
  // Back through every step, each with its address and title.
  for (const { url, title } of steps.slice(0, -1).reverse()) {
    await page.goBack();
    await expect(page).toHaveURL(url);
    await expect(page).toHaveTitle(title);
  }
  // A reload of each address gives the same page.
  for (const { url, title } of steps) {
    const res = await page.goto(url);
    expect(res.status(), url).toBe(200);
    await expect(page).toHaveTitle(title);
  }
});

test('the keyboard reaches the header’s controls and the front page’s section links', async ({ page }) => {
  await page.goto('/');
  await takenOver(page);
  const reached = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') || el.id || el.textContent || '').trim() : '';
    });
    reached.add(name);
  }
  for (const name of ['Subscribe', 'Theme: System', 'site-search', 'Reviews', 'More in Reviews', 'More in Deals']) {
    expect([...reached], name).toContain(name);
  }
});
