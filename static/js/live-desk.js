/* The article form's live updates: "Post this update now" publishes an update
   at once (newsdesk.views.post_live_update), without saving the rest of the
   form; without JavaScript the updates are saved with the form. */
(function () {
  "use strict";

  function field(row, suffix) {
    return row.querySelector('[name$="-' + suffix + '"]');
  }

  function addButton(row, panel) {
    var id = field(row, "id");
    if (!field(row, "text") || (id && id.value) || /-empty$/.test(row.id) || row.querySelector(".live-post")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button live-post";
    button.textContent = panel.getAttribute("data-label");
    var status = document.createElement("p");
    status.className = "live-post-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () { post(row, panel, button, status); });
    row.appendChild(button);
    row.appendChild(status);
  }

  function post(row, panel, button, status) {
    var form = row.closest("form");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    ["text", "image", "embed_url"].forEach(function (name) {
      var input = field(row, name);
      if (input) {
        data.append(name, input.value);
      }
    });
    // The time shown is when the form was opened: sent only if the editor changed it,
    // else the update is timed when it is posted.
    var day = field(row, "published_at_0");
    var time = field(row, "published_at_1");
    if (day && time && (day.value !== day.defaultValue || time.value !== time.defaultValue)) {
      data.append("published_at_0", day.value);
      data.append("published_at_1", time.value);
    }
    button.disabled = true;
    fetch(panel.getAttribute("data-post-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) {
          status.textContent = result.body.errors.join(" ");
          return;
        }
        ["text", "image", "embed_url"].forEach(function (name) {
          var input = field(row, name);
          if (input) {
            input.value = "";
          }
        });
        status.textContent = panel.getAttribute("data-posted");
        var list = document.querySelector(".live-desk-posted");
        if (!list) {
          list = document.createElement("ol");
          list.className = "live-desk-posted";
          panel.parentNode.appendChild(list);
        }
        list.insertAdjacentHTML("afterbegin", result.body.html);
      })
      .catch(function () {
        status.textContent = panel.getAttribute("data-failed");
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector(".live-desk[data-post-url]");
    var group = document.getElementById("live_updates-group");
    if (!panel || !group) {
      return;
    }
    group.querySelectorAll(".inline-related").forEach(function (row) { addButton(row, panel); });
    // Rows added with "Add another live update".
    document.addEventListener("formset:added", function (event) {
      if (event.target.closest && event.target.closest("#live_updates-group")) {
        addButton(event.target, panel);
      }
    });
  });
})();
