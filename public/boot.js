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
    if (document.body) notice();
    else document.addEventListener('DOMContentLoaded', notice);
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

  // A form sent on the page the builder wrote (#app), before the app has taken it over:
  // held, and sent by the app as soon as it has (src/main.rs), never as a plain request.
  addEventListener('submit', function (event) {
    var form = event.target;
    if (form && form.closest && form.closest('#app')) {
      event.preventDefault();
      form.setAttribute('data-waiting', '');
    }
  }, true);
})();
