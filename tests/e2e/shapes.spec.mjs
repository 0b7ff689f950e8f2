// Publications in the shapes real WordPress, Ghost and Hugo sites have (scripts/shapes-site.mjs),
// imported and built: every picture of the source is on the written page and after the
// app takes it over, each with its width and height and loaded; code blocks are
// highlighted; old addresses lead to the new ones; axe finds nothing (decorative pictures,
// figures made from paragraphs and links).
import AxeBuilder from '@axe-core/playwright';
import { test, expect, takenOver } from './helpers.mjs';
import { shapesPorts } from '../../playwright.config.mjs';

const SITES = {
  wordpress: {
    pages: [
      // 1–5 and 9 in the body (in a paragraph, in a link, among words, a list gallery, a
      // linked figure), 6–7 the [gallery] of the post's attachments.
      { path: '/2022/03/pictures', pictures: 8, code: 'csharp', linked: '/wp-content/uploads/2022/03/p9.svg' },
      { path: '/2022/03/image-only', pictures: 1 },
    ],
  },
  ghost: {
    pages: [{ path: '/2017/01/old-times', pictures: 2, code: 'javascript', old: '/old-times' }],
  },
  hugo: {
    pages: [{ path: '/2024/05/bundle', pictures: 1, code: 'go', old: '/posts/bundle/' }],
  },
};

// WordPress's attachments keep the old site's address (https://shapes.example/…): here
// it answers with the picture, so no test waits on the closed network.
async function oldSite(page) {
  await page.route('https://shapes.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', path: 'public/images/open-closed.svg' }),
  );
}

async function checkPictures(page, expected) {
  const pictures = page.locator('article .article__body img');
  await expect(pictures).toHaveCount(expected);
  const seen = await pictures.evaluateAll((imgs) =>
    Promise.all(
      imgs.map(async (img) => {
        img.loading = 'eager';
        await img.decode().catch(() => {});
        return { src: img.getAttribute('src'), width: img.getAttribute('width'), height: img.getAttribute('height'), loaded: img.naturalWidth > 0 };
      }),
    ),
  );
  for (const p of seen) {
    expect(p.width, `${p.src} has a width`).toMatch(/^\d+$/);
    expect(p.height, `${p.src} has a height`).toMatch(/^\d+$/);
    expect(p.loaded, `${p.src} loads`).toBe(true);
  }
}

for (const [kind, { pages }] of Object.entries(SITES)) {
  const SITE = `http://127.0.0.1:${shapesPorts[kind]}`;
  for (const { path, pictures, code, old, linked } of pages) {
    test(`${kind}: ${path} has every picture and its code, written and after the takeover`, async ({ browser, page }) => {
      // The written page, as a reader without JavaScript gets it.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const written = await plain.newPage();
      await oldSite(written);
      await written.goto(`${SITE}${path}`);
      await checkPictures(written, pictures);
      if (code) {
        await expect(written.locator(`figure.code .code__language`)).toHaveText(code);
        await expect(written.locator('figure.code [class^="tok-"]').first()).toBeVisible();
      }
      // A linked picture is a link around the picture, named by its alt text.
      if (linked) await expect(written.getByRole('link', { name: 'Nine, linked to its larger copy' })).toHaveAttribute('href', linked);
      await plain.close();
      // The app's page.
      await oldSite(page);
      await page.goto(`${SITE}${path}`);
      await takenOver(page);
      await checkPictures(page, pictures);
      if (code) await expect(page.locator('figure.code [class^="tok-"]').first()).toBeVisible();
      if (linked) await expect(page.getByRole('link', { name: 'Nine, linked to its larger copy' })).toHaveAttribute('href', linked);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
    if (old) {
      test(`${kind}: the old address ${old} leads to ${path}`, async ({ page }) => {
        await page.goto(`${SITE}${old}`);
        await expect(page).toHaveURL(`${SITE}${path}`);
        await expect(page.locator('article h1')).toBeVisible();
      });
    }
  }
}
