// The article form tells the desk it is still open, every minute, and that it
// closed when the editor leaves it: colleagues opening the same article are
// told who has it open (articles/edit_lock.py). Nothing else depends on it.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("article_form");
  const path = window.location.pathname;
  if (!form || !/\/change\/$/.test(path)) return;
  const token = form.querySelector("[name=csrfmiddlewaretoken]");
  if (!token) return;
  const base = path.replace(/change\/$/, "");
  const body = () => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    return data;
  };
  const stillOpen = () =>
    fetch(base + "still-open/", { method: "POST", body: body(), credentials: "same-origin" })
      .catch(() => {}); // offline for a moment: the next beat says it again
  window.setInterval(stillOpen, 60 * 1000);
  window.addEventListener("pagehide", () => navigator.sendBeacon(base + "closed/", body()));
});
