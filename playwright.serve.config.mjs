// The live preview, tested the way an editor uses it: `make serve` exactly as the README
// gives it, in Debian's Chromium. It starts and stops the command itself, so there is no
// webServer here; it needs ports 8080 and 8787 free (the other end-to-end tests use 8787,
// so `make test` runs this after them).
import { defineConfig } from '@playwright/test';
import { launchOptions } from './playwright.config.mjs';

export default defineConfig({
  testDir: 'tests/serve',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // The first `make serve` on a machine builds the app (trunk, release).
  timeout: 20 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:8080',
    // Once the preview answers, a page loads in well under a second: a page that does not
    // load in a minute is a failure to report, not one to wait out the whole test for.
    navigationTimeout: 60_000,
    launchOptions,
    trace: 'retain-on-failure',
  },
});
