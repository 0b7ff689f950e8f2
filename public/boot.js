// Masthead's start-up guard, loaded before the app. If the app's own files cannot load
// (most often because a newer deploy replaced the hashed files this page refers to), the
// reader is told and offered a reload, instead of a page that never finishes loading.
// A file (not an inline script) so the Content-Security-Policy needs no exception for it.
(function () {
  'use strict';
  var started = false;
  var HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)(\?|$)/;

  function notice() {
    if (!document.body || document.querySelector('.crash')) return;
    var box = document.createElement('div');
    box.className = 'crash';
    box.setAttribute('role', 'alert');
    var text = document.createElement('p');
    text.textContent = 'A new version of this site is available.';
    var reload = document.createElement('a');
    reload.className = 'button';
    reload.href = location.href;
    reload.textContent = 'Reload';
    box.appendChild(text);
    box.appendChild(reload);
    document.body.insertBefore(box, document.body.firstChild);
  }

  function later() {
    failed = true;
    if (document.body) gone();
    else document.addEventListener('DOMContentLoaded', gone);
  }

  // The app will not come: the reader is told, and so is each form kept for it.
  function gone() {
    notice();
    Array.prototype.forEach.call(document.querySelectorAll('#app form[data-waiting]'), function (form) {
      form.removeAttribute('data-waiting');
      cannotSend(form);
    });
  }

  addEventListener('TrunkApplicationStarted', function () { started = true; });

  // Load failures of elements do not bubble; they are seen in the capture phase. The
  // inline module script that starts the app fails this way when its import is missing.
  addEventListener('error', function (event) {
    var el = event.target;
    if (el === window || !el || !el.tagName) {
      // An exception while starting: the wasm file was missing or not WebAssembly.
      if (!started) later();
      return;
    }
    var url = el.src || el.href || '';
    if (HASHED.test(url) || (el.tagName === 'SCRIPT' && el.type === 'module' && !el.src)) later();
  }, true);

  addEventListener('unhandledrejection', function () {
    if (!started) later();
  });

  // What a reader does on the page the builder wrote (#app), before the app has taken it
  // over, is never lost: forms that work as plain requests go at once, a newsletter signup
  // that needs the app is kept for it, and each control acts at once or says it will.
  var failed = false;

  // A newsletter form's status line.
  function statusOf(form) {
    return document.getElementById(form.getAttribute('aria-describedby') || '');
  }

  function say(form, tone, text) {
    var status = statusOf(form);
    if (!status) return;
    var line = document.createElement('p');
    line.className = 'newsletter__status--' + tone;
    line.textContent = text;
    status.textContent = '';
    status.appendChild(line);
  }

  function cannotSend(form) {
    say(form, 'error', 'This page did not finish loading, so your signup was not sent. ' +
      'Reload the page and sign up again.');
  }

  function stamp(form, name, value) {
    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = name;
    field.value = value;
    field.setAttribute('data-stamp', '');
    form.appendChild(field);
  }

  // A search form (get) goes at once, as it does without JavaScript. A newsletter form
  // whose provider takes a plain form post (it has an action) goes at once to the provider,
  // with what the app's request would carry, the browser having checked its fields. Any
  // other newsletter form is kept, and the app sends it as soon as it has taken over
  // (src/takeover.rs): through its queue, checks and idempotency key.
  addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.closest || !form.closest('#app')) return;
    if ((form.getAttribute('method') || '').toLowerCase() !== 'post') return;
    if (form.hasAttribute('data-waiting') || form.hasAttribute('data-sent')) {
      event.preventDefault();
      return;
    }
    var trap = form.querySelector('.newsletter__trap input[type=text]');
    if (trap && trap.value) {
      // A bot: as the app does, it is thanked and nothing is sent.
      event.preventDefault();
      say(form, 'done', 'Thank you.');
      return;
    }
    if (form.hasAttribute('action') && navigator.onLine !== false) {
      form.setAttribute('data-sent', '');
      if (form.hasAttribute('data-stamp')) {
        Array.prototype.forEach.call(form.querySelectorAll('input[data-stamp]'), function (old) { old.remove(); });
        stamp(form, 'consent_at', new Date().toISOString());
        stamp(form, 'idempotency_key', crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
        stamp(form, 'source', location.origin + location.pathname);
      }
      say(form, 'busy', 'Sending…');
      return;
    }
    event.preventDefault();
    if (failed) return cannotSend(form);
    form.setAttribute('data-waiting', '');
    say(form, 'busy', 'Your signup is kept and will be sent as soon as this page has finished loading.');
  }, true);

  // Back from the provider's page to this one as it was left (the back-forward cache): the
  // form can be sent again.
  addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll('#app form[data-sent]'), function (form) {
      form.removeAttribute('data-sent');
      var status = statusOf(form);
      if (status) status.textContent = '';
    });
  });

  function copy(text, done) {
    var clipboard = navigator.clipboard;
    if (!clipboard || !clipboard.writeText) return done(false);
    clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
  }

  function tell(button, selector, text) {
    var status = button.parentNode && button.parentNode.querySelector(selector);
    if (status) status.textContent = text;
  }

  // The controls that can do their work on the written page do it at once, in the press
  // (Share and Copy need it: browsers allow them only in answer to the reader's own press).
  // The app's page reads the theme from storage, so none of these is pressed again there.
  var THEMES = { system: 'light', light: 'dark', dark: 'system' };
  var NAMES = { system: 'System', light: 'Light', dark: 'Dark' };
  function atOnce(button) {
    if (button.classList.contains('theme-toggle')) {
      var next = THEMES[document.documentElement.getAttribute('data-theme-choice')] || 'light';
      try { localStorage.setItem('masthead.theme', next); } catch (e) { /* kept for this page only */ }
      dispatchEvent(new Event('masthead:theme'));
      var label = button.querySelector('.visually-hidden');
      if (label) label.textContent = 'Theme: ' + NAMES[next];
      return true;
    }
    if (button.classList.contains('share__button')) {
      var heading = document.querySelector('#app h1');
      var url = location.origin + location.pathname;
      if (navigator.share) {
        navigator.share({ title: heading ? heading.textContent : document.title, url: url }).catch(function () {});
      } else {
        copy(url, function (ok) { tell(button, '.share__status', ok ? 'Link copied.' : 'Copy this link: ' + url); });
      }
      return true;
    }
    if (button.classList.contains('code__copy')) {
      var listing = button.closest('.code');
      var code = listing && listing.querySelector('pre');
      copy(code ? code.textContent : '', function (ok) {
        tell(button, '.code__status', ok ? 'Copied' : 'Select the code to copy it');
      });
      return true;
    }
    return false;
  }

  // Any other button pressed on the written page before the app has taken it over (Load
  // from …) is pressed again on the app's page once it has, as often and in the same order.
  // The app's page takes the written one's place with the same elements in the same places
  // (src/takeover.rs), so a button is found again by its position.
  var pressed = [];
  addEventListener('click', function (event) {
    var el = event.target;
    var button = el && el.closest && el.closest('button');
    var app = document.getElementById('app');
    if (!button || button.type !== 'button' || !app || !app.contains(button)) return;
    if (atOnce(button)) return;
    // An embed's frame comes with the app (its address is in the story's file): the card
    // says so until then.
    if (button.classList.contains('embed__load')) {
      if (failed) return tell(button, '.embed__note', 'This page did not finish loading: use the link below.');
      tell(button, '.embed__note', 'Loading in a moment…');
    }
    var path = [];
    for (var node = button; node !== app; node = node.parentElement) {
      var i = 0;
      for (var s = node.previousElementSibling; s; s = s.previousElementSibling) i++;
      path.unshift(i);
    }
    if (!pressed.length) {
      new MutationObserver(function (changes, observer) {
        if (app.isConnected) return;
        observer.disconnect();
        changes.forEach(function (change) {
          Array.prototype.forEach.call(change.addedNodes, function (live) {
            if (!live.classList || !live.classList.contains('app')) return;
            pressed.forEach(function (path) {
              var at = live;
              for (var k = 0; at && k < path.length; k++) at = at.children[path[k]];
              if (at && at.tagName === 'BUTTON') at.click();
            });
          });
        });
      }).observe(app.parentNode, { childList: true });
    }
    pressed.push(path);
  }, true);
})();
