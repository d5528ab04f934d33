/* The article page's newsdesk tools: the read beacon, sharing, live updates.
   Without JavaScript the share links still work, and a reload shows the newest
   updates; nothing here sets a cookie or sends one. */
(function () {
  "use strict";

  // Most read: one anonymous count per page view, no cookie (credentials: omit).
  // Sent once the page has loaded and painted: on a phone's slow line the count,
  // a round trip to the app, must not hold a connection the page's own files
  // and first paint wait for (issue #17).
  var read = document.querySelector("[data-read-url]");
  if (read && window.fetch) {
    afterLoadAndPaint(function () {
      fetch(read.getAttribute("data-read-url"), {
        method: "POST", credentials: "omit", keepalive: true, cache: "no-store"
      }).catch(function () {});
    });
  }

  function afterLoadAndPaint(callback) {
    var afterPaint = function () {
      if (document.hidden) {
        callback();  // a background tab paints nothing (and runs no frames) until shown
        return;
      }
      // A frame's callbacks run before it is painted: the next frame's come after.
      window.requestAnimationFrame(function () { window.requestAnimationFrame(callback); });
    };
    if (document.readyState === "complete") {
      afterPaint();
    } else {
      window.addEventListener("load", afterPaint, { once: true });
    }
  }

  // Share: the phone's own share sheet where there is one, and copying the link.
  var share = document.querySelector(".share");
  if (share) {
    var url = share.getAttribute("data-share-url");
    var title = share.getAttribute("data-share-title");
    var status = share.querySelector(".share-status");
    var native = share.querySelector("[data-share-native]");
    var copy = share.querySelector("[data-share-copy]");
    if (native && navigator.share) {
      native.parentNode.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
    if (copy && navigator.clipboard) {
      copy.parentNode.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = copy.getAttribute("data-copied");
        });
      });
    }
  }

  // Live coverage: ask for the (cached, shared) list of updates every 15 seconds.
  var live = document.querySelector("[data-live-url]");
  if (live && window.fetch) {
    var list = live.querySelector(".live-updates");
    var announce = live.querySelector(".live-status");
    var latest = live.getAttribute("data-latest");
    var seconds = Number(live.getAttribute("data-poll-seconds")) || 15;
    window.setInterval(function () {
      if (document.hidden) {
        return;
      }
      fetch(live.getAttribute("data-live-url"), { credentials: "omit", cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) {
            return null;
          }
          var id = response.headers.get("X-Latest-Update");
          return response.text().then(function (html) { return { id: id, html: html }; });
        })
        .then(function (fresh) {
          if (!fresh || fresh.id === latest) {
            return;
          }
          latest = fresh.id;
          list.innerHTML = fresh.html;
          announce.textContent = announce.getAttribute("data-new-update");
        })
        .catch(function () {});
    }, seconds * 1000);
  }
})();
