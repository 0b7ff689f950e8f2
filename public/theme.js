// The colour theme, applied before the first paint: the reader's choice (System, Light or
// Dark, kept in localStorage under masthead.theme) resolved against the system preference
// into <html data-theme="light|dark">, which the stylesheets follow. A file loaded
// synchronously in the head, so the Content-Security-Policy needs no exception for it and
// a reader who prefers dark never sees a white page. It follows changes of the system
// preference, other tabs, and the app's theme button (the masthead:theme event).
(function () {
  'use strict';
  var KEY = 'masthead.theme';
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function choice() {
    try {
      var stored = localStorage.getItem(KEY);
      return stored === 'light' || stored === 'dark' ? stored : 'system';
    } catch (e) {
      return 'system';
    }
  }

  function apply() {
    var chosen = choice();
    var dark = chosen === 'dark' || (chosen === 'system' && !!media && media.matches);
    var root = document.documentElement;
    root.setAttribute('data-theme', dark ? 'dark' : 'light');
    root.setAttribute('data-theme-choice', chosen);
  }

  apply();
  if (media) {
    if (media.addEventListener) media.addEventListener('change', apply);
    else if (media.addListener) media.addListener(apply);
  }
  window.addEventListener('storage', function (e) {
    if (e.key === KEY) apply();
  });
  window.addEventListener('masthead:theme', apply);
})();
