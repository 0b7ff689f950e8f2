// The built folder as static hosts serve it: headers, the policy, routing rules, 404.html,
// precompressed files, and what a reader sees when a newer deploy removed the files the
// open page refers to. Every test here and elsewhere also fails on a CSP violation
// (helpers.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect, fault, LEAD } from './helpers.mjs';
import { githubPort } from '../../playwright.config.mjs';

const github = `http://127.0.0.1:${githubPort}`;

function inlineScriptHash(page = 'dist/index.html') {
  const html = readFileSync(page, 'utf8');
  const body = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  return `sha256-${createHash('sha256').update(body).digest('base64')}`;
}

/** The hashes of every inline script of a page (its loader, the theme script). */
function inlineScriptHashes(page) {
  const html = readFileSync(page, 'utf8');
  return [...html.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map(
    (m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`,
  );
}

test('every response carries the security headers and a policy with no inline script or stylesheet', async ({ request }) => {
  for (const path of ['/', LEAD.path, '/archive', '/content/site.json']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    const csp = h['content-security-policy'];
    // Both bundles' loaders (the reader's, on every page, and the archive page's) and the
    // inlined theme script, each by its hash, and nothing else inline.
    const scriptSrc = csp.match(/script-src ([^;]*)/)[1].split(' ');
    const hashes = [...new Set([...inlineScriptHashes('dist/index.html'), ...inlineScriptHashes('dist/archive/index.html')])];
    expect(hashes.length, 'two loaders and the theme script').toBe(3);
    expect(scriptSrc.sort(), path).toEqual(["'self'", "'wasm-unsafe-eval'", ...hashes.map((h) => `'${h}'`)].sort());
    // Inline style attributes only: a picture's average colour in its place while it loads.
    expect(csp.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['x-frame-options']).toBe('DENY');
  }
  // Each page's own part of the stylesheets is allowed by its hash, in the header and in its
  // own policy, and nothing else inline is.
  for (const path of ['/', LEAD.path, '/archive', '/2024', '/404.html']) {
    const page = await (await request.get(path)).text();
    const styles = [...page.matchAll(/<style data-critical>([\s\S]*?)<\/style>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
    );
    expect(styles.length, path).toBe(1);
    const header = (await request.get(path)).headers()['content-security-policy'];
    expect(header.match(/style-src ([^;]*)/)[1].split(' '), path).toContain(styles[0]);
    const own = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
    expect(own.match(/style-src ([^;]*)/)[1].split(' '), path).toContain(styles[0]);
  }
  // The same policy, less frame-ancestors, is in the HTML for hosts without headers.
  const html = await (await request.get('/')).text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  expect(meta).toContain(`'${inlineScriptHash()}'`);
  expect(meta).not.toContain('frame-ancestors');
});

test('hashed files are cached for a year; pages and JSON are revalidated', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const wasm = html.match(/'\/(masthead-[0-9a-f]{12,16}_bg\.wasm)'/)[1];
  const js = html.match(/'\/(masthead-[0-9a-f]{12,16}\.js)'/)[1];
  // The whole stylesheets are linked after the page's end (each page has its own part inline).
  const css = html.match(/<!--styles-->.*<link rel="stylesheet" href="\/(components-[0-9a-f]{12,16}\.css)">/)[1];
  for (const file of [wasm, js, css]) {
    const res = await request.get(`/${file}`);
    expect(res.headers()['cache-control'], file).toBe('public, max-age=31536000, immutable');
  }
  expect((await request.get(`/${wasm}`)).headers()['content-type']).toBe('application/wasm');
  for (const path of ['/', '/index.html', LEAD.path, '/content/latest.json', '/content/archive/index.json', '/feed.xml']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-cache');
  }
});

test('precompressed copies are served and decode to the same bytes', async ({ request }) => {
  const plain = await request.get('/content/latest.json', { headers: { 'accept-encoding': 'identity' } });
  const br = await request.get('/content/latest.json', { headers: { 'accept-encoding': 'br' } });
  expect(br.headers()['content-encoding']).toBe('br');
  expect(await br.text()).toBe(await plain.text());
  const gz = await request.get('/content/latest.json', { headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  expect(await gz.text()).toBe(await plain.text());
});

test('a JSON file that does not exist is a 404, not the app, and the reader is told', async ({ page, request }) => {
  const res = await request.get('/content/posts/no-such-story.json');
  expect(res.status()).toBe(404);
  await page.goto('/2026/06/no-such-story');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText('We couldn’t find that story.')).toBeVisible();
});

test('deep links load with the _redirects rules', async ({ page }) => {
  for (const [path, heading, status] of [
    ['/2026/06', /June 2026/, 200],
    ['/archive?category=reviews', 'Archive', 200],
    ['/no/such/page', 'Page not found', 404],
  ]) {
    const res = await page.goto(path);
    expect(res.status(), path).toBe(status);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
});

test('deep links load on GitHub Pages (404.html, policy from the meta tag)', async ({ page }) => {
  // Every page is a file: a month is one too.
  const month = await page.goto(`${github}/2026/06`);
  expect(month.status()).toBe(200);
  expect(month.headers()['content-security-policy']).toBeUndefined();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/June 2026/);
  await page.getByRole('link', { name: LEAD.title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  const article = await page.goto(`${github}${LEAD.path}`);
  expect(article.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  await page.goto(`${github}/archive?q=oled`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
});

test.describe('deploy skew', () => {
  // The failed start is an uncaught error in the page; that is the point of these tests.
  test.use({ allowedErrors: [/WebAssembly|wasm|Failed to fetch|dynamically imported module|Importing a module script failed/i] });

  const module = readFileSync('dist/index.html', 'utf8').match(/'\/(masthead-[0-9a-f]{12,16}\.js)'/)[1];
  for (const [what, match] of [
    ['the wasm', '_bg.wasm'],
    ['the JavaScript', module],
  ]) {
  test(`a page whose ${what} was removed by a newer deploy offers a reload`, async ({ page, request, baseURL }) => {
    await fault(request, match, '404');
    await page.goto(LEAD.path);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('A new version of this site is available.');
    await expect(alert.getByRole('link', { name: 'Reload' })).toHaveAttribute('href', `${baseURL}${LEAD.path}`);
    // The static headline of the article page stays readable.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
    await request.delete('/__faults');
    await alert.getByRole('link', { name: 'Reload' }).click();
    await expect(page.locator('.app article h1')).toHaveText(LEAD.title);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}
});

test('archive files replaced by a newer deploy ask for a reload, not a retry', async ({ page, request }) => {
  // The catalogue (x…) for a bare archive page, the search folder (s…) once there are words.
  await fault(request, '/content/archive/x', '404');
  await fault(request, '/content/archive/s', '404');
  await page.goto('/archive?q=oled');
  const alert = page.getByRole('alert').filter({ hasText: 'earlier version of this site' });
  await expect(alert).toContainText('A new version of this site is available: reload the page.');
  await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await request.delete('/__faults');
  await alert.getByRole('link', { name: 'Reload' }).click();
  await expect(page.getByRole('link', { name: /OLED/i }).first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

// The archive explorer is a bundle of its own, so that every other first view downloads
// less: the reader's bundle hands a client-side navigation to /archive over to the archive
// page, which loads the other bundle.
test('the archive page has its own bundle, reached from any page and left with Back', async ({ page }) => {
  const wasm = [];
  page.on('request', (r) => r.url().endsWith('_bg.wasm') && wasm.push(new URL(r.url()).pathname));
  await page.goto(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  expect(wasm).toHaveLength(1);
  const reader = wasm[0];
  await page.getByRole('link', { name: 'Search and filter the archive' }).click();
  await expect(page).toHaveURL(/\/archive$/);
  await expect(page.getByRole('search', { name: 'Filter the archive' })).toBeVisible();
  expect(wasm).toHaveLength(2);
  expect(wasm[1]).not.toBe(reader);
  // The archive page's bundle has every route: reading on from there stays in it.
  await page.locator('.archive__results a').first().click();
  await expect(page).toHaveURL(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
  expect(wasm).toHaveLength(2);
  // Back within the archive page's document, then to the article's own document.
  await page.goBack({ waitUntil: 'commit' });
  await expect(page).toHaveURL(/\/archive$/);
  await expect(page.getByRole('search', { name: 'Filter the archive' })).toBeVisible();
  await page.goBack({ waitUntil: 'commit' });
  await expect(page).toHaveURL(LEAD.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEAD.title);
});

test('a host that answers /archive with the front page gets a clear message, not a reload loop', async ({ page, request }) => {
  await fault(request, '/archive', 'html');
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto('/archive?year=2025');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByText('The archive page is missing from this copy of the site')).toBeVisible();
  await page.waitForTimeout(500);
  expect(loads).toBe(1);
});
