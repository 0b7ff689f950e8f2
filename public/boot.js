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

  // A button pressed on the written page before the app has taken it over (the theme,
  // Share, Copy, Load from …) is pressed again on the app's page once it has, as often and
  // in the same order. The app's page takes the written one's place with the same elements
  // in the same places (src/main.rs), so a button is found again by its position.
  var pressed = [];
  addEventListener('click', function (event) {
    var el = event.target;
    var button = el && el.closest && el.closest('button');
    var app = document.getElementById('app');
    if (!button || button.type !== 'button' || !app || !app.contains(button)) return;
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
