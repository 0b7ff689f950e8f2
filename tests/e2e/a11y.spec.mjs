// axe-core (pinned in package.json) on every route and on the loading, error and newsletter
// states, in the light and the dark colour scheme: zero violations of the WCAG 2.0, 2.1
// and 2.2 A and AA rules.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, fault, follow, LEAD, takenOver } from './helpers.mjs';
import { signupPort } from '../../playwright.config.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const endpoint = `http://127.0.0.1:${signupPort}`;

async function expectNoViolations(page, what) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, what).toEqual([]);
  // The rules really ran: a page with content passes a good number of them.
  expect(result.passes.length, what).toBeGreaterThan(10);
}

const sidebarBox = (page) =>
  page.getByRole('complementary').getByRole('region', { name: 'Sign up for our newsletter' });

for (const scheme of ['light', 'dark']) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test('every route', async ({ page }) => {
      for (const [path, heading] of [
        ['/', null],
        [LEAD.path, LEAD.title],
        ['/2026/06', /June 2026/],
        ['/archive', 'Archive'],
        ['/archive?category=reviews&q=laptop', 'Archive'],
        ['/2031/01/not-a-story', 'Page not found'],
        ['/no/such/page', 'Page not found'],
      ]) {
        await page.goto(path);
        if (heading) await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
        else await expect(page.locator('article.lead h2')).toBeVisible();
        await expect(page.locator('.loading')).toHaveCount(0);
        await expectNoViolations(page, `${scheme} ${path}`);
      }
    });

    test('loading and error states', async ({ page, request }) => {
      // Six scans and a 5 s answer: about 23 s on a quiet machine.
      test.setTimeout(60_000);
      // Loading and failing happen on the way to the next page: the first is whole HTML.
      await fault(request, `/content/posts/${LEAD.slug}.json`, 'slow', { delay: 5000 });
      await follow(page, LEAD.path);
      await expect(page.locator('.loading').first()).toBeVisible();
      await expectNoViolations(page, `${scheme} loading`);

      await request.delete('/__faults');
      await fault(request, `/content/posts/${LEAD.slug}.json`, '500');
      await follow(page, LEAD.path);
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expectNoViolations(page, `${scheme} errors`);

      // Failed files on a first view: the written page stays, whole, and nothing loads.
      await request.delete('/__faults');
      await fault(request, '/content/latest.json', '500');
      await fault(request, '/content/archive/index.json', '500');
      await page.goto('/');
      await expect(page.locator('article.lead h2')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoViolations(page, `${scheme} front page with failed files`);

      await request.delete('/__faults');
      await fault(request, '/content/archive/2026-06.json', '500');
      await fault(request, '/content/archive/x', '500');
      await follow(page, '/2026/06');
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expectNoViolations(page, `${scheme} month error`);
      // With words, the explorer reads the search folder (s…) rather than the catalogue.
      await fault(request, '/content/archive/s', '500');
      await page.goto('/archive?q=laptop');
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expectNoViolations(page, `${scheme} archive error`);
    });

    test('each newsletter state', async ({ page, request, context }) => {
      // Nine scans, a 2.1 s pause and a 3 s answer: about 24 s on a quiet machine.
      test.setTimeout(60_000);
      await request.delete(`${endpoint}/_faults`);
      await page.goto('/');
      const box = sidebarBox(page);
      await expect(box.getByRole('checkbox', { name: 'Top tech deals' })).toBeVisible();
      await expectNoViolations(page, `${scheme} newsletter idle`);

      // Every field wrong at once, and a typo hint.
      await page.waitForTimeout(2_100);
      await box.getByRole('checkbox', { name: 'Breaking news' }).uncheck();
      await box.getByRole('checkbox', { name: 'Reviews' }).uncheck();
      await box.getByLabel('Email address').fill('ada@gmial.com');
      await box.getByLabel(/First name/).fill('Ada\u0007');
      await box.getByRole('button', { name: 'Sign up' }).click();
      await box.getByLabel('Email address').fill('ada@');
      await box.getByRole('button', { name: 'Sign up' }).click();
      await expect(box.locator('.newsletter__error:not(:empty)')).toHaveCount(4);
      await expectNoViolations(page, `${scheme} newsletter invalid`);
      await box.getByLabel('Email address').fill('ada@gmial.com');
      await box.getByLabel('Email address').blur();
      await expect(box.getByText('Did you mean')).toBeVisible();
      await expectNoViolations(page, `${scheme} newsletter hint`);

      // Sending, then confirmed.
      const email = `a11y-${scheme}-${Date.now()}@example.com`;
      await box.getByLabel('Email address').fill(email);
      await box.getByLabel(/First name/).fill('Ada');
      await box.getByRole('checkbox', { name: 'Reviews' }).check();
      await box.getByRole('checkbox', { name: /I agree to receive/ }).check();
      await request.post(`${endpoint}/_faults`, { data: { answers: ['slow:3000'] } });
      await box.getByRole('button', { name: 'Sign up' }).click();
      await expect(box.getByRole('button', { name: 'Signing up…' })).toBeDisabled();
      await expectNoViolations(page, `${scheme} newsletter sending`);
      await expect(box.getByRole('status')).toContainText('check your inbox');
      await expectNoViolations(page, `${scheme} newsletter confirm`);

      // Already subscribed.
      await box.getByRole('button', { name: 'Sign up again' }).click();
      await expect(box.getByRole('status')).toContainText('already subscribed');
      await expectNoViolations(page, `${scheme} newsletter already`);

      // Refused, with Retry.
      await request.post(`${endpoint}/_faults`, { data: { answers: ['422'] } });
      await box.getByLabel('Email address').fill(`b-${email}`);
      await box.getByRole('button', { name: 'Sign up again' }).click();
      await expect(box.getByRole('button', { name: 'Retry' })).toBeVisible();
      await expectNoViolations(page, `${scheme} newsletter refused`);

      // Offline: kept on the device, with Send now.
      await context.setOffline(true);
      await box.getByRole('button', { name: 'Retry' }).click();
      await expect(box.getByRole('button', { name: 'Send now' })).toBeVisible();
      await expectNoViolations(page, `${scheme} newsletter waiting`);
      await context.setOffline(false);
      await expect(box.getByRole('status')).toContainText('check your inbox');
    });
  });
}
