// The colour theme: System, Light or Dark, chosen with the header's button, remembered,
// and applied before the first paint (public/theme.js), so a reader who prefers dark never
// sees a white page.
import { test, expect, LEAD } from './helpers.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_BG = 'rgb(18, 20, 23)';
const LIGHT_BG = 'rgb(255, 255, 255)';
// With the app's files blocked, the loader's import fails: expected here.
const APP_BLOCKED = [/dynamically imported module|Importing a module script failed/i];

test.describe('with the dark preference', () => {
  test.use({ colorScheme: 'dark' });

  test('the first paint is already dark', async ({ page }) => {
    // When was data-theme set, and what did the page look like at its first paint?
    await page.addInitScript(() => {
      window.__theme = { setAt: null };
      new MutationObserver(() => {
        if (window.__theme.setAt === null) window.__theme.setAt = performance.now();
      }).observe(document, { attributes: true, attributeFilter: ['data-theme'], subtree: true });
    });
    await page.goto(LEAD.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
    const { setAt, firstPaint } = await page.evaluate(() => ({
      setAt: window.__theme.setAt,
      firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
    }));
    expect(setAt).not.toBeNull();
    expect(firstPaint).not.toBeNull();
    expect(setAt).toBeLessThan(firstPaint);
    expect(await background(page)).toBe(DARK_BG);
  });

  test.describe('without the app', () => {
    test.use({ allowedErrors: APP_BLOCKED });
    test('the static shell alone is dark, before any app code runs', async ({ page }) => {
      await page.route(/masthead-[0-9a-f]{12,16}(_bg\.wasm|\.js)$/, (route) => route.abort());
      await page.goto('/', { waitUntil: 'domcontentloaded' });
      await expect(page.locator('#app main')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await background(page)).toBe(DARK_BG);
    });
  });

  test('a choice of Light wins over the preference, on every page and after a reload', async ({ page }) => {
    await page.goto('/');
    const button = page.getByRole('button', { name: /^Theme:/ });
    await expect(button).toHaveText('Theme: System');
    await button.click();
    await expect(button).toHaveText('Theme: Light');
    expect(await background(page)).toBe(LIGHT_BG);
    await page.goto(LEAD.path);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background(page)).toBe(LIGHT_BG);
    await page.getByRole('button', { name: 'Theme: Light' }).click();
    await expect(page.getByRole('button', { name: /^Theme:/ })).toHaveText('Theme: Dark');
    expect(await background(page)).toBe(DARK_BG);
    await page.reload();
    await expect(page.getByRole('button', { name: /^Theme:/ })).toHaveText('Theme: Dark');
    expect(await background(page)).toBe(DARK_BG);
    await page.getByRole('button', { name: 'Theme: Dark' }).click();
    await expect(page.getByRole('button', { name: /^Theme:/ })).toHaveText('Theme: System');
    expect(await background(page)).toBe(DARK_BG);
  });
});

test.describe('without the app', () => {
  test.use({ allowedErrors: APP_BLOCKED });
  test('with the light preference a choice of Dark is applied before the first paint', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('masthead.theme', 'dark'));
    await page.route(/masthead-[0-9a-f]{12,16}(_bg\.wasm|\.js)$/, (route) => route.abort());
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    expect(await background(page)).toBe(DARK_BG);
  });
});

// Screenshots for people to look at (not compared): each route at a phone's and a
// desktop's width in both themes, saved under test-results/screenshots.
const ROUTES = [
  ['front', '/'],
  ['article', LEAD.path],
  ['month', '/2026/06'],
  ['archive', '/archive?category=reviews'],
  ['search', '/archive?q=laptops%20battery'],
  ['year', '/2025'],
  ['section', '/category/reviews'],
  ['empty-section', '/category/video'],
  ['tag', '/tag/laptops'],
  ['author', '/author/elena-marsh'],
  ['not-found', '/no/such/page'],
];
for (const scheme of ['light', 'dark']) {
  test.describe(`screenshots, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    test(`every route at 375 and 1280 px (${scheme})`, async ({ page }) => {
      test.setTimeout(150_000);
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, path] of ROUTES) {
          await page.goto(path);
          await expect(page.locator('main h1')).toBeVisible();
          await page.waitForLoadState('networkidle');
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} at ${width}`).toBe(true);
          await page.screenshot({ path: `test-results/screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
        }
      }
    });
  });
}
