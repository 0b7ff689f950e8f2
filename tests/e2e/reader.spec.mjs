// What a reader sees and does, located by role and label as a reader would.
import { test, expect, LEAD, recentPosts, archives, openYear, takenOver } from './helpers.mjs';

test('the front page shows the lead story, the latest headlines and the sidebar', async ({ page }) => {
  await page.goto('/');
  const lead = page.locator('article.lead');
  await expect(lead.getByRole('heading', { level: 2, name: LEAD.title })).toBeVisible();
  await expect(lead.getByText(/The argument between open and closed AI models/)).toBeVisible();
  await expect(lead.getByRole('img', { name: /Two doors side by side/ })).toBeVisible();
  const latest = page.getByRole('region', { name: 'Latest' });
  expect(await latest.getByRole('article').count()).toBeGreaterThanOrEqual(5);

  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await expect(recentPosts(page).getByRole('link').first()).toHaveText(LEAD.title);
  const months = archives(page).locator('.archive-list__item');
  await expect(months).toHaveCount(37);
  // Years collapse; the newest is open.
  await expect(archives(page).locator('details')).toHaveCount(4);
  await expect(archives(page).locator('details[open]')).toHaveCount(1);
  await expect(archives(page).locator('details[open] summary')).toContainText('2026');
  await expect(months.first()).toContainText('June 2026');
  await expect(months.last()).toContainText('June 2023');
  await expect(archives(page).getByRole('link', { name: 'June 2026' })).toHaveAttribute('href', '/2026/06');

  await expect(page).toHaveTitle('The Circuit | Technology news, reviews and opinion');
  await expect(page.locator('meta[name="description"]').last()).toHaveAttribute('content', 'Technology news, reviews and opinion');
  for (const landmark of ['banner', 'main', 'contentinfo', 'complementary']) {
    await expect(page.getByRole(landmark)).toHaveCount(1);
  }
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.locator('h1')).toHaveCount(1);
});

test('an article shows every part of the story', async ({ page }) => {
  await page.goto(LEAD.path);
  const article = page.getByRole('article').filter({ has: page.getByRole('heading', { level: 1 }) });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(article.getByText(/^The argument between open and closed AI models has left the seminar room/)).toBeVisible();
  await expect(article.locator('.article__byline')).toHaveText('Priya Raman');
  const time = article.locator('.article__meta time');
  await expect(time).toHaveAttribute('datetime', '2026-06-24T08:00:00+01:00');
  await expect(time).toHaveText('24 June 2026'); // en-GB in Europe/London, formatted by Intl
  await expect(article.locator('.article__category')).toHaveText('Opinion');
  await expect(article.getByText(/\d+ min read/)).toBeVisible();

  const subheading = article.getByRole('heading', { level: 2, name: 'What openness actually buys' });
  await expect(subheading).toHaveAttribute('id', 'what-openness-actually-buys');
  const quotes = article.locator('blockquote');
  await expect(quotes).toHaveCount(2);
  await expect(article.locator('figcaption cite').first()).toHaveText(/Dr Amara Osei/);

  // The newsletter call to action sits inside the body, part-way through.
  const cta = article.getByRole('region', { name: 'Sign up for our newsletter' });
  await expect(cta).toBeVisible();
  const paragraphsBefore = await cta.evaluate((el) => {
    let n = 0;
    for (let e = el.previousElementSibling; e; e = e.previousElementSibling) if (e.tagName === 'P') n++;
    return n;
  });
  expect(paragraphsBefore).toBeGreaterThan(2);
  await expect(cta.locator('xpath=following-sibling::p')).not.toHaveCount(0);

  const related = page.getByRole('region', { name: 'You might also like…' });
  await expect(related.getByRole('link')).toHaveCount(3);
  for (const href of await related.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).not.toBe(LEAD.path);
  }
  await expect(related.locator('.post-card__standfirst')).toHaveCount(3);

  // Recent Posts leaves out the article being read.
  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await expect(recentPosts(page).getByRole('link', { name: LEAD.title })).toHaveCount(0);
  await expect(page.getByRole('complementary').getByRole('region', { name: 'Sign up for our newsletter' })).toBeVisible();

  await expect(page).toHaveTitle(`${LEAD.title} | The Circuit`);
  await expect(page.locator('meta[name="description"]').last()).toHaveAttribute('content', /^The argument between open and closed/);
});

test('front page -> article -> related post -> archive month -> Back', async ({ page }) => {
  await page.goto('/');
  await page.locator('article.lead').getByRole('link', { name: LEAD.title }).click();
  await expect(page).toHaveURL(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);

  const related = page.getByRole('region', { name: 'You might also like…' }).getByRole('link').first();
  const relatedTitle = await related.textContent();
  const relatedHref = await related.getAttribute('href');
  await related.click();
  await expect(page).toHaveURL(relatedHref);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(relatedTitle);
  await expect(page).toHaveTitle(`${relatedTitle} | The Circuit`);

  await openYear(page, 2024);
  await archives(page).getByRole('link', { name: 'July 2024' }).click();
  await expect(page).toHaveURL('/2024/07');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('July 2024');
  await expect(page).toHaveTitle('July 2024 | The Circuit');
  const dates = await page.locator('.month__list time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(dates.length).toBe(2);
  const sorted = [...dates].sort((a, b) => Date.parse(b) - Date.parse(a));
  expect(dates).toEqual(sorted);

  await page.goBack();
  await expect(page).toHaveURL(relatedHref);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(relatedTitle);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
});

test('reloading a deep article URL shows the article', async ({ page }) => {
  await page.goto('/2024/07/browser-makers-agree-on-a-new-standard-for-privacy-friendly-ads');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Browser makers agree on a new standard for privacy-friendly ads');
  const link = page.getByRole('article').getByRole('link', { name: 'draft specification' });
  await expect(link).toHaveAttribute('href', 'https://standards.example/privacy-ads');
});

test('a known story under the wrong month moves to its real address', async ({ page }) => {
  await page.goto(`/2020/01/${LEAD.slug}`);
  await expect(page).toHaveURL(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
});

for (const [what, path, message] of [
  ['an unknown slug', '/2026/06/no-such-story', /couldn’t find that story/],
  ['an unknown path', '/this/does/not/exist/at/all', /couldn’t find that page/],
  ['an impossible month', '/2024/13', /couldn’t find that page/],
  ['a month with no stories', '/1999/01', /No stories were published in January 1999/],
  ['a slug that is not a slug', '/2026/06/..%2Fsite', /couldn’t find that page/],
]) {
  test(`${what} shows a real not-found page with links back`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('main').getByText(message)).toBeVisible();
    await expect(page).toHaveTitle('Page not found | The Circuit');
    await page.getByRole('main').getByRole('link', { name: 'Go to the front page' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.locator('article.lead')).toBeVisible();
  });
}

test('the layout works at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Measured on one page: a box read across the takeover's swap is of a node gone.
  await takenOver(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The sidebar follows the article on a narrow screen.
  const main = await page.getByRole('main').boundingBox();
  const aside = await page.getByRole('complementary').boundingBox();
  expect(aside.y).toBeGreaterThan(main.y + main.height - 1);
});

test('the site is usable from the keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.lead')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  // Tab onwards from the main content to the lead story's headline and follow it.
  const target = page.locator('article.lead').getByRole('link', { name: LEAD.title });
  for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
});

test('the first files are fetched once: the preloads are used, not downloaded twice', async ({ page }) => {
  const seen = {};
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/content/')) seen[path] = (seen[path] || 0) + 1;
  });
  const warnings = [];
  // Chrome says so when a preload's request does not match the app's own fetch.
  page.on('console', (m) => m.text().includes('preloaded using link preload but not used') && warnings.push(m.text()));
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await openYear(page, 2023);
  await expect(archives(page).getByRole('link', { name: 'June 2023' })).toBeVisible();
  // Client-side navigation reuses what was fetched.
  await openYear(page, 2024);
  await archives(page).getByRole('link', { name: 'July 2024' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('July 2024');
  for (const file of ['/content/site.json', '/content/latest.json', '/content/archive/index.json']) {
    expect(seen[file], file).toBe(1);
  }
  expect(seen[`/content/posts/${LEAD.slug}.json`]).toBe(1);
  expect(warnings).toEqual([]);
});

test('a deep link with a trailing slash shows the article', async ({ page }) => {
  await page.goto(`${LEAD.path}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
});

// The app's router follows plain clicks on links to its own pages; everything else is the
// browser's, as on any site.
test('links to files, in-page anchors and new-tab clicks are left to the browser', async ({ page, context }) => {
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  // The skip link jumps within the page: same document, same article, no new route.
  await page.evaluate(() => (window.__sameDocument = true));
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${LEAD.path}#main`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  // A ctrl-click opens a new tab; this page stays.
  const opened = context.waitForEvent('page');
  await recentPosts(page).getByRole('link').nth(1).click({ modifiers: ['Control'] });
  await (await opened).close();
  await expect(page).toHaveURL(`${LEAD.path}#main`);
  // A link to a file is a normal page load, not the app's not-found page.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/robots.txt';
    a.textContent = 'Robots file';
    document.querySelector('main').append(a);
  });
  await page.getByRole('link', { name: 'Robots file' }).click();
  await expect(page).toHaveURL(/\/robots\.txt$/);
  await expect(page.locator('body')).toContainText('Sitemap:');
  expect(await page.evaluate(() => window.__sameDocument)).toBeUndefined();
});

test('each page sets its title and description; the not-found page asks not to be indexed', async ({ page }) => {
  const description = () => page.locator('head meta[name="description"]');
  const robots = page.locator('head meta[name="robots"]');
  await page.goto('/no/such/page');
  await expect(page).toHaveTitle('Page not found | The Circuit');
  await expect(robots).toHaveAttribute('content', 'noindex');
  await page.getByRole('link', { name: 'Go to the front page' }).click();
  await expect(page).toHaveTitle('The Circuit | Technology news, reviews and opinion');
  await expect(robots).toHaveCount(0);
  await expect(description()).toHaveAttribute('content', 'Technology news, reviews and opinion');
  await recentPosts(page).getByRole('link').first().click();
  await expect(page).toHaveTitle(`${LEAD.title} | The Circuit`);
  await expect(description()).toHaveCount(1);
  await expect(description()).toHaveAttribute('content', /^The argument between open and closed AI models/);
  await page.goBack();
  await expect(page).toHaveTitle('The Circuit | Technology news, reviews and opinion');
});
