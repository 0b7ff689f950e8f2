import { test as base, expect } from '@playwright/test';

// Every test fails if the app throws or panics, whatever else it checks.
export const test = base.extend({
  page: async ({ page, request }, use) => {
    await request.delete('/__faults');
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      const text = m.text();
      if (/panicked|RuntimeError|unreachable/i.test(text)) problems.push(`console: ${text}`);
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
