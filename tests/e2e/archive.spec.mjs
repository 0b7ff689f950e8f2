// The archive explorer at /archive: filters alone and combined, the URL after each step,
// reload, Back/Forward, counts that follow the filters, paging, malformed query strings
// and the keyboard-only path. Expected numbers come from the month files the builder
// wrote, not from the explorer's own files.
import { test, expect, LEAD, fault, clearFaults, archives, takenOver } from './helpers.mjs';
// The second server of playwright.config.mjs: a generated publication of 130 posts.
const GENERATED = 'http://127.0.0.1:4174';

/** Every summary of the publication, read from its month files. */
async function allPosts(request, base = '') {
  const index = await (await request.get(`${base}/content/archive/index.json`)).json();
  const posts = [];
  for (const { month } of index.months) {
    const shard = await (await request.get(`${base}/content/archive/${month}.json`)).json();
    posts.push(...shard.posts);
  }
  return posts;
}

/** Every word a reader can read of a post (its JSON): title, standfirst, tag and author
 * names and its body's texts, folded as the search folds them. */
async function wordsOf(request, post) {
  const json = await (await request.get(`/content/posts/${post.slug}.json`)).json();
  const texts = [post.title, post.standfirst, ...post.tags.map((t) => t.name), ...post.authors.map((a) => a.name)];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (['text', 'cite', 'caption'].includes(k) && typeof x === 'string') texts.push(x);
        else if (!['embed', 'src', 'href', 'alt'].includes(k)) walk(x);
      }
    }
  };
  walk(json.body);
  return texts
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
}

const where = (posts, { year, category, tag, author } = {}) =>
  posts.filter(
    (p) =>
      (!year || p.published.startsWith(`${year}-`)) &&
      (!category || p.category.slug === category) &&
      (!tag || p.tags.some((t) => t.slug === tag)) &&
      (!author || p.authors.some((a) => a.slug === author)),
  );

const stories = (n) => (n === 1 ? '1 story' : `${n.toLocaleString('en-GB')} stories`);
// With words, results come ten to a page: the count, and which page when there are more.
const found = (n) => new RegExp(`^${stories(n)}( · page 1 of \\d+)?$`);
const summary = (page) => page.locator('.archive__summary');
const rows = (page) => page.locator('.archive__results > li');
const filters = (page) => page.getByRole('search', { name: 'Filter the archive' });

async function choose(page, label, option) {
  await filters(page).getByLabel(label, { exact: true }).selectOption({ label: option });
}
async function show(page) {
  await filters(page).getByRole('button', { name: 'Show' }).click();
}

test('the archive lists every story, newest first, with what each choice gives', async ({ page, request }) => {
  const posts = await allPosts(request);
  await page.goto('/archive');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
  await expect(page).toHaveTitle('Archive | The Circuit');
  await expect(summary(page)).toHaveText(stories(posts.length));
  await expect(summary(page)).toHaveAttribute('aria-live', 'polite');
  await expect(rows(page)).toHaveCount(posts.length);
  await expect(rows(page).first().getByRole('link')).toHaveText(LEAD.title);
  await expect(page.getByRole('navigation', { name: 'Archive pages' })).toHaveCount(0);
  const reviews = where(posts, { category: 'reviews' }).length;
  await expect(filters(page).getByLabel('Category').locator('option', { hasText: 'Reviews' })).toHaveText(
    `Reviews (${reviews})`,
  );
  // The header's navigation leads here.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archive' }).click();
  await expect(page).toHaveURL(/\/archive$/);
});

for (const [label, option, key, value] of [
  ['Category', 'Reviews', 'category', 'reviews'],
  ['Tag', 'Smartphones', 'tag', 'smartphones'],
  ['Author', 'Elena Marsh', 'author', 'elena-marsh'],
  ['Year', '2025', 'year', '2025'],
]) {
  test(`the ${label.toLowerCase()} filter alone narrows the list and lands in the URL`, async ({ page, request }) => {
    const expected = where(await allPosts(request), { [key]: value });
    await page.goto('/archive');
    await expect(rows(page).first()).toBeVisible();
    const select = filters(page).getByLabel(label, { exact: true });
    const text = await select.locator('option', { hasText: option }).first().textContent();
    expect(text).toBe(`${option} (${expected.length})`);
    await select.selectOption({ label: text });
    // Choosing alone does not navigate: Show applies it.
    await expect(page).toHaveURL(/\/archive$/);
    await show(page);
    await expect(page).toHaveURL(`/archive?${key}=${value}`);
    await expect(summary(page)).toHaveText(stories(expected.length));
    await expect(rows(page)).toHaveCount(expected.length);
    const titles = await rows(page).getByRole('link').allTextContents();
    expect(titles).toEqual(expected.map((p) => p.title));
  });
}

test('a filter chosen on the written page, before the app is ready, carries over the takeover', async ({ page }) => {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/masthead-[0-9a-f]{12,16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/archive', { waitUntil: 'domcontentloaded' });
  await filters(page).getByLabel('Category', { exact: true }).selectOption('reviews');
  release();
  await takenOver(page);
  await expect(filters(page).getByLabel('Category', { exact: true })).toHaveValue('reviews');
  await show(page);
  await expect(page).toHaveURL('/archive?category=reviews');
});

test('filters combine; the URL follows each step; reload, Back and Forward restore them', async ({ page, request }) => {
  const posts = await allPosts(request);
  await page.goto('/archive');
  await expect(rows(page).first()).toBeVisible();
  const search = filters(page).getByLabel('Words');

  await search.fill('review');
  await expect(page).toHaveURL('/archive?q=review');
  // Search reads the whole text: every post with a word beginning "review" anywhere.
  const reviewWord = [];
  for (const p of posts) if ((await wordsOf(request, p)).some((w) => w.startsWith('review'))) reviewWord.push(p);
  await expect(summary(page)).toHaveText(found(reviewWord.length));

  await choose(page, 'Year', `2025 (${where(reviewWord, { year: 2025 }).length})`);
  await show(page);
  await expect(page).toHaveURL('/archive?year=2025&q=review');
  const step2 = where(reviewWord, { year: 2025 });
  await expect(summary(page)).toHaveText(found(step2.length));

  const opinion = where(step2, { category: 'reviews' }).length;
  await choose(page, 'Category', `Reviews (${opinion})`);
  await show(page);
  await expect(page).toHaveURL('/archive?year=2025&category=reviews&q=review');
  await expect(summary(page)).toHaveText(found(opinion));
  await expect(page.getByRole('list', { name: 'Active filters' }).getByRole('link')).toHaveText([
    'Date: 2025 ×',
    'Category: Reviews ×',
    'Words: “review” ×',
    'Clear all filters',
  ]);

  await page.reload();
  await expect(summary(page)).toHaveText(found(opinion));
  await expect(search).toHaveValue('review');
  await expect(filters(page).getByLabel('Year')).toHaveValue('2025');
  await expect(filters(page).getByLabel('Category')).toHaveValue('reviews');

  await page.goBack();
  await expect(page).toHaveURL('/archive?year=2025&q=review');
  await expect(summary(page)).toHaveText(found(step2.length));
  await expect(filters(page).getByLabel('Category')).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL('/archive?q=review');
  await expect(summary(page)).toHaveText(found(reviewWord.length));
  await page.goBack();
  await expect(page).toHaveURL('/archive');
  await expect(search).toHaveValue('');
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL('/archive?year=2025&q=review');
  await expect(summary(page)).toHaveText(found(step2.length));

  // Removing one filter keeps the others.
  await page.getByRole('link', { name: 'Remove Date: 2025' }).click();
  await expect(page).toHaveURL('/archive?q=review');
  await page.getByRole('link', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL('/archive');
  await expect(summary(page)).toHaveText(stories(posts.length));
});

test('text matches ignore case and accents and find the start of words', async ({ page }) => {
  await page.goto('/archive?q=OPEN%20w%C3%89IGHTS%20closed%20DOORS');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(LEAD.title);
  await page.goto('/archive?q=priya%20rama');
  // The written archive is unfiltered: the rows are the app's once it has taken over.
  await takenOver(page);
  await expect(rows(page).first()).toBeVisible();
  for (const author of await page.locator('.archive-item__meta').allTextContents()) {
    expect(author).toContain('Priya Raman');
  }
  await page.goto('/archive?q=zzzzqqq');
  await expect(summary(page)).toHaveText('No stories match these filters.');
  await expect(rows(page)).toHaveCount(0);
});

test('counts follow the filters; months with no match stay, dimmed', async ({ page, request }) => {
  const posts = await allPosts(request);
  const reviews = where(posts, { category: 'reviews' });
  await page.goto('/archive?category=reviews');
  await expect(summary(page)).toHaveText(stories(reviews.length));
  const months = archives(page).locator('.archive-list__item');
  await expect(months).toHaveCount(37);
  const counts = (await archives(page).locator('.archive-list__months .archive-list__count').allTextContents()).map(
    (t) => Number(t.replace(/[()]/g, '')),
  );
  expect(counts.reduce((a, b) => a + b, 0)).toBe(reviews.length);
  const empty = archives(page).locator('.archive-list__item--empty');
  expect(await empty.count()).toBe(counts.filter((n) => n === 0).length);
  expect(await empty.locator('a').count()).toBe(0);
  // A year's total follows too, and choosing a month from the sidebar keeps the category.
  const in2025 = where(reviews, { year: 2025 });
  await expect(archives(page).locator('summary', { hasText: '2025' })).toContainText(`(${in2025.length})`);
  await archives(page).locator('summary', { hasText: '2025' }).click();
  const month = in2025[0].published.slice(0, 7);
  const monthName = new Date(`${month}-15T12:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric' });
  await archives(page).getByRole('link', { name: monthName }).click();
  await expect(page).toHaveURL(`/archive?year=2025&month=${month.slice(5)}&category=reviews`);
  await expect(archives(page).getByRole('link', { name: monthName })).toHaveAttribute('aria-current', 'page');
  // Tag counts: what each tag would give together with the category and month.
  const chosen = reviews.filter((p) => p.published.startsWith(month));
  const tag = chosen[0].tags[0];
  const n = chosen.filter((p) => p.tags.some((t) => t.slug === tag.slug)).length;
  await expect(filters(page).getByLabel('Tag').locator(`option[value="${tag.slug}"]`)).toHaveText(`${tag.name} (${n})`);
  // Elsewhere the sidebar shows the whole archive again.
  await page.goto('/');
  await expect(archives(page).locator('.archive-list__item--empty')).toHaveCount(
    37 - new Set(posts.map((p) => p.published.slice(0, 7))).size,
  );
});

test('results come in pages of at most 50, with links between them', async ({ page, request }) => {
  const posts = await allPosts(request, GENERATED);
  expect(posts.length).toBe(130);
  await page.goto(`${GENERATED}/archive`);
  await expect(summary(page)).toHaveText('130 stories · page 1 of 3');
  await expect(rows(page)).toHaveCount(50);
  const pager = page.getByRole('navigation', { name: 'Archive pages' });
  await pager.getByRole('link', { name: 'Next page →' }).click();
  await expect(page).toHaveURL(`${GENERATED}/archive?page=2`);
  await expect(summary(page)).toHaveText('130 stories · page 2 of 3');
  await expect(rows(page)).toHaveCount(50);
  await pager.getByRole('link', { name: 'Next page →' }).click();
  await expect(rows(page)).toHaveCount(30);
  await expect(pager.getByRole('link', { name: 'Next page →' })).toHaveCount(0);
  const oldest = posts.reduce((a, b) => (a.published < b.published ? a : b));
  await expect(rows(page).last().getByRole('link')).toHaveText(oldest.title);
  await page.goBack();
  await expect(summary(page)).toHaveText('130 stories · page 2 of 3');
  // Oldest first turns the order round.
  await page.goto(`${GENERATED}/archive?sort=oldest`);
  await expect(rows(page).first().getByRole('link')).toHaveText(oldest.title);
  // A page past the end shows the last one.
  await page.goto(`${GENERATED}/archive?page=99`);
  await expect(summary(page)).toHaveText('130 stories · page 3 of 3');
  await expect(rows(page)).toHaveCount(30);
});

test('malformed query strings are ignored or clamped and the rest still applies', async ({ page, request }) => {
  const reviews = where(await allPosts(request), { category: 'reviews' });
  await page.goto('/archive?year=abc&month=13&page=-1&utm_source=x&sort=sideways&category=reviews&tag=%3Cscript%3E');
  await expect(summary(page)).toHaveText(stories(reviews.length));
  await expect(filters(page).getByLabel('Year')).toHaveValue('');
  await page.goto(`/archive?q=${'x'.repeat(10_000)}`);
  await expect(summary(page)).toHaveText('No stories match these filters.');
  await expect(filters(page).getByLabel('Words')).toHaveValue('x'.repeat(200));
  await page.goto('/archive?category=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&q=%3Cb%3Ebold%3C%2Fb%3E');
  await expect(summary(page)).toHaveText('No stories match these filters.');
  await expect(page.getByRole('link', { name: /Words: “<b>bold<\/b>”/ })).toBeVisible();
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
});

test('the whole archive works from the keyboard alone', async ({ page }) => {
  await page.goto('/archive');
  await expect(rows(page).first()).toBeVisible();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  for (let i = 0; i < 40 && (await focused()) !== 'archive-q'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('archive-q');
  await page.keyboard.type('review');
  await expect(page).toHaveURL('/archive?q=review');
  await page.keyboard.press('Tab'); // Year
  expect(await focused()).toBe('archive-year');
  await page.keyboard.press('ArrowDown'); // the newest year
  for (let i = 0; i < 10 && (await focused()) !== 'Show'; i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe('Show');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/archive?year=2026&q=review');
  // On to the first result with the keyboard, and into the story.
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains('archive-item__title'))); i++) {
    await page.keyboard.press('Tab');
  }
  const title = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('a search shard or list file that fails says so, and Retry recovers', async ({ page, request }) => {
  await page.goto('/archive');
  await expect(rows(page).first()).toBeVisible();
  await fault(request, '/search-', '500');
  await filters(page).getByLabel('Words').fill('review');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('with an error (HTTP 500)');
  await clearFaults(request);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await fault(request, '/list-0.json', 'malformed');
  await page.goto('/archive?sort=oldest');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('list-0.json is not valid JSON');
  await clearFaults(request);
  await page.getByRole('main').getByRole('button', { name: 'Retry' }).click();
  await expect(rows(page).first()).toBeVisible();
});
