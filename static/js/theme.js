/* Dark or light: the reader's choice, kept in this browser (localStorage, no
   cookie), else the system's (prefers-color-scheme). Loaded async from <head>:
   small, it arrives with the stylesheet, so the chosen theme is set before the
   first paint without holding the paint back. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "newsroom-theme";
  var stored = null;
  try {
    stored = window.localStorage.getItem(KEY);
  } catch (error) {
    // Storage refused (private mode): follow the system.
  }
  if (stored === "dark" || stored === "light") {
    root.setAttribute("data-theme", stored);
  }

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) {
      return chosen === "dark";
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function wireSwitch() {
    var button = document.querySelector("[data-theme-switch]");
    if (!button) {
      return;
    }
    var sync = function () {
      button.setAttribute("aria-pressed", String(isDark()));
    };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        window.localStorage.setItem(KEY, next);
      } catch (error) {
        // Not remembered, but switched for this page.
      }
      sync();
    });
  }

  // Loaded async: the page may be parsed already.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireSwitch);
  } else {
    wireSwitch();
  }
})();
