// Shared helpers for runstrong pages: the CSRF token and a JSON fetch that reports errors.
"use strict";
(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = meta ? meta.content : "";

  async function api(method, url, body) {
    const init = { method, headers: { "X-CSRF-Token": csrfToken, Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const data = response.status === 204 ? null : await response.json();
    if (!response.ok) {
      const message = data && data.error ? data.error.message : response.statusText;
      throw new Error(message);
    }
    return data;
  }

  function announce(message, isError) {
    let region = document.getElementById("live-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "live-status";
      region.setAttribute("role", isError ? "alert" : "status");
      document.getElementById("main").prepend(region);
    }
    region.className = isError ? "error" : "flash";
    region.textContent = message;
  }

  // The phone's bottom bar: "More" opens the rest of the main navigation, and the bar marks
  // the page it leads to.
  const more = document.querySelector(".bottom-more");
  if (more) {
    more.addEventListener("click", (event) => {
      event.preventDefault();
      const open = document.body.classList.toggle("nav-open");
      more.setAttribute("aria-expanded", String(open));
    });
    for (const link of document.querySelectorAll(".bottom-bar a[href^='/']")) {
      if (link.getAttribute("href") === location.pathname) link.setAttribute("aria-current", "page");
    }
  }

  window.runstrong = { api, announce, csrfToken };
})();
