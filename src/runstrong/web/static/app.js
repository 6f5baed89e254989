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

  window.runstrong = { api, announce, csrfToken };
})();
