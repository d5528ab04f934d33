// The article form tells the desk it is still open, every minute, and that it
// closed when the editor leaves it (articles/edit_lock.py). Each beat brings
// back who else has the article open, shown above the form as it changes.
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
  // The notices the server gave with the page, replaced by the newest ones.
  const notice = document.createElement("ul");
  notice.className = "messagelist desk-editing-notice";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  form.before(notice);
  const show = (others) => {
    notice.hidden = others.length === 0;
    notice.replaceChildren(
      ...others.map((text) => {
        const item = document.createElement("li");
        item.className = "warning";
        item.textContent = text;
        return item;
      })
    );
  };
  const stillOpen = () =>
    fetch(base + "still-open/", { method: "POST", body: body(), credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => answer && show(answer.others))
      .catch(() => {}); // offline for a moment: the next beat says it again
  window.setInterval(stillOpen, 60 * 1000);
  window.addEventListener("pagehide", () => navigator.sendBeacon(base + "closed/", body()));
});
