// Real content in the browser: tables, definition lists, highlighted code with Copy, footnotes both ways,
// task and nested lists, keyboard keys; galleries, pull quotes, wide figures, corrections and
// teasers; embeds that request nothing from their provider until the reader asks; the
// standalone pages (/privacy, /about). In both colour schemes and at 320 px, with axe at zero.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, takenOver } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const TESTS = '/2025/09/how-we-test-laptops-our-benchmarks-explained';
const article = (page) => page.locator('main article.article');

async function noViolations(page, what) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), what).toEqual(
    [],
  );
  expect(result.passes.length).toBeGreaterThan(10);
}

for (const scheme of ['light', 'dark']) {
  test(`every block type renders and passes axe (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(TESTS);
    const body = article(page);
    await expect(body.getByRole('heading', { level: 1 })).toHaveText('How we test laptops: our benchmarks, explained');
    // The table: header row, aligned cells, inline formatting, in a labelled, focusable box.
    const region = body.getByRole('region', { name: 'Table' });
    await expect(region).toHaveAttribute('tabindex', '0');
    await expect(region.getByRole('columnheader')).toHaveText(['Test', 'What it measures', 'Run for']);
    await expect(region.locator('td.cell--right').first()).toHaveText('until empty');
    // A definition list: each term with its definitions.
    const terms = body.locator('dl.definitions');
    await expect(terms.locator('dt')).toHaveText(['Throttling', 'Nits']);
    await expect(terms.locator('dd')).toHaveCount(3);
    await expect(terms.locator('dt:nth-of-type(2) ~ dd').last()).toContainText('measured on a white page');
    // Code: highlighted spans, and the text is exactly the listing.
    const code = body.locator('figure.code');
    await expect(code.locator('.code__language')).toHaveText('python');
    expect(await code.locator('.tok-keyword').count()).toBeGreaterThan(3);
    await expect(code.locator('.tok-string').first()).toBeVisible();
    expect(await code.locator('code').textContent()).toContain('def run(browser, minutes=60):');
    // Inline elements and lists.
    await expect(body.locator('kbd')).toHaveText(['Ctrl', 'C']);
    await expect(body.locator('sup').filter({ hasText: '2' }).first()).toBeVisible();
    await expect(body.locator('sub')).toHaveText('2');
    await expect(body.locator('del')).toContainText('That favoured laptops with dim screens.');
    await expect(body.locator('ul.task-list > li')).toHaveCount(3);
    await expect(body.locator('ul.task-list > li').nth(2).locator('ul > li')).toHaveText(['brightness', 'colour accuracy']);
    await expect(body.locator('hr.section-break')).toHaveCount(1);
    await noViolations(page, `${scheme} ${TESTS}`);
  });
}

test('footnotes link to their note and back', async ({ page }) => {
  await page.goto(TESTS);
  const ref = article(page).locator('sup.footnote-ref').first();
  await expect(ref).toHaveText('1');
  await ref.getByRole('link').click();
  await expect(page).toHaveURL(/#fn-room$/);
  const note = page.locator('#fn-room');
  await expect(note).toContainText('between 20.5 and 21.5 °C');
  await note.getByRole('link', { name: 'Back to reference 1' }).click();
  await expect(page).toHaveURL(/#fnref-room$/);
  await expect(page.locator('#fnref-room')).toBeInViewport();
});

test('Copy puts the listing on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(TESTS);
  // The written page's button acts once the app has taken the page over.
  await takenOver(page);
  const code = article(page).locator('figure.code');
  await code.getByRole('button', { name: 'Copy' }).click();
  await expect(code.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await code.locator('code').textContent());
  expect(copied).toContain('    while browser.battery_percent() > 0:\n');
});

test('at 320 px the page never scrolls sideways; tables and code scroll in their boxes', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(TESTS);
  await expect(article(page).locator('figure.code')).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    table: (() => {
      const box = document.querySelector('.table-scroll');
      return { scroll: box.scrollWidth, client: box.clientWidth, overflow: getComputedStyle(box).overflowX };
    })(),
    code: (() => {
      const box = document.querySelector('.code__box');
      return { scroll: box.scrollWidth, client: box.clientWidth, overflow: getComputedStyle(box).overflowX };
    })(),
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  // Each box scrolls on its own and is never wider than the screen; the listing's lines
  // do not wrap, so its box does scroll.
  for (const box of [widths.table, widths.code]) {
    expect(box.overflow).toBe('auto');
    expect(box.client).toBeLessThanOrEqual(widths.view);
  }
  expect(widths.code.scroll).toBeGreaterThan(widths.code.client);
});

test('an embed requests nothing from its provider until the reader loads it', async ({ page }) => {
  const third = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) third.push(r.url());
  });
  // No network here: a provider's answer is a small page of our own, served in its place.
  await page.route(/youtube-nocookie\.com|mastodon\.social/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>embed</title><p>frame</p>' }),
  );
  await page.goto(TESTS);
  const video = article(page).locator('figure.embed--youtube');
  await expect(video.locator('.embed__provider')).toHaveText('YouTube');
  await expect(video.getByRole('link', { name: 'Open on YouTube' })).toHaveAttribute(
    'href',
    'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  );
  const toot = article(page).locator('figure.embed--mastodon');
  await expect(toot.getByRole('button', { name: 'Load from Mastodon (mastodon.social)' })).toBeVisible();
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(500);
  expect(third, 'nothing from a third party before the click').toEqual([]);
  expect(await page.locator('iframe').count()).toBe(0);

  await video.getByRole('button', { name: 'Load from YouTube' }).click();
  const frame = video.locator('iframe.embed__frame');
  await expect(frame).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ');
  await expect(frame).toHaveAttribute('title', 'Video on YouTube');
  await expect(video.locator('.embed__card')).toBeHidden();
  await expect.poll(() => third.filter((u) => u.includes('youtube-nocookie.com')).length).toBeGreaterThan(0);
  // The frame loads under the site's policy (a violation would fail the test), and only
  // the provider that was asked for was contacted.
  await expect(page.frameLocator('figure.embed--youtube iframe').locator('p')).toHaveText('frame');
  expect(third.filter((u) => u.includes('mastodon.social'))).toEqual([]);
});

test('the policy frames exactly the providers the stories use', async ({ request }) => {
  const res = await request.get(TESTS);
  const policy = res.headers()['content-security-policy'];
  expect(policy).toContain('frame-src https://mastodon.social https://www.youtube-nocookie.com');
});

test('the privacy notice the consent links to is a real page, static and in the app', async ({ page, request }) => {
  const html = await (await request.get('/privacy')).text();
  expect(html).toContain('<h1 class="article__title">Privacy</h1>');
  expect(html).toContain('How to unsubscribe');
  await page.goto('/');
  const box = page.getByRole('complementary').getByRole('region', { name: 'Sign up for our newsletter' });
  await box.getByRole('link', { name: /privacy/i }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
  await expect(page.getByRole('heading', { name: 'How to unsubscribe' })).toBeVisible();
  await expect(page).toHaveTitle('Privacy | The Circuit');
  // The footer lists the pages; About is reached from there.
  await page.getByRole('contentinfo').getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About');
  await noViolations(page, '/about');
});

const REVIEW = '/2026/02/lumen-tab-12-review-finally-a-tablet-you-can-work-on';

for (const scheme of ['light', 'dark']) {
  test(`a gallery, a pull quote, a wide figure and a correction render, with axe at zero (${scheme})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(REVIEW);
    // Measured on one page: a box read across the takeover's swap is of a node gone.
    await takenOver(page);
    const body = article(page);
    // The gallery: two pictures in one row, each with its size, under one caption.
    const gallery = body.locator('figure.gallery');
    const pictures = gallery.locator('img');
    await expect(pictures).toHaveCount(2);
    for (const img of await pictures.all()) {
      await expect(img).toHaveAttribute('width', '800');
      await expect(img).toHaveAttribute('height', '600');
    }
    await expect(gallery.locator('.gallery__caption')).toHaveText('The Lumen Tab 12 on its own and in its keyboard case.');
    const [first, second] = [await pictures.nth(0).boundingBox(), await pictures.nth(1).boundingBox()];
    expect(Math.abs(first.y - second.y), 'side by side').toBeLessThan(2);
    expect(second.x).toBeGreaterThan(first.x + first.width - 1);
    // The pull quote, set apart.
    await expect(body.locator('figure.pull-quote blockquote')).toHaveText(
      'For the first time, we were happy to leave the laptop at home for a week of work.',
    );
    // The wide chart is wider than the text beside it, and stays inside the main column.
    const chart = body.locator('figure.figure--wide');
    const [chartBox, textBox, mainBox] = [
      await chart.boundingBox(),
      await body.locator('.article__body > p').first().boundingBox(),
      await page.locator('main').boundingBox(),
    ];
    expect(chartBox.width).toBeGreaterThan(textBox.width + 20);
    expect(chartBox.x + chartBox.width).toBeLessThanOrEqual(mainBox.x + mainBox.width + 1);
    // Corrections at the foot, dated.
    const corrections = body.getByRole('region', { name: 'Corrections' });
    await expect(corrections.locator('li')).toContainText('It is 420 g.');
    await expect(corrections.locator('li time')).toHaveAttribute('datetime', '2026-02-12T09:00:00Z');
    await noViolations(page, `${scheme} ${REVIEW}`);
  });
}

test('at 320 px the gallery and the wide figure fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(REVIEW);
  await expect(article(page).locator('figure.gallery img').first()).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    figures: [...document.querySelectorAll('main .gallery, main .figure--wide')].map((f) => f.getBoundingClientRect().right),
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  for (const right of widths.figures) expect(right).toBeLessThanOrEqual(widths.view);
});

test('lists show the teaser before <!--more--> where the story also has a standfirst', async ({ page }) => {
  await page.goto('/2026/02');
  const card = page.locator('main article.post-card').filter({ hasText: 'Lumen Tab 12 review' });
  await expect(card.locator('.post-card__standfirst')).toHaveText(
    'Our main complaint about the Lumen Tab 11 was that it could not quite replace a laptop. The Lumen Tab 12 gets much closer.',
  );
  // The article itself keeps its standfirst.
  await card.getByRole('link').click();
  await expect(article(page).locator('.article__standfirst')).toHaveText(/^Better multitasking/);
});
