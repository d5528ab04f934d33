/* The moderation queue without a mouse: j/k move, a/s/d decide, u undoes.
 *
 * Keys are read by their position (event.code), so they work the same with an
 * Arabic keyboard layout. Each decision is the card's own form, posted with its
 * CSRF token; the card leaves at once and the next one takes focus, while the
 * request runs. Requests go one after another, in the order decided, so an
 * undo always follows the decision it undoes. A refused decision brings the
 * card back. The server's signed undo notes are kept for the last decisions,
 * also across the reload that brings the next cards (in sessionStorage).
 */
(function () {
  "use strict";
  var queue = document.querySelector("[data-moderation-queue]");
  if (!queue || !window.fetch) return;
  var list = queue.querySelector(".mq-cards");
  var toast = document.getElementById("mq-toast");
  var KEEP = 10;
  var TOAST_MS = 8000;
  var undone = [];
  var inFlight = 0;
  var chain = Promise.resolve();
  var empty = queue.querySelector(".mq-empty");
  var toastTimer = null;
  var DECISIONS = { KeyA: "approve", KeyS: "spam", KeyD: "remove" };
  var STORE = "comments-queue-undo";
  var csrf = queue.querySelector("[name=csrfmiddlewaretoken]");

  function cards() {
    return list ? Array.prototype.slice.call(list.querySelectorAll(".mq-card")) : [];
  }

  function focusCard(card) {
    if (!card) return;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function currentCard() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".mq-card") : null;
  }

  function move(step) {
    var all = cards();
    var i = all.indexOf(currentCard());
    focusCard(all[i < 0 ? 0 : Math.min(all.length - 1, Math.max(0, i + step))]);
  }

  function setCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (key) {
      queue.querySelectorAll('[data-count="' + key + '"]').forEach(function (el) {
        el.textContent = counts[key];
      });
    });
  }

  function say(message, withUndo) {
    toast.textContent = "";
    var text = document.createElement("span");
    text.textContent = message + " ";
    toast.appendChild(text);
    if (withUndo) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = toast.dataset.undoLabel || "u";
      button.addEventListener("click", undoLast);
      toast.appendChild(button);
    }
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      var b = toast.querySelector("button");
      if (b) b.remove();
    }, TOAST_MS);
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok || !json.ok) throw json;
        return json;
      });
    });
  }

  function send(url, data, done, failed) {
    // After this request's own handlers, so that its undo note is kept first.
    inFlight += 1;
    queue.dataset.busy = inFlight;
    chain = chain
      .then(function () {
        return post(url, data);
      })
      .then(done, function (error) {
        failed((error && error.message) || toast.dataset.failed);
      })
      .catch(function () {
        /* a handler that failed must not stop the decisions after it */
      })
      .finally(function () {
        inFlight -= 1;
        queue.dataset.busy = inFlight;
        whenAllDecided();
      });
  }

  function whenAllDecided() {
    if (inFlight > 0 || cards().length > 0) return;
    // The page shows the first cards only: when they are all decided, fetch the next.
    if (queue.dataset.more === "true") reloadKeepingUndo();
    else if (empty) empty.hidden = false;
  }

  function decide(card, decision) {
    var form = card.querySelector("form.mq-decide");
    if (!form) return;
    var button = form.querySelector('button[value="' + decision + '"]');
    if (!button || button.disabled) return;
    var data = new FormData(form);
    data.set("decision", decision);
    var place = { card: card, after: card.parentNode.previousElementSibling };
    var all = cards();
    var i = all.indexOf(card);
    var item = card.parentNode;
    item.remove();
    if (empty) empty.hidden = true;
    focusCard(all[i + 1] || all[i - 1]);
    send(
      form.action,
      data,
      function (result) {
        place.undo = result.undo;
        undone.push(place);
        if (undone.length > KEEP) undone.shift();
        setCounts(result.counts);
        say(result.message, true);
      },
      function (message) {
        putBack(place, item);
        say(message);
      }
    );
  }

  function reloadKeepingUndo() {
    var notes = undone.map(function (place) {
      return place.undo;
    });
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify(notes));
    } catch (e) {
      /* private browsing without storage: undo stops at the reload */
    }
    window.location.reload();
  }

  function restoreUndo() {
    try {
      var notes = JSON.parse(window.sessionStorage.getItem(STORE) || "[]");
      window.sessionStorage.removeItem(STORE);
      notes.forEach(function (note) {
        undone.push({ card: null, undo: note });
      });
    } catch (e) {
      /* nothing kept */
    }
  }

  function putBack(place, item) {
    if (place.after && place.after.parentNode === list) place.after.after(item);
    else list.prepend(item);
    focusCard(place.card);
  }

  function undoLast() {
    var place = undone.pop();
    if (!place) return;
    if (!csrf) return;
    var data = new FormData();
    data.set("undo", place.undo);
    data.set("csrfmiddlewaretoken", csrf.value);
    var params = new URLSearchParams(window.location.search);
    ["article", "commenter"].forEach(function (name) {
      if (params.get(name)) data.set(name, params.get(name));
    });
    send(
      queue.dataset.undoUrl,
      data,
      function (result) {
        // A card from before the last reload is not on this page: show it again.
        if (!place.card) return reloadKeepingUndo();
        var item = document.createElement("li");
        item.appendChild(place.card);
        putBack(place, item);
        if (empty) empty.hidden = true;
        setCounts(result.counts);
        say(result.message, false);
      },
      function (message) {
        say(message);
      }
    );
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
    var code = event.code;
    if (code === "KeyJ" || code === "KeyK") {
      event.preventDefault();
      move(code === "KeyJ" ? 1 : -1);
    } else if (DECISIONS[code]) {
      var card = currentCard() || cards()[0];
      if (card) {
        event.preventDefault();
        decide(card, DECISIONS[code]);
      }
    } else if (code === "KeyU") {
      event.preventDefault();
      undoLast();
    }
  });

  // A click on a card's button is one decision too, with the same undo.
  queue.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("mq-decide") || !event.submitter) return;
    event.preventDefault();
    decide(form.closest(".mq-card"), event.submitter.value);
  });

  restoreUndo();
  if (!currentCard() && !document.querySelector(":focus")) focusCard(cards()[0]);
})();
