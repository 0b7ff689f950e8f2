// Reading comfort and orientation: focus and announcements after a navigation, the table
// of contents, sharing, relative times, every width from 320 to 1920 px, and a walk of
// each page with the keyboard alone.
import { test, expect, LEAD, fault, recentPosts, takenOver } from './helpers.mjs';

test('after a client-side navigation the new heading has the focus and the title is announced', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.lead')).toBeVisible();
  const second = recentPosts(page).getByRole('link').nth(1);
  const title = await second.textContent();
  await second.click();
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(title);
  await expect(h1).toBeFocused();
  await expect(page.locator('#route-announcer')).toHaveText(`${title} | The Circuit`);
  // Back: the front page's heading, announced in turn.
  await page.goBack();
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('#route-announcer')).toHaveText('The Circuit | Technology news, reviews and opinion');
  // A change within a page (a filter) leaves the focus where the reader is.
  await page.goto('/archive');
  const search = page.getByRole('searchbox', { name: 'Words' });
  await search.fill('oled');
  await expect(page).toHaveURL(/q=oled/);
  await expect(search).toBeFocused();
});

test('an article with three or more subheadings has a table of contents that jumps to them', async ({ page }) => {
  await page.goto(LEAD.path);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const links = toc.getByRole('link');
  await expect(links).toHaveText(['What openness actually buys', 'The case for keeping the doors shut', 'A middle path, and its limits']);
  await links.nth(2).click();
  await expect(page).toHaveURL(new RegExp(`${LEAD.path}#`));
  const target = page.getByRole('heading', { level: 2, name: 'A middle path, and its limits' });
  await expect(target).toBeInViewport();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  // A short article has none.
  await page.goto('/2026/06/pulse-buds-4-review-the-fit-problem-is-solved');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'On this page' })).toHaveCount(0);
});

test('Share copies the link where the browser has no share sheet', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto(LEAD.path);
  // The written page's button acts once the app has taken the page over.
  await takenOver(page);
  expect(await page.evaluate(() => 'share' in navigator)).toBe(false);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.locator('.share__status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${LEAD.path}`);
});

test('Share hands title and link to the share sheet where there is one', async ({ page, baseURL }) => {
  // Headless Chromium on Linux has no share sheet; this stands in for the browser's own
  // navigator.share and records what the app asks it to share.
  await page.addInitScript(() => {
    navigator.share = (data) => {
      window.__shared = data;
      return Promise.resolve();
    };
  });
  await page.goto(LEAD.path);
  await takenOver(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => page.evaluate(() => window.__shared)).toEqual({ title: LEAD.title, url: `${baseURL}${LEAD.path}` });
  await expect(page.locator('.share__status')).toHaveText('');
});

test('items less than a day old say how long ago, with the full date kept', async ({ page, request }) => {
  const latest = await (await request.get('/content/latest.json')).json();
  const published = new Date(Date.now() - 3 * 3600 * 1000 - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  latest.posts[0].published = published;
  await fault(request, '/content/latest.json', 'body', { body: JSON.stringify(latest) });
  await page.goto('/');
  const time = page.locator('article.lead time');
  await expect(time).toHaveText('3 hours ago');
  await expect(time).toHaveAttribute('datetime', published);
  await expect(time).toHaveAttribute('title', /^\d{1,2} \w+ \d{4}$/);
  // Older items show their date.
  await expect(page.locator('.latest time').first()).toHaveText(/^\d{1,2} \w+ \d{4}$/);
});

test('from 320 to 1920 px wide, no page scrolls sideways and the article keeps its measure', async ({ page }) => {
  test.setTimeout(90_000);
  for (const width of [320, 375, 768, 1024, 1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/', LEAD.path, '/2026/06', '/archive', '/no/such/page']) {
      await page.goto(path);
      await expect(page.locator('main h1')).toBeAttached();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
    }
    // About 60 to 75 characters a line in the article's text.
    await page.goto(LEAD.path);
    await takenOver(page);
    const chars = await page.locator('.article__body p').first().evaluate((p) => {
      // The width of an average lowercase character in the paragraph's own font.
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
      probe.textContent = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);
      p.append(probe);
      const perChar = probe.getBoundingClientRect().width / 104;
      probe.remove();
      return p.getBoundingClientRect().width / perChar;
    });
    if (width >= 1024) expect(chars, `measure at ${width} px`).toBeGreaterThan(55);
    expect(chars, `measure at ${width} px`).toBeLessThan(80);
  }
});

// Every page walked with Tab alone: each control is reached, and each shows where the
// focus is.
for (const path of ['/', LEAD.path, '/2026/06', '/archive', '/no/such/page']) {
  test(`${path}: every control is reached with Tab and shows its focus`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    const controls = await page.evaluate(() => {
      const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')];
      // What a reader can reach: shown (not inside a closed <details>), not taken out of
      // the tab order (the newsletter's honeypot is), not hidden from assistive technology.
      const shown = (el) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
      const reachable = all.filter((el) => shown(el) && !el.disabled && el.tabIndex >= 0 && !el.closest('[aria-hidden=true], [inert]'));
      reachable.forEach((el, i) => el.setAttribute('data-walk', String(i)));
      return reachable.length;
    });
    const reached = new Set();
    const unmarked = [];
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const marked = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const key = el.getAttribute('data-walk') ?? `unexpected ${el.tagName} ${(el.textContent || '').trim().slice(0, 40)}`;
        return { key, marked };
      });
      if (!info) continue;
      reached.add(info.key);
      if (!info.marked) unmarked.push(info.key);
    }
    expect(unmarked, 'controls without a visible focus').toEqual([]);
    const missed = Array.from({ length: controls }, (_, i) => String(i)).filter((k) => !reached.has(k));
    expect(missed, `controls not reached of ${controls}`).toEqual([]);
  });
}

test('images carry their size, load lazily below the fold, and offer their other widths', async ({ page, request }) => {
  const file = `/content/posts/${LEAD.slug}.json`;
  const post = await (await request.get(file)).json();
  post.summary.image.sources = [
    { src: '/images/open-closed-640.png', width: 640 },
    { src: 'javascript:alert(1)', width: 320 },
  ];
  post.body.push({ type: 'image', src: '/images/open-closed.svg', alt: 'Two doors again', width: 1200, height: 630 });
  await fault(request, file, 'body', { body: JSON.stringify(post) });
  await page.goto(LEAD.path);
  const lead = page.locator('article.article figure img').first();
  await expect(lead).toHaveAttribute('width', String(post.summary.image.width));
  await expect(lead).toHaveAttribute('height', String(post.summary.image.height));
  // The story's own picture is asked for first, at once.
  await expect(lead).toHaveAttribute('fetchpriority', 'high');
  await expect(lead).not.toHaveAttribute('loading', /./);
  // Its other widths are offered by its <picture>'s source, the unsafe one left out (a PNG:
  // no type, so every browser may take it).
  const source = page.locator('article.article figure picture source').first();
  await expect(source).toHaveAttribute('srcset', '/images/open-closed-640.png 640w');
  await expect(source).toHaveAttribute('sizes', '(min-width: 72rem) 42rem, calc(100vw - 2rem)');
  await expect(source).not.toHaveAttribute('type', /./);
  // Images in the body wait until they are near the screen; without other widths, no srcset.
  const inBody = page.locator('.article__body img[alt="Two doors again"]');
  await expect(inBody).toHaveAttribute('loading', 'lazy');
  await expect(inBody).toHaveAttribute('width', '1200');
  await expect(inBody).not.toHaveAttribute('srcset', /./);
  await expect(page.locator('.article__body picture:has(img[alt="Two doors again"]) source')).not.toHaveAttribute('srcset', /./);
});
