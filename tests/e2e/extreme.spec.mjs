// Malformed and extreme data as a reader meets it: each file below is served as the test
// wrote it (the server's `body` fault). Every case ends in a clear message or a sensible
// page, never a panic (helpers.mjs fails the test on one) or a frozen tab.
import { test, expect, LEAD, fault, recentPosts, archives, follow, takenOver } from './helpers.mjs';

const POST_FILE = `/content/posts/${LEAD.slug}.json`;

async function original(request, path) {
  return (await request.get(path)).json();
}

async function serve(request, path, json) {
  await fault(request, path, 'body', { body: typeof json === 'string' ? json : JSON.stringify(json) });
}

/** The page still answers: a frozen tab would not run this within the timeout. */
async function responsive(page) {
  expect(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true))))).toBe(true);
}

const broken = [
  ['from an unknown contract version', (p) => ({ ...p, contract: 7 }), 'posts/open-weights-closed-doors.json was written for contract version 7; this site reads version 1'],
  ['without a contract version', ({ contract, ...p }) => p, 'has no contract version'],
  ['missing a required field', (p) => ({ ...p, summary: { ...p.summary, title: undefined } }), 'field `summary.title`: missing field `title`'],
  ['with an invalid date', (p) => ({ ...p, summary: { ...p.summary, published: '2026-02-30T25:00:00Z' } }), 'field `summary.published`'],
  ['with a body that is not a list', (p) => ({ ...p, body: 'text' }), 'field `body`: invalid type: string'],
  ['with a block missing its text', (p) => ({ ...p, body: [{ type: 'paragraph' }] }), 'a paragraph needs the field `inlines`'],
];

for (const [what, change, message] of broken) {
  test(`a post file ${what} is reported, with Retry`, async ({ page, request }) => {
    await serve(request, POST_FILE, change(await original(request, POST_FILE)));
    // On the way from another page (a first view is the written page, which reads).
    await follow(page, LEAD.path, '/2026/05');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Couldn’t load this article.');
    await expect(alert).toContainText(message);
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    // The rest of the page works.
    await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  });
}

test('a 1 MB title, 100,000 tags and 10,000 authors on one post render, and the page stays responsive', async ({ page, request }) => {
  test.setTimeout(60_000);
  const post = await original(request, POST_FILE);
  const title = `Big ${'word '.repeat(200_000)}end`;
  post.summary.title = title;
  post.summary.tags = Array.from({ length: 100_000 }, (_, i) => ({ slug: `t${i}`, name: `Tag ${i}` }));
  post.summary.authors = Array.from({ length: 10_000 }, (_, i) => ({ slug: `a${i}`, name: `Author ${i}` }));
  await serve(request, POST_FILE, post);
  await page.goto(LEAD.path);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toContainText('Big word word');
  expect((await h1.textContent()).length).toBeGreaterThan(1_000_000);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  // The lists are cut where a reader stops reading them (laying out 100,000 tag links
  // took Chromium 14 s), and say how many more there are.
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('link')).toHaveCount(30);
  await expect(tags.getByRole('listitem').last()).toHaveText('and 99,970 more');
  const byline = page.locator('.article__byline');
  await expect(byline.getByRole('link')).toHaveCount(10);
  await expect(byline).toHaveText(/^Author 0, Author 1, .*Author 9 and 9,990 more$/);
  // No horizontal scrolling from an unbroken title.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await responsive(page);
});

test('an empty publication says so instead of showing an empty page', async ({ page, request }) => {
  await serve(request, '/content/latest.json', { contract: 1, posts: [] });
  const index = await original(request, '/content/archive/index.json');
  await serve(request, '/content/archive/index.json', { ...index, total: 0, months: [], categories: [], tags: [], authors: [] });
  await page.goto('/');
  await expect(page.getByText('No stories have been published yet.')).toBeVisible();
  await expect(recentPosts(page).getByRole('link')).toHaveCount(0);
  await expect(archives(page).locator('.archive-list__item')).toHaveCount(0);
  await responsive(page);
});

test('a month listed in the index whose file is missing is reported, and the rest works', async ({ page, request }) => {
  await fault(request, '/content/archive/2026-06.json', '404');
  await page.goto('/');
  // Followed by the app (a click on the written page before the takeover loads the written
  // month page, which stays whole when its file fails).
  await takenOver(page);
  await archives(page).getByRole('link', { name: 'June 2026' }).click();
  await expect(page).toHaveURL(/\/2026\/06$/);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('archive/2026-06.json does not exist on the server.');
  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await archives(page).getByRole('link', { name: 'May 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('May 2026');
});
