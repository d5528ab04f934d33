/* Comments on the article page.
   The page is the same for every reader so that it can be cached (see
   comments/views.py). A browser that has comments awaiting moderation carries
   a cookie; when the page came from a cache without them, fetch them from a
   small private address and show them. */
(function () {
  "use strict";
  var box = document.getElementById("my-comments");
  if (!box || box.hasAttribute("data-rendered") || !window.fetch) {
    return;
  }
  var hasOwnComments = document.cookie.split(";").some(function (cookie) {
    return cookie.trim().indexOf("newsroom_own_comments=") === 0;
  });
  if (!hasOwnComments) {
    return;
  }
  fetch(box.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (response) {
      return response.ok ? response.text() : "";
    })
    .then(function (html) {
      if (html.trim()) {
        box.innerHTML = html;
      }
    })
    .catch(function () {});
})();
