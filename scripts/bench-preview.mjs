// The live preview's speed as an editor feels it: `make serve` started as the README gives
// it, the lead article open in headless Chromium, its headline changed and saved ten
// times; each time, the milliseconds from the save to the new headline on screen (the
// page reloads itself). Prints each figure and the median. Run with `make bench-preview`.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { PREVIEW, startServe, waitForHttp, interrupt } from '../tests/serve/control.mjs';
import { launchOptions } from '../playwright.config.mjs';

const FILE = 'content/posts/2026/open-weights-closed-doors.md';
const PATH = '/2026/06/open-weights-closed-doors';
const SAVES = Number(process.env.SAVES || 10);

const original = readFileSync(FILE, 'utf8');
const serve = startServe();
const browser = await chromium.launch(launchOptions);
const times = [];
try {
  await waitForHttp(`${PREVIEW}/`, 20 * 60_000, serve);
  const page = await browser.newPage();
  await page.goto(`${PREVIEW}${PATH}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (let i = 0; i < SAVES; i++) {
    const title = `Open weights, closed doors (save ${i} at ${Date.now()})`;
    // Let the tab settle into its long poll first, as it is between an editor's saves.
    await page.waitForTimeout(500);
    const saved = performance.now();
    writeFileSync(FILE, original.replace(/^title = ".*"$/m, `title = "${title}"`));
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, title, { polling: 'raf', timeout: 10_000 });
    times.push(performance.now() - saved);
    console.log(`save ${i + 1}: ${times.at(-1).toFixed(0)} ms`);
  }
} finally {
  writeFileSync(FILE, original);
  await browser.close();
  await interrupt(serve);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(
  `save to screen, ${times.length} saves: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`,
);
