// An article on paper: the story, its byline and date, link addresses; nothing else.
import { test, expect, LEAD, takenOver } from './helpers.mjs';

test('the print stylesheet keeps the story and drops the rest', async ({ page }) => {
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await expect(page.locator('section.related')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  for (const gone of ['.site-nav', '.page__sidebar', '.site-footer', '.newsletter', 'section.related', '.skip-link']) {
    await expect(page.locator(gone).first(), gone).toBeHidden();
  }
  for (const kept of ['h1', '.article__byline', '.article__meta time', '.article__body']) {
    await expect(page.locator(kept).first(), kept).toBeVisible();
  }
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(10_000);

  // A story with links: on paper each address follows its link text.
  await page.emulateMedia({ media: 'screen' });
  await page.goto('/2024/07/browser-makers-agree-on-a-new-standard-for-privacy-friendly-ads');
  // A link the takeover replaced while its style was read would read as no style at all.
  await takenOver(page);
  const link = page.locator('.article__body a[href^="http"], .article__body a[href^="/"]').first();
  await expect(link).toBeVisible();
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
  await page.emulateMedia({ media: 'print' });
  // Chromium reports the declared value, or the value with the href put in.
  const printed = await link.evaluate((a) => getComputedStyle(a, '::after').content);
  expect(printed).toMatch(/^" \(" attr\(href\) "\)"$|^" \(.+\)"$/);
});
