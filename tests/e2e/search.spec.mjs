// Whole-text search in the archive explorer: a word from the middle of a story, stems,
// phrases, Chinese and Japanese, excerpts with the words marked, links to the section a
// match is under, "Did you mean", and the order of relevance carried in the address.
import { test, expect, takenOver } from './helpers.mjs';

const rows = (page) => page.locator('.archive__results > li');
const summary = (page) => page.locator('.archive__summary');
const CHIPS = 'Chip makers race to build factories closer to home';
const LAPTOPS = 'How we test laptops: our benchmarks, explained';

test('a word from the middle of a story finds it, with the word marked in its excerpt', async ({ page }) => {
  await page.goto('/archive?q=technicians');
  await takenOver(page);
  await expect(rows(page)).toHaveCount(1);
  const line = rows(page).first();
  await expect(line.locator('.archive-item__title')).toHaveText(CHIPS);
  await expect(line.locator('mark')).toHaveText(['technicians']);
  await expect(line.locator('.archive-item__excerpt')).toContainText('thousands of trained technicians');
  // The singular finds the plural (stemming); case and accents do not matter.
  await page.goto('/archive?q=TECHNICIAN');
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(CHIPS);
  await expect(rows(page).first().locator('mark')).toHaveText(['technicians']);
  // Every word must be found.
  await page.goto('/archive?q=technicians%20zebra');
  await expect(summary(page)).toHaveText('No stories match these filters.');
});

test('a story holding the words side by side, as typed, comes first, and the rows never move once drawn', async ({ page }) => {
  // "good deal" is in several stories; by the words alone the one that says "a good deal"
  // comes third. Its text arrives late, so rows drawn before it would have to move.
  const SALE = 'Spring tech sale: laptops, tablets and headphones';
  await page.route('**/text-*.json', async (route) => {
    await new Promise((r) => setTimeout(r, 300));
    await route.continue();
  });
  await page.goto('/archive');
  await takenOver(page);
  await expect(rows(page).first()).toBeVisible();
  await page.evaluate(() => {
    window.__drawn = [];
    const titles = () => [...document.querySelectorAll('.archive-item__title')].map((a) => a.textContent).join(' | ');
    new MutationObserver(() => {
      const now = titles();
      if (now && window.__drawn.at(-1) !== now) window.__drawn.push(now);
    }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
  });
  await page.locator('#archive-q').fill('good deal');
  await expect(page).toHaveURL('/archive?q=good%20deal');
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(SALE);
  await expect(rows(page).first().locator('mark')).toHaveText(['good', 'deal']);
  await expect(rows(page).locator('.archive-item__title')).not.toHaveCount(1);
  const final = await rows(page).locator('.archive-item__title').allTextContents();
  // Every list of titles drawn since the query began was either the list before it
  // (other stories) or the final one: never some of these stories in another order.
  const drawn = await page.evaluate(() => window.__drawn);
  const mine = drawn.map((d) => d.split(' | ')).filter((titles) => titles.every((t) => final.includes(t)));
  expect(mine).toEqual([final]);
  // In another order than relevance, nothing is ordered again.
  await page.goto('/archive?q=good%20deal&sort=oldest');
  await takenOver(page);
  await expect(rows(page).locator('.archive-item__title')).toHaveCount(final.length);
  const dates = await rows(page).locator('time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime'))));
  expect(dates).toEqual([...dates].sort((a, b) => a - b));
});

test('quoted words match as a phrase, in order', async ({ page }) => {
  await page.goto('/archive?q=%22pure%20water%22');
  await takenOver(page);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first().locator('mark')).toHaveText(['pure', 'water']);
  await page.goto('/archive?q=%22water%20pure%22');
  await expect(summary(page)).toHaveText('No stories match these filters.');
  await page.goto('/archive?q=water%20pure');
  await expect(rows(page)).toHaveCount(1);
});

test('Chinese and Japanese words are found and marked whole', async ({ page }) => {
  await page.goto(`/archive?q=${encodeURIComponent('半導体')}`);
  await takenOver(page);
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(CHIPS);
  await expect(rows(page).first().locator('mark')).toHaveText(['半導体']);
  await page.goto(`/archive?q=${encodeURIComponent('晶片競賽')}`);
  await expect(rows(page).first().locator('mark')).toHaveText(['晶片競賽']);
  // Characters of the word, not side by side, find nothing.
  await page.goto(`/archive?q=${encodeURIComponent('晶賽')}`);
  await expect(summary(page)).toHaveText('No stories match these filters.');
});

test('a match under a subheading links straight to that section', async ({ page }) => {
  await page.goto('/archive?q=colorimeter');
  await takenOver(page);
  const line = rows(page).first();
  await expect(line.locator('.archive-item__title')).toHaveText(LAPTOPS);
  const section = line.getByRole('link', { name: 'In “The tests”' });
  await expect(section).toHaveAttribute('href', /\/2025\/09\/how-we-test-laptops-our-benchmarks-explained#the-tests$/);
  await section.click();
  await expect(page).toHaveURL(/#the-tests$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LAPTOPS);
  await expect(page.locator('#the-tests')).toBeInViewport();
});

// The marks are a CSS highlight (the article's DOM is not changed): read back from
// CSS.highlights, as the text of each marked range.
const marked = (page) =>
  page.evaluate(() => {
    const h = CSS.highlights.get('search');
    return h ? [...h].map((r) => r.toString()) : [];
  });

test('an opened result marks its words on the article until the reader clears them', async ({ page }) => {
  await page.goto('/archive?q=technician%20factories');
  await takenOver(page);
  await rows(page).first().getByRole('link', { name: CHIPS }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CHIPS);
  const note = page.locator('.search-marks');
  await expect(note).toContainText('The words of your search are marked in');
  // Every place each word (as the search found it: stems, any case) stands.
  await expect.poll(() => marked(page)).toContain('technicians');
  const words = await marked(page);
  expect(words.every((w) => /^(technicians?|factor(y|ies))$/i.test(w)), words.join(',')).toBe(true);
  expect(words.some((w) => /^factories$/i.test(w))).toBe(true);
  // The page's text is as written: no element was added around the words.
  await expect(page.locator('.article__body mark')).toHaveCount(0);
  const count = Number((await note.textContent()).match(/in (\d+) places/)[1]);
  expect(count).toBe(words.length);
  await note.getByRole('button', { name: 'Clear marks' }).click();
  await expect(note).toHaveCount(0);
  expect(await marked(page)).toEqual([]);
  // Back to the results and on to another story: its own words, and none left over.
  await page.goBack();
  await expect(rows(page).first()).toBeVisible();
  await page.goto('/archive?q=colorimeter');
  await rows(page).first().getByRole('link', { name: 'In “The tests”' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LAPTOPS);
  await expect.poll(() => marked(page)).toContain('colorimeter');
  // Leaving the article takes the marks away.
  await page.getByRole('link', { name: 'Search and filter the archive' }).click();
  await expect(page).toHaveURL(/\/archive/);
  expect(await marked(page)).toEqual([]);
});

test('a misspelt word offers the word it was likely meant to be, applied in one click', async ({ page }) => {
  await page.goto('/archive?q=colorimetre');
  await takenOver(page);
  await expect(summary(page)).toHaveText('No stories match these filters.');
  const offer = page.locator('.archive__suggestion');
  await expect(offer).toHaveText('Did you mean colorimeter?');
  await offer.getByRole('link').click();
  await expect(page).toHaveURL('/archive?q=colorimeter');
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(LAPTOPS);
  await expect(offer).toHaveCount(0);
});

test('the best match comes first; newest and oldest stay choices, carried in the address', async ({ page }) => {
  await page.goto('/archive?q=battery');
  await takenOver(page);
  const order = page.getByLabel('Order');
  await expect(order).toHaveValue('relevance');
  // A story with the word in its title ranks above those that only mention it.
  await expect(rows(page).first().locator('.archive-item__title')).toHaveText(/battery/i);
  const total = await summary(page).textContent();
  await order.selectOption('newest');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL('/archive?q=battery&sort=newest');
  const dates = await rows(page).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  expect(dates.map((d) => Date.parse(d))).toEqual([...dates.map((d) => Date.parse(d))].sort((a, b) => b - a));
  // The same stories, in another order.
  await expect(summary(page)).toHaveText(total);
  await page.goBack();
  await expect(page).toHaveURL('/archive?q=battery');
  await expect(order).toHaveValue('relevance');
  // Without words, "Best match" means newest first and is not offered.
  await page.goto('/archive');
  await expect(order).toHaveValue('newest');
  await expect(order.locator('option[value="relevance"]')).toBeDisabled();
});
