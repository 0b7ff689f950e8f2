// What a reader does on the written page before the app has taken it over (public/boot.js):
// the app's wasm is held back, or fails, while the reader signs up, presses the page's
// buttons and searches. Signups go to the real local endpoint (masthead-build
// signup-endpoint) for the sample's JSON webhook and for a form back end; the third-party
// providers (Mailchimp, Buttondown, Kit) cannot be reached from here, so their addresses are
// answered in the browser as the providers answer, and every request to them is counted.
import { test, expect, LEAD, takenOver, recorded, watchPosts } from './helpers.mjs';
import { signupPort, providerPorts } from '../../playwright.config.mjs';

const endpoint = `http://127.0.0.1:${signupPort}`;
const WASM = /masthead-[0-9a-f]{12,16}_bg\.wasm$/;
const APP_BLOCKED = [/WebAssembly|wasm|Failed to fetch|dynamically imported module|Importing a module script failed/i];
const TESTS = '/2025/09/how-we-test-laptops-our-benchmarks-explained';
let serial = 0;
const newEmail = (name) => `early-${name}-${Date.now()}-${serial++}@example.com`;

/// Holds the app's wasm back until the returned function is called.
async function holdApp(page) {
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(WASM, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/// Every request the page sends to `pattern`, answered by `answer(route)`.
async function provider(page, pattern, answer) {
  const seen = [];
  await page.route(pattern, async (route) => {
    const r = route.request();
    if (r.method() === 'OPTIONS') {
      // A CORS preflight, answered as the provider's API answers it.
      return route.fulfill({
        status: 204,
        headers: {
          'access-control-allow-origin': r.headers().origin ?? '*',
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type, accept',
        },
      });
    }
    seen.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' });
    await answer(route);
  });
  return seen;
}

/// The newsletter box at the foot of the lead article, on the written page.
function inlineBox(page) {
  return page.locator('#app .newsletter--inline');
}

/// Types an address and ticks consent on the written page, as a reader does.
async function fillEarly(page, box, email) {
  await box.getByLabel('Email address').fill(email);
  await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
  await page.waitForTimeout(800);
  await expect(page.locator('#app')).toHaveCount(1);
}

test.describe('a signup pressed before the app is there', () => {
  test('held for the JSON webhook: sent once by the app, and the reader told in the form', async ({ page }) => {
    const posts = watchPosts(page);
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('json');
    await fillEarly(page, box, email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    // Told at once, on the written page, where they pressed.
    await expect(box.getByRole('status')).toContainText('will be sent as soon as this page has finished loading');
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    release();
    await takenOver(page);
    const live = page.locator('.newsletter--inline');
    await expect(live.getByRole('status')).toContainText(`check your inbox at ${email}`);
    await expect(live.getByLabel('Email address')).toHaveValue(email);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toBeTruthy();
    const lines = recorded(email);
    expect(lines).toHaveLength(1);
    expect(lines[0].idempotency_key).toBe(posts[0]);
    expect(lines[0].source).toContain(LEAD.path);
    // Nothing is left waiting to be sent again.
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(await page.evaluate(() => localStorage.getItem('masthead.signups') ?? '{"pending":[]}')).pending).toEqual([]);
  });

  test('held for Kit: sent once through Kit’s API by the app, with Kit’s answer shown', async ({ page }) => {
    const base = `http://127.0.0.1:${providerPorts.kit}`;
    const kit = await provider(page, /^https:\/\/api\.convertkit\.com\//, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': base },
        body: JSON.stringify({ subscription: { id: 1, state: 'inactive', subscriber: { id: 2 } } }),
      }),
    );
    const release = await holdApp(page);
    await page.goto(`${base}${LEAD.path}`, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('kit');
    await fillEarly(page, box, email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(box.getByRole('status')).toContainText('will be sent as soon as this page has finished loading');
    expect(kit).toEqual([]);
    release();
    await takenOver(page);
    await expect(page.locator('.newsletter--inline').getByRole('status')).toContainText(`check your inbox at ${email}`);
    await page.waitForTimeout(500);
    expect(kit).toHaveLength(1);
    expect(kit[0].url).toBe('https://api.convertkit.com/v3/forms/4815162/subscribe');
    expect(JSON.parse(kit[0].body)).toMatchObject({ email, api_key: 'public-test-key' });
  });

  test('to a form back end: posted at once as a plain form, recorded once, answered with a page', async ({ page }) => {
    const base = `http://127.0.0.1:${providerPorts.form}`;
    await holdApp(page);
    await page.goto(`${base}${LEAD.path}`, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    await expect(box.locator('form')).toHaveAttribute('action', `${endpoint}/subscribe`);
    const email = newEmail('form');
    await fillEarly(page, box, email);
    await box.getByRole('checkbox', { name: 'Top tech deals' }).check();
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(`${endpoint}/subscribe`);
    await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Check your inbox to confirm your subscription.');
    await expect(page.getByRole('link', { name: 'Back to the site' })).toHaveAttribute('href', `${base}${LEAD.path}`);
    const lines = recorded(email);
    expect(lines).toHaveLength(1);
    expect(lines[0].topics).toEqual(['breaking', 'reviews', 'deals']);
    expect(lines[0].idempotency_key).toBeTruthy();
    expect(Date.parse(lines[0].consent_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('to Mailchimp: posted at once to its form, once, with its own field names and bot trap', async ({ page }) => {
    const mailchimp = await provider(page, /^https:\/\/thecircuit\.us1\.list-manage\.com\//, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>Mailchimp</title><h1>Almost finished...</h1><p>We need to confirm your email address.</p>',
      }),
    );
    await holdApp(page);
    await page.goto(`http://127.0.0.1:${providerPorts.mailchimp}${LEAD.path}`, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('mailchimp');
    await fillEarly(page, box, email);
    await box.getByLabel(/First name/).fill('Ada');
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Almost finished...' })).toBeVisible();
    expect(mailchimp).toHaveLength(1);
    expect(mailchimp[0].method).toBe('POST');
    expect(mailchimp[0].url).toBe('https://thecircuit.us1.list-manage.com/subscribe/post?u=5a1b2c&id=9f8e7d');
    const fields = new URLSearchParams(mailchimp[0].body);
    expect(fields.get('EMAIL')).toBe(email);
    expect(fields.get('FNAME')).toBe('Ada');
    expect(fields.get('b_5a1b2c_9f8e7d')).toBe('');
    expect(fields.getAll('breaking')).toEqual(['breaking']);
  });

  test('to Buttondown: posted at once to its embed form, once', async ({ page }) => {
    const buttondown = await provider(page, /^https:\/\/buttondown\.com\//, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Buttondown</title><h1>Thanks for subscribing</h1>' }),
    );
    await holdApp(page);
    await page.goto(`http://127.0.0.1:${providerPorts.buttondown}${LEAD.path}`, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('buttondown');
    await fillEarly(page, box, email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Thanks for subscribing' })).toBeVisible();
    expect(buttondown).toHaveLength(1);
    expect(buttondown[0].url).toBe('https://buttondown.com/api/emails/embed-subscribe/thecircuit');
    const fields = new URLSearchParams(buttondown[0].body);
    expect(fields.get('email')).toBe(email);
    expect(fields.get('embed')).toBe('1');
    expect(fields.getAll('tag')).toEqual(['breaking', 'reviews']);
  });

  test('a filled bot trap on the written page: thanked, nothing sent', async ({ page }) => {
    const posts = watchPosts(page);
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('bot');
    await fillEarly(page, box, email);
    await box.locator('.newsletter__trap input[type=text]').fill('https://spam.example', { force: true });
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(box.getByRole('status')).toHaveText('Thank you.');
    release();
    await takenOver(page);
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(recorded(email)).toEqual([]);
  });

  test('without JavaScript the form says why it cannot sign up, or posts to a provider that takes a form', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    // (Chromium parses <noscript> as scripting on even with scripts off: its text is read.)
    await page.goto(LEAD.path);
    expect(await page.content()).toContain('Signing up needs JavaScript, which is off in this browser.');
    await page.goto(`http://127.0.0.1:${providerPorts.form}${LEAD.path}`);
    const box = inlineBox(page);
    expect(await page.content()).not.toContain('Signing up needs JavaScript');
    // The browser checks the fields itself: nothing goes without consent.
    const email = newEmail('nojs');
    await box.getByLabel('Email address').fill(email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(`http://127.0.0.1:${providerPorts.form}${LEAD.path}`);
    await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    const lines = recorded(email);
    expect(lines).toHaveLength(1);
    expect(lines[0].topics).toEqual(['breaking', 'reviews']);
    await context.close();
  });
});

test.describe('when the app fails to load', () => {
  test.use({ allowedErrors: APP_BLOCKED });

  test('a signup kept for the app says what to do; nothing is sent and the address stays', async ({ page }) => {
    const posts = watchPosts(page);
    let fail;
    const failing = new Promise((r) => (fail = r));
    await page.route(WASM, async (route) => {
      await failing;
      await route.abort();
    });
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('failed');
    await fillEarly(page, box, email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(box.getByRole('status')).toContainText('will be sent as soon as this page has finished loading');
    fail();
    await expect(box.getByRole('status')).toContainText('This page did not finish loading, so your signup was not sent. Reload the page and sign up again.');
    await expect(box.getByLabel('Email address')).toHaveValue(email);
    // Pressed again: the same answer, at once.
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(box.getByRole('status')).toContainText('Reload the page and sign up again.');
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(recorded(email)).toEqual([]);
  });

  test('a signup to a form back end still goes, as a plain form', async ({ page }) => {
    await page.route(WASM, (route) => route.abort());
    await page.goto(`http://127.0.0.1:${providerPorts.form}${LEAD.path}`, { waitUntil: 'domcontentloaded' });
    const box = inlineBox(page);
    const email = newEmail('failed-form');
    await fillEarly(page, box, email);
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    expect(recorded(email)).toHaveLength(1);
  });
});

test.describe('the written page’s controls', () => {
  test('what was typed and ticked carries over the takeover: the search words, the fields, the consent box', async ({ page }) => {
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const search = page.getByRole('searchbox', { name: 'Search the archive' });
    await search.fill('solid state');
    const box = page.locator('.newsletter--inline');
    await box.getByLabel('Email address').fill('reader@example.com');
    await box.getByLabel(/First name/).fill('Ada');
    await box.getByRole('checkbox', { name: 'Reviews' }).uncheck();
    await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
    release();
    await takenOver(page);
    await expect(search).toHaveValue('solid state');
    await expect(box.getByLabel('Email address')).toHaveValue('reader@example.com');
    await expect(box.getByLabel(/First name/)).toHaveValue('Ada');
    await expect(box.getByRole('checkbox', { name: 'Reviews' })).not.toBeChecked();
    await expect(box.getByRole('checkbox', { name: 'Breaking news' })).toBeChecked();
    await expect(box.getByRole('checkbox', { name: /I agree to receive/ })).toBeChecked();
  });

  test('the theme changes at once, and the app’s button says what was chosen', async ({ page }) => {
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const theme = page.getByRole('button', { name: /^Theme:/ });
    await expect(theme).toHaveText('Theme: System');
    await theme.click();
    await expect(theme).toHaveText('Theme: Light');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await theme.click();
    await expect(theme).toHaveText('Theme: Dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('masthead.theme'))).toBe('dark');
    release();
    await takenOver(page);
    // Not pressed a second time on the app's page.
    await expect(theme).toHaveText('Theme: Dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await theme.click();
    await expect(theme).toHaveText('Theme: System');
  });

  test('Share and Copy work at once on the written page', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.locator('#app .share__status')).toHaveText('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${LEAD.path}`);

    await page.goto(TESTS, { waitUntil: 'domcontentloaded' });
    const listing = page.locator('#app figure.code').first();
    await listing.getByRole('button', { name: 'Copy' }).click();
    await expect(listing.locator('.code__status')).toHaveText('Copied');
    const code = await listing.locator('pre').textContent();
    expect(code.length).toBeGreaterThan(10);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(await page.locator('#app').count()).toBe(1);
    release();
    await takenOver(page);
  });

  test('an embed asked for early says it is coming, and loads once the app is there', async ({ page }) => {
    await page.route(/youtube-nocookie\.com/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>embed</title><p>frame</p>' }),
    );
    const release = await holdApp(page);
    await page.goto(TESTS, { waitUntil: 'domcontentloaded' });
    const video = page.locator('#app figure.embed--youtube');
    await video.getByRole('button', { name: 'Load from YouTube' }).click();
    await expect(video.locator('.embed__note')).toHaveText('Loading in a moment…');
    release();
    await takenOver(page);
    await expect(page.locator('figure.embed--youtube iframe.embed__frame')).toHaveAttribute(
      'src',
      'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ',
    );
  });

  test('a search sent from the header before the app is there lands on the archive with the words', async ({ page }) => {
    const release = await holdApp(page);
    await page.goto(LEAD.path, { waitUntil: 'domcontentloaded' });
    const search = page.locator('#app').getByRole('searchbox', { name: 'Search the archive' });
    await search.fill('battery');
    await search.press('Enter');
    // At once, as a plain form: the archive's own page, with the words in its address.
    await expect(page).toHaveURL(/\/archive\?q=battery$/);
    release();
    await takenOver(page);
    await expect(page.getByRole('searchbox', { name: 'Words' })).toHaveValue('battery');
  });
});
