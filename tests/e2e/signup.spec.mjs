// The newsletter signup against the real local endpoint (masthead-build signup-endpoint,
// started by playwright.config.mjs with --faults on). What the endpoint recorded is read
// from its NDJSON file; failures are scripted through its POST /_faults.
import { test, expect, takenOver, follow, LEAD, recorded, watchPosts } from './helpers.mjs';
import { signupPort } from '../../playwright.config.mjs';

const endpoint = `http://127.0.0.1:${signupPort}`;
let serial = 0;
const newEmail = (name) => `${name}-${Date.now()}-${serial++}@example.com`;

async function faults(request, answers) {
  const res = await request.post(`${endpoint}/_faults`, { data: { answers } });
  expect(res.status()).toBe(200);
}

test.beforeEach(async ({ request }) => {
  await request.delete(`${endpoint}/_faults`);
});

/// The sidebar's signup box, once the app has taken the page over (a form sent on the
/// written page before that is early.spec.mjs's).
async function openBox(page, path = '/') {
  await page.goto(path);
  await takenOver(page);
  const box = page.getByRole('complementary').getByRole('region', { name: 'Sign up for our newsletter' });
  await expect(box.getByRole('checkbox', { name: 'Top tech deals' })).toBeVisible();
  return box;
}

/// Fills the form as a person would, taking at least the time a person takes.
async function fill(page, box, email, { name = '', consent = true } = {}) {
  await box.getByLabel('Email address').fill(email);
  if (name) await box.getByLabel(/First name/).fill(name);
  if (consent) await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
  await page.waitForTimeout(2_100);
}

const status = (box) => box.getByRole('status');

/// Opens the front page, watches the POSTs and fills the sidebar form for a new address.
async function start(page, name, options) {
  const posts = watchPosts(page);
  const box = await openBox(page);
  const email = newEmail(name);
  await fill(page, box, email, options);
  return { posts, box, email };
}

test('a valid signup is recorded exactly once, with its topics and consent', async ({ page, baseURL }) => {
  const posts = watchPosts(page);
  const box = await openBox(page);
  // The site's default topics are ticked; consent never is.
  await expect(box.getByRole('checkbox', { name: 'Breaking news' })).toBeChecked();
  await expect(box.getByRole('checkbox', { name: 'Reviews' })).toBeChecked();
  await expect(box.getByRole('checkbox', { name: 'Top tech deals' })).not.toBeChecked();
  await expect(box.getByRole('checkbox', { name: /I agree to receive/ })).not.toBeChecked();
  await expect(box.getByRole('link', { name: 'Privacy notice' })).toHaveAttribute('href', '/privacy');

  const email = newEmail('valid');
  await box.getByRole('checkbox', { name: 'Reviews' }).uncheck();
  await box.getByRole('checkbox', { name: 'Top tech deals' }).check();
  await fill(page, box, email, { name: 'Ada' });
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText(`check your inbox at ${email}`);

  const lines = recorded(email);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ first_name: 'Ada', topics: ['breaking', 'deals'], source: `${baseURL}/` });
  expect(Date.parse(lines[0].consent_at)).toBeGreaterThan(Date.now() - 60_000);
  // A version 4 UUID from crypto.randomUUID().
  expect(lines[0].idempotency_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(posts).toEqual([lines[0].idempotency_key]);
  // Delivered, so nothing is left waiting in the browser.
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('masthead.signups')));
  expect(stored.pending).toEqual([]);
  expect(stored.delivered.map((d) => d.key)).toEqual([lines[0].idempotency_key]);

  // The same address again, from an article's inline box: already subscribed, still one line.
  await page.goto('/2026/06/open-weights-closed-doors');
  const inline = page.getByRole('article').getByRole('region', { name: 'Sign up for our newsletter' });
  await expect(inline.getByRole('checkbox', { name: 'Breaking news' })).toBeChecked();
  await fill(page, inline, email);
  await inline.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(inline)).toContainText(`already subscribed with ${email}`);
  expect(recorded(email)).toHaveLength(1);
});

test('each invalid input shows its message next to the field and sends nothing', async ({ page }) => {
  const posts = watchPosts(page);
  const box = await openBox(page);
  const emailField = box.getByLabel('Email address');
  const consent = box.getByRole('checkbox', { name: /I agree to receive/ });
  await page.waitForTimeout(2_100);

  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await expect(emailField).toHaveAccessibleDescription(/Enter your email address/);
  await expect(emailField).toBeFocused();
  await expect(consent).toHaveAttribute('aria-invalid', 'true');
  await expect(consent).toHaveAccessibleDescription(/we need your consent/);

  for (const [typed, message] of [
    ['ada.example.com', 'needs an @'],
    ['a b@example.com', 'cannot contain “a space”'],
    ['ada@example..com', 'not a valid domain'],
    ['ada@', 'part after the @'],
    ['ada@exa_mple.com', 'cannot contain “_”'],
  ]) {
    await emailField.fill(typed);
    await expect(emailField).toHaveAttribute('aria-invalid', 'false');
    await box.getByRole('button', { name: 'Sign up' }).click();
    await expect(emailField).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(emailField).toHaveValue(typed);
  }

  // A common domain typo gets a hint that fixes it in one click.
  await emailField.fill('ada@gmial.com');
  await emailField.blur();
  await expect(box.getByText('Did you mean')).toBeVisible();
  await expect(emailField).toHaveAccessibleDescription(/Did you mean ada@gmail.com ?\?/);
  await box.getByRole('button', { name: 'ada@gmail.com' }).click();
  await expect(emailField).toHaveValue('ada@gmail.com');

  // No topic at all.
  await box.getByRole('checkbox', { name: 'Breaking news' }).uncheck();
  await box.getByRole('checkbox', { name: 'Reviews' }).uncheck();
  await consent.check();
  await box.getByLabel(/First name/).fill('Ada\u0007');
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(box.getByRole('group', { name: 'Newsletters' })).toHaveAccessibleDescription('Choose at least one newsletter.');
  await expect(box.getByLabel(/First name/)).toHaveAccessibleDescription(/control characters/);
  await expect(consent).toHaveAttribute('aria-invalid', 'false');
  expect(posts).toEqual([]);
});

test('a double click records one signup', async ({ page, request }) => {
  const { posts, box, email } = await start(page, 'double');
  await faults(request, ['slow:1500']);
  const button = box.getByRole('button', { name: 'Sign up' });
  await button.dblclick();
  await expect(box.getByRole('button', { name: 'Signing up…' })).toBeDisabled();
  await expect(status(box)).toContainText('check your inbox');
  await expect(box.getByRole('button', { name: 'Sign up again' })).toBeEnabled();
  expect(posts).toHaveLength(1);
  expect(recorded(email)).toHaveLength(1);
});

test('a bot that fills the hidden field, or submits at once, is thanked and nothing is sent', async ({ page }) => {
  const posts = watchPosts(page);
  let box = await openBox(page);
  const trap = box.locator('input[name="website"]');
  await expect(trap).not.toBeInViewport();
  expect(await trap.getAttribute('type')).toBe('text');
  expect(await trap.getAttribute('tabindex')).toBe('-1');
  const email = newEmail('bot');
  await fill(page, box, email);
  await trap.fill('https://spam.example', { force: true });
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('check your inbox');

  // Submitted within a second of the form appearing: the box in an article the app has
  // just drawn (a form on the written page appeared when the page did).
  await follow(page, LEAD.path);
  box = page.locator('.newsletter--inline');
  await expect(box.getByRole('checkbox', { name: 'Top tech deals' })).toBeVisible();
  await box.getByLabel('Email address').fill(email);
  await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('check your inbox');
  await page.waitForTimeout(500);
  expect(posts).toEqual([]);
  expect(recorded(email)).toHaveLength(0);
});

test('offline, then online, records exactly one signup', async ({ page, context }) => {
  const { posts, box, email } = await start(page, 'offline');
  await context.setOffline(true);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('Not sent yet');
  await expect(status(box)).toContainText('saved on this device');
  await expect(box.getByRole('button', { name: 'Send now' })).toBeVisible();
  await expect(box.getByLabel('Email address')).toHaveValue(email);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('masthead.signups')));
  expect(stored.pending.map((p) => p.signup.email)).toEqual([email]);
  expect(recorded(email)).toHaveLength(0);

  await context.setOffline(false);
  await expect(status(box)).toContainText(`check your inbox at ${email}`);
  expect(recorded(email)).toHaveLength(1);
  expect(new Set(posts).size).toBe(1);
});

test('a 500 and a 429 are retried with the same key and record exactly one signup', async ({ page, request }) => {
  const { posts, box, email } = await start(page, 'retry');
  await faults(request, ['500', '429']);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('HTTP 500');
  await expect(status(box)).toContainText('busy');
  await expect(status(box)).toContainText(`check your inbox at ${email}`, { timeout: 20_000 });
  expect(posts).toHaveLength(3);
  expect(new Set(posts).size).toBe(1);
  expect(recorded(email)).toHaveLength(1);
});

test('an answer slower than the timeout is retried and still records one signup', async ({ page, request }) => {
  test.setTimeout(60_000);
  const { posts, box, email } = await start(page, 'slow');
  await faults(request, ['slow:12000']);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('did not answer within 10 seconds', { timeout: 15_000 });
  await expect(status(box)).toContainText(`check your inbox at ${email}`, { timeout: 20_000 });
  // The slow attempt reached the endpoint; the retry carried the same key and was answered
  // from its record.
  expect(posts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(posts).size).toBe(1);
  expect(recorded(email)).toHaveLength(1);
});

test('a refusal (4xx) is shown, not retried, and Retry keeps the input', async ({ page, request }) => {
  const { posts, box, email } = await start(page, 'refused', { name: 'Grace' });
  await faults(request, ['422']);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('Injected failure.');
  await page.waitForTimeout(3_000);
  expect(posts).toHaveLength(1);
  expect(JSON.parse(await page.evaluate(() => localStorage.getItem('masthead.signups'))).pending).toEqual([]);
  await expect(box.getByLabel('Email address')).toHaveValue(email);
  await expect(box.getByLabel(/First name/)).toHaveValue('Grace');
  await box.getByRole('button', { name: 'Retry' }).click();
  await expect(status(box)).toContainText(`check your inbox at ${email}`);
  expect(posts).toHaveLength(2);
  expect(recorded(email)).toHaveLength(1);
});

test('a signup queued when the page is reloaded (connection refused) is still delivered once', async ({ page, request }) => {
  test.setTimeout(60_000);
  const { posts, box, email } = await start(page, 'reload');
  // One 503, then the endpoint's port is closed for 4 s: connections are refused.
  await faults(request, ['down:4000']);
  await box.getByRole('button', { name: 'Sign up' }).click();
  await expect(status(box)).toContainText('Not sent yet');
  await page.reload();
  await expect(page.getByRole('complementary').getByRole('region', { name: 'Sign up for our newsletter' })).toBeVisible();
  await expect.poll(() => recorded(email).length, { timeout: 30_000 }).toBe(1);
  await expect
    .poll(async () => JSON.parse(await page.evaluate(() => localStorage.getItem('masthead.signups'))).pending.length)
    .toBe(0);
  await page.waitForTimeout(1_000);
  expect(recorded(email)).toHaveLength(1);
  expect(new Set(posts).size).toBe(1);
});
