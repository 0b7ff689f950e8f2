import { readFileSync, existsSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { signupLog, signupPort, sitePorts } from '../../playwright.config.mjs';

// Every test fails if the app throws or panics, or the Content-Security-Policy blocks
// anything, whatever else it checks.
export const test = base.extend({
  // Each worker's own copy of the dist/ server, so its injected faults reach only its pages.
  baseURL: async ({}, use, testInfo) => {
    await use(`http://127.0.0.1:${sitePorts[testInfo.parallelIndex % sitePorts.length]}`);
  },
  // Page errors a test expects (deploy-skew tests break the app's start on purpose).
  allowedErrors: [[], { option: true }],
  page: async ({ page, request, allowedErrors }, use) => {
    await request.delete('/__faults');
    const problems = [];
    page.on('pageerror', (e) => {
      if (!allowedErrors.some((re) => re.test(e.message))) problems.push(`page error: ${e.message}`);
    });
    page.on('console', (m) => {
      const text = m.text();
      if (/panicked|RuntimeError|unreachable/i.test(text)) problems.push(`console: ${text}`);
      // The server applies dist/_headers, so the Content-Security-Policy is enforced on
      // every page of every test; any violation fails the test.
      if (/Content Security Policy|CSP violation/i.test(text)) problems.push(`console: ${text}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    await use(page);
    await request.delete('/__faults');
    expect(problems, 'the app threw or panicked').toEqual([]);
  },
});

export { expect };

export const LEAD = {
  slug: 'open-weights-closed-doors',
  path: '/2026/06/open-weights-closed-doors',
  title: 'Open weights, closed doors: the fight over who gets to build AI',
};

export async function fault(request, match, kind, extra = {}) {
  const res = await request.post('/__faults', { data: { match, kind, ...extra } });
  expect(res.status()).toBe(201);
}

export async function clearFaults(request) {
  await request.delete('/__faults');
}

export const sidebar = (page) => page.getByRole('complementary', { name: 'More from this publication' });
export const recentPosts = (page) => page.getByRole('region', { name: 'Recent Posts' });
export const archives = (page) => page.getByRole('navigation', { name: 'Archives' });

/// Opens a year of the sidebar's Archives list (years other than the newest start closed).
export async function openYear(page, year) {
  const details = archives(page).locator('details', { has: page.locator('summary', { hasText: String(year) }) });
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

// The app has taken over the page the builder wrote (src/takeover.rs swaps the two): the
// written page's `#app` is gone.
export async function takenOver(page) {
  await expect(page.locator('#app')).toHaveCount(0);
}

// A client-side navigation, as a click on a link of the site makes once the app has
// taken the page over (the first page of a visit is the builder's HTML, never loading).
export async function follow(page, path, from = '/') {
  await page.goto(from);
  await takenOver(page);
  await page.evaluate((to) => {
    const link = document.createElement('a');
    link.href = to;
    document.body.append(link);
    link.click();
    link.remove();
  }, path);
}

/// The lines the local signup endpoint (started by playwright.config.mjs) wrote for one
/// address.
export function recorded(email) {
  if (!existsSync(signupLog)) return [];
  return readFileSync(signupLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.email === email);
}

/// Every POST the page sends to the local signup endpoint, by its idempotency key.
export function watchPosts(page) {
  const endpoint = `http://127.0.0.1:${signupPort}`;
  const posts = [];
  page.on('request', (r) => {
    if (r.url().startsWith(endpoint) && r.method() === 'POST') posts.push(r.headers()['idempotency-key']);
  });
  return posts;
}
