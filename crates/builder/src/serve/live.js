// The live preview's page script. `masthead-build serve` adds it to every page it serves;
// it is never written into a built site. It long-polls the preview server's status and:
// reloads the page when the content or the app was rebuilt, keeping the scroll position;
// swaps the stylesheets in place when only they changed; shows the build's problems (file,
// line, message) over the last good build until they are fixed; says when a build runs.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script) return;
  const own = new URL(script.src);
  const base = own.pathname.replace(/_masthead\/live\.js$/, '');
  const shown = {
    run: own.searchParams.get('run'),
    content: own.searchParams.get('content'),
    app: own.searchParams.get('app'),
    css: own.searchParams.get('css'),
  };
  const SCROLL_KEY = 'masthead.preview.scroll';
  const here = () => location.pathname + location.search;

  // Back where the editor was before the reload, once the page is tall enough again
  // (the app renders after the static page arrives).
  try {
    const saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || 'null');
    sessionStorage.removeItem(SCROLL_KEY);
    if (saved && saved.path === here() && saved.y > 0) {
      history.scrollRestoration = 'manual';
      const until = performance.now() + 5000;
      const restore = () => {
        const room = document.documentElement.scrollHeight - innerHeight;
        if (room >= saved.y || performance.now() > until) {
          scrollTo(0, Math.min(saved.y, room));
          document.documentElement.dataset.previewRestored = String(Math.round(scrollY));
        } else {
          setTimeout(restore, 30);
        }
      };
      restore();
    }
  } catch {
    // No session storage: the page reloads at its top.
  }

  function reload() {
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ path: here(), y: scrollY }));
    } catch {
      // As above.
    }
    location.reload();
  }

  function swapStylesheets(version) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin || url.pathname.includes('/_masthead/')) continue;
      url.searchParams.set('preview', version);
      const next = link.cloneNode();
      next.removeAttribute('integrity');
      next.href = url.href;
      // The old sheet goes once the new one applies, so nothing flashes unstyled.
      next.addEventListener('load', () => link.remove(), { once: true });
      next.addEventListener('error', () => next.remove(), { once: true });
      link.after(next);
    }
  }

  let panel = null;
  let hidden = false;
  function showProblems(problems, busy) {
    if (!problems.length && !busy) {
      panel?.remove();
      panel = null;
      return;
    }
    if (!panel) {
      panel = document.createElement('aside');
      panel.className = 'masthead-preview';
      panel.setAttribute('role', 'status');
      panel.setAttribute('aria-label', 'Preview');
      document.body.append(panel);
    }
    panel.replaceChildren();
    panel.classList.toggle('masthead-preview--problems', problems.length > 0);
    if (busy) {
      const line = document.createElement('p');
      line.className = 'masthead-preview__busy';
      line.textContent = busy;
      panel.append(line);
    }
    if (problems.length && !hidden) {
      const title = document.createElement('h2');
      title.textContent = problems.length === 1 ? '1 problem in the content' : `${problems.length} problems in the content`;
      const note = document.createElement('p');
      note.textContent = 'Each of these files is shown as it last built without errors, or left out if it never did. Fix them and save: this notice goes away by itself.';
      const list = document.createElement('ul');
      for (const p of problems) {
        const item = document.createElement('li');
        const where = document.createElement('code');
        where.textContent = p.line ? `${p.file}:${p.line}` : p.file;
        item.append(where, ' ', p.message);
        list.append(item);
      }
      const hide = document.createElement('button');
      hide.type = 'button';
      hide.textContent = 'Hide';
      hide.addEventListener('click', () => {
        hidden = true;
        showProblems([], busy);
      });
      panel.append(title, note, list, hide);
    }
    if (!panel.childElementCount) {
      panel.remove();
      panel = null;
    }
  }

  let version = -1;
  async function follow() {
    for (;;) {
      let status;
      try {
        const response = await fetch(`${base}_masthead/status?since=${version}`, { cache: 'no-store' });
        status = await response.json();
      } catch {
        // The preview server is restarting or stopped: ask again shortly.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (typeof status.version !== 'number') continue;
      version = status.version;
      const built = (s) => `${s.run}:${s.content}:${s.app}`;
      if (built(status) !== built(shown)) {
        // A first build finished, or a newer one: show it, unless it failed (the page
        // keeps what it has and lists the problems).
        if (status.content > 0 || status.app > 0) {
          reload();
          return;
        }
      }
      if (String(status.css) !== shown.css) {
        shown.css = String(status.css);
        swapStylesheets(shown.css);
      }
      if (!status.problems.length) hidden = false;
      showProblems(status.problems, status.busy);
    }
  }
  follow();
})();
