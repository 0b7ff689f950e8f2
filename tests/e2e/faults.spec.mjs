// Failures a reader meets on real networks and hosts: each shows a clear message saying
// what failed, Retry recovers once the fault is gone, and nothing panics.
import { test, expect, LEAD, fault, clearFaults, follow, recentPosts, archives, openYear, takenOver } from './helpers.mjs';

const POST_FILE = `/content/posts/${LEAD.slug}.json`;

const failures = [
  ['the network drops the connection', 'drop', /network is unreachable or the server did not answer \(posts\/open-weights-closed-doors\.json\)/],
  ['the server answers 500', '500', /answered posts\/open-weights-closed-doors\.json with an error \(HTTP 500\)/],
  ['the server answers 429', '429', /HTTP 429/],
  ['the JSON is cut off', 'malformed', /posts\/open-weights-closed-doors\.json is not valid JSON \(line 1, column \d+\)/],
  ['a field has the wrong type', 'wrong-types', /posts\/open-weights-closed-doors\.json: field `summary\.title`: invalid type: integer `42`, expected a string/],
];

for (const [what, kind, message] of failures) {
  test(`article: when ${what}, the reader is told and Retry recovers`, async ({ page, request }) => {
    await fault(request, POST_FILE, kind);
    // A first view is the written page: it reads whatever the file does.
    await page.goto(LEAD.path);
    await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // On the way from another page, the app says what failed.
    await follow(page, LEAD.path, '/2026/05');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('Couldn’t load this article.');
    await expect(alert).toContainText(message);
    // The sidebar still works while the article has failed.
    await expect(recentPosts(page).getByRole('link')).toHaveCount(5);

    await clearFaults(request);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

for (const [what, kind] of [['answers 404', '404'], ['answers index.html with status 200', 'html']]) {
  test(`a missing shared file (the host ${what}) leaves the written page whole`, async ({ page, request }) => {
    await fault(request, '/content/latest.json', kind);
    await page.goto('/');
    await expect(page.locator('article.lead')).toBeVisible();
    await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
    await expect(archives(page).getByRole('link', { name: 'June 2026' })).toBeVisible();
    // The app does not take over with a notice where the page has the stories.
    await page.waitForTimeout(1000);
    await expect(page.locator('#app')).toHaveCount(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Its links are plain links: the next page loads, and there the app takes over.
    await clearFaults(request);
    await page.getByRole('link', { name: LEAD.title }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
    await takenOver(page);
  });
}

test('a story whose file the host answers with index.html is a missing story', async ({ page, request }) => {
  await fault(request, POST_FILE, 'html');
  await follow(page, LEAD.path, '/2026/05');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText(/couldn’t find that story/)).toBeVisible();
});

test('a failed sidebar leaves the article readable', async ({ page, request }) => {
  await fault(request, '/content/archive/index.json', '500');
  await fault(request, '/content/latest.json', 'malformed');
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  // The written sidebar stays in place of the app's notices.
  await expect(recentPosts(page).getByRole('link')).toHaveCount(5);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a month page that fails offers Retry', async ({ page, request }) => {
  await fault(request, '/content/archive/2024-07.json', '500');
  await follow(page, '/2024/07');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Couldn’t load this month’s stories.');
  await clearFaults(request);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('July 2024');
});

test('going offline mid-visit: a clear message, and Retry works when back online', async ({ page, context }) => {
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  // The app's navigation is what goes offline: before the takeover, the link is a plain
  // link and the browser's own offline page would answer.
  await takenOver(page);
  await context.setOffline(true);
  const next = page.getByRole('region', { name: 'You might also like…' }).getByRole('link').first();
  const title = await next.textContent();
  await next.click();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('The network is unreachable');
  await expect(alert).toContainText('Check your connection');
  await context.setOffline(false);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('a slow answer shows a loading state that reserves space, then the article', async ({ page, request }) => {
  await fault(request, POST_FILE, 'slow', { delay: 3000 });
  await follow(page, LEAD.path);
  const loading = page.getByRole('status').filter({ hasText: 'Loading the article…' });
  await expect(loading).toBeVisible();
  const box = await loading.boundingBox();
  expect(box?.height).toBeGreaterThan(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(loading).toHaveCount(0);
});

test('a slow answer on a first view: the written article reads at once, and the app takes over when it can', async ({ page, request }) => {
  await fault(request, POST_FILE, 'slow', { delay: 3000 });
  await page.goto(LEAD.path);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  await expect(page.locator('.loading')).toHaveCount(0);
  await takenOver(page);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
});

test('a file that never arrives times out with a clear message, and Retry recovers', async ({ page, request }) => {
  test.setTimeout(60_000);
  await fault(request, POST_FILE, 'slow', { delay: 25_000 });
  await follow(page, LEAD.path);
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('Loading posts/open-weights-closed-doors.json took longer than 15 seconds.', { timeout: 20_000 });
  await expect(alert).toContainText('The connection is slow');
  await clearFaults(request);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
});

// The fetch layer tries again, after a short random wait, when the network or the server
// fails for a moment (network errors, 5xx, 429), and never for other answers.
for (const [what, kind] of [['a dropped connection', 'drop'], ['a 500', '500'], ['a 503', '503'], ['a 429', '429']]) {
  test(`one ${what} is retried without the reader noticing`, async ({ page, request }) => {
    const asked = [];
    page.on('request', (r) => r.url().includes(POST_FILE) && asked.push(new URL(r.url()).search));
    await fault(request, POST_FILE, kind, { times: 1 });
    await page.goto(LEAD.path);
    await takenOver(page);
    await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Chromium itself repeats a GET whose connection was dropped before any answer, so
    // only the answered failures are sure to reach the app.
    if (kind !== 'drop') expect(asked).toEqual(['', '?attempt=2']);
  });
}

test('a 404 is not retried, and three failures in a row are reported', async ({ page, request }) => {
  const asked = [];
  page.on('request', (r) => r.url().includes(POST_FILE) && asked.push(new URL(r.url()).search));
  await fault(request, POST_FILE, '404');
  await follow(page, LEAD.path, '/2026/05');
  await expect(page.getByText('We couldn’t find that story.')).toBeVisible();
  await page.waitForTimeout(1500);
  expect(asked).toEqual(['']);

  await clearFaults(request);
  asked.length = 0;
  await fault(request, POST_FILE, '500');
  await follow(page, LEAD.path, '/2026/05');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('HTTP 500');
  expect(asked).toEqual(['', '?attempt=2', '?attempt=3']);
});

test('each file is fetched once per visit', async ({ page }) => {
  const asked = [];
  page.on('request', (r) => r.url().includes('/content/') && asked.push(new URL(r.url()).pathname));
  await page.goto(LEAD.path);
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  // The written page shows the story before the app is ready; its links are plain links.
  await takenOver(page);
  await page.locator('.site-header__name').click();
  await expect(page.locator('article.lead')).toBeVisible();
  await page.locator('article.lead').getByRole('link').first().click();
  await expect(page.getByRole('article').locator('blockquote')).toHaveCount(2);
  const counts = {};
  for (const path of asked) counts[path] = (counts[path] || 0) + 1;
  expect(Object.values(counts).every((n) => n === 1), JSON.stringify(counts)).toBe(true);
  expect(counts[POST_FILE]).toBe(1);
});

test('leaving a page aborts its requests', async ({ page, request }) => {
  // Nothing fetched ahead (that request is no page's: see prefetch.spec.mjs).
  await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  await page.goto('/');
  await expect(page.locator('article.lead')).toBeVisible();
  await takenOver(page);
  await fault(request, POST_FILE, 'slow', { delay: 8000 });
  const aborted = [];
  page.on('requestfailed', (r) => r.url().includes(POST_FILE) && aborted.push(r.failure()?.errorText));
  await page.locator('article.lead').getByRole('link').first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the article…' })).toBeVisible();
  await page.locator('.site-header__name').click();
  await expect(page.locator('article.lead')).toBeVisible();
  await expect.poll(() => aborted).toEqual(['net::ERR_ABORTED']);
});
