// What the hostile-content tests watch for on a page: a dialog, a PWNED console message, a
// request off this machine (`hosts` are the ones allowed) or for a "pwned" address (pages
// the test opens itself may carry a payload in their address: `opened(pathname)`).
// Shared by tests/e2e/hostile.spec.mjs and tests/e2e/imported.spec.mjs.
export function watch(page, { hosts = ['127.0.0.1'], opened = () => false } = {}) {
  const seen = [];
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('console', (m) => /PWNED/.test(m.text()) && seen.push(`console: ${m.text()}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!hosts.includes(url.hostname) || (!opened(url.pathname) && /pwned/i.test(decodeURIComponent(url.pathname + url.search)))) {
      seen.push(`request: ${r.url()}`);
    }
  });
  return seen;
}
