// Stories are fetched before the reader follows their link (src/prefetch.rs): a link
// pointed at, focused or on screen for a moment; a click then only renders. Nothing is
// fetched ahead on a connection the reader asked to spare, nor from the page the builder
// wrote (following a link there loads a new page).
import { test, expect, LEAD, fault, takenOver } from './helpers.mjs';

const postRequests = (page) => {
  const asked = [];
  page.on('request', (r) => {
    const m = r.url().match(/\/content\/posts\/([^/?]+)\.json/);
    if (m) asked.push(m[1]);
  });
  return asked;
};

/** The lead article, taken over, with its first related story pointed at until that
 * story has been fetched ahead and the page is quiet. */
async function relatedFetchedAhead(page) {
  await page.goto(LEAD.path);
  await takenOver(page);
  const asked = postRequests(page);
  const related = page.locator('.related a[href]').first();
  const href = await related.getAttribute('href');
  const slug = href.split('/').pop();
  await related.hover();
  await expect.poll(() => asked.includes(slug)).toBe(true);
  await page.waitForLoadState('networkidle');
  return { asked, related, href, slug };
}

test('a story pointed at is fetched ahead, and following its link needs no request', async ({ page }) => {
  const { asked, related, href, slug } = await relatedFetchedAhead(page);
  const before = asked.length;
  const started = Date.now();
  await related.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator('.article__body p').first()).toBeVisible();
  expect(Date.now() - started).toBeLessThan(2000);
  expect(asked.slice(before), 'the click made no request for the story').not.toContain(slug);
});

test('a focused link is fetched ahead; links on screen for a moment are too, within the budget', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await takenOver(page);
  const asked = postRequests(page);
  // On screen for a second: the front page's visible stories.
  await expect.poll(() => asked.length, { timeout: 5000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1500);
  expect(new Set(asked).size, 'each story once').toBe(asked.length);
  expect(asked.length, 'links only on screen take at most half the budget').toBeLessThanOrEqual(6);
  const onScreen = await page.evaluate(() =>
    [...document.querySelectorAll('main a[href]')]
      .filter((a) => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
      })
      .map((a) => a.getAttribute('href').split('/').pop()),
  );
  for (const slug of asked) expect(onScreen, `${slug} was fetched but is not on screen`).toContain(slug);
  // Focus, further down.
  const far = page.locator('main a[href*="/20"]').last();
  const slug = (await far.getAttribute('href')).split('/').pop();
  await far.focus();
  await expect.poll(() => asked.includes(slug)).toBe(true);
});

test('nothing is fetched ahead when the reader asks to save data, nor on the written page', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }));
  await page.goto(LEAD.path);
  await takenOver(page);
  const asked = postRequests(page);
  await page.locator('.related a[href]').first().hover();
  await page.locator('.related a[href]').last().focus();
  await page.waitForTimeout(1500);
  expect(asked).toEqual([]);
});

test('the written page fetches nothing ahead while the app gets ready', async ({ page, request }) => {
  // The sidebar's file held back: the app runs, but the page stays the builder's.
  await fault(request, '/content/latest.json', 'slow', { delay: 4000 });
  const asked = postRequests(page);
  await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
  await page.locator('.related a[href]').first().hover();
  await page.locator('.related a[href]').last().focus();
  await page.waitForTimeout(2000);
  await expect(page.locator('#app')).toHaveCount(1);
  expect(asked.filter((s) => s !== LEAD.slug)).toEqual([]);
});

test('a story fetched ahead is drawn at once on the click: no loading state, the old page gone, Back and Forward whole', async ({ page }) => {
  // Any page error fails the test (the `page` fixture in helpers.mjs).
  const { related } = await relatedFetchedAhead(page);
  // Everything the main column shows from the click on, as the browser applies it.
  await page.evaluate(() => {
    window.__shown = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) window.__shown.push(n.className || n.tagName);
    }).observe(document.querySelector('main'), { childList: true, subtree: true });
  });
  const title = await related.textContent();
  await related.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title.trim());
  const shown = await page.evaluate(() => window.__shown);
  expect(shown.filter((c) => String(c).includes('loading')), 'no loading state was drawn').toEqual([]);
  await expect(page.locator('main article.article')).toHaveCount(1);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.locator('main article.article')).toHaveCount(1);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title.trim());
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.locator('.share__status')).not.toBeEmpty();
});

test('a story fetched ahead but linked under the wrong month moves to its real address', async ({ page }) => {
  const { asked, href, slug } = await relatedFetchedAhead(page);
  await page.evaluate((slug) => {
    const a = document.createElement('a');
    a.href = `/2020/01/${slug}`;
    a.textContent = 'Old link';
    a.id = 'old-link';
    document.querySelector('main article.article').append(a);
  }, slug);
  await page.locator('#old-link').click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator('main article.article')).toHaveCount(1);
  expect(asked.filter((s) => s === slug).length, 'fetched once').toBe(1);
});
