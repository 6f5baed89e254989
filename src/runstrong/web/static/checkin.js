// Morning check-in: keep the check-in on the phone (IndexedDB, via gym_store.js) and send it
// when there is a network; a day's check-in is stored whole with PUT, so a second send stores
// nothing new. Readiness actions (swap, lighter strength, keep) need a network.
"use strict";
(function () {
  const root = document.getElementById("checkin");
  const form = document.getElementById("checkin-form");
  const store = window.runstrongGymStore;
  if (!root || !form || !store) return;
  const athleteId = Number(root.dataset.athleteId);
  const day = root.dataset.day;
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = csrfMeta ? csrfMeta.content : "";
  const status = document.getElementById("checkin-status");
  const outbox = document.getElementById("checkin-outbox");
  const outboxText = document.getElementById("checkin-outbox-text");

  function say(text, kind) {
    status.textContent = text;
    status.className = "checkin-status" + (kind ? " " + kind : "");
  }

  for (const slider of form.querySelectorAll('input[type="range"]')) {
    const out = document.getElementById(slider.id + "_out");
    const mark = () => {
      delete slider.dataset.untouched;
      slider.closest(".sore-row").classList.add("touched");
      out.textContent = slider.value;
    };
    slider.addEventListener("input", mark);
    slider.addEventListener("change", mark);
  }

  function number(name) {
    const field = form.elements[name];
    if (!field || field.value === "") return null;
    return Number(String(field.value).replace(",", "."));
  }

  function body() {
    const soreness = {};
    for (const slider of form.querySelectorAll('input[type="range"]')) {
      if (!slider.dataset.untouched) soreness[slider.dataset.region] = Number(slider.value);
    }
    const data = { soreness };
    for (const name of ["sleep_h", "resting_hr_bpm", "rmssd_ms"]) {
      const value = number(name);
      if (value !== null) data[name] = value;
    }
    for (const name of ["sleep_quality", "fatigue", "stress"]) {
      const checked = form.querySelector('input[name="' + name + '"]:checked');
      if (checked) data[name] = Number(checked.value);
    }
    const source = form.elements.hrv_source.value.trim();
    if (source) data.hrv_source = source;
    if (form.elements.illness.checked) data.illness = true;
    const note = form.elements.note.value.trim();
    if (note) data.note = note;
    return data;
  }

  async function showOutbox() {
    const waiting = await store.checkinAll(athleteId);
    outbox.hidden = waiting.length === 0;
    outboxText.textContent = waiting.length
      ? waiting.length + " check-in" + (waiting.length > 1 ? "s" : "") + " on this phone, not sent yet (" +
        waiting.map((e) => e.day).join(", ") + ")."
      : "";
  }

  let syncing = false;
  async function sync() {
    if (syncing) return;
    syncing = true;
    try {
      for (const entry of await store.checkinAll(athleteId)) {
        let result;
        try {
          result = await store.sendCheckin(entry, csrfToken);
        } catch (error) {
          say("Saved on this phone. It will be sent when you are online.", "offline");
          return;
        }
        if (result.ok) {
          await store.checkinDelete(entry.key);
          say("Check-in of " + entry.day + " saved.");
        } else if (result.status >= 400 && result.status < 500 && result.status !== 401 && result.status !== 403) {
          await store.checkinDelete(entry.key);
          const message = result.answer && result.answer.error ? result.answer.error.message : "refused";
          say("Not saved: " + message, "failed");
        } else {
          say("The server could not take it now (" + result.status + "); it stays on this phone.", "offline");
          return;
        }
      }
    } finally {
      syncing = false;
      await showOutbox();
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const entry = { key: athleteId + ":" + day, athlete_id: athleteId, day, body: body(), saved_at: Date.now() };
    await store.checkinPut(entry);
    say(navigator.onLine ? "Sending…" : "Saved on this phone. It will be sent when you are online.", navigator.onLine ? "" : "offline");
    await showOutbox();
    await sync();
  });

  document.getElementById("checkin-sync-now").addEventListener("click", sync);
  window.addEventListener("online", sync);

  for (const button of document.querySelectorAll("button[data-action]")) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const response = await fetch("/api/v1/athletes/" + athleteId + "/readiness/choices", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken },
          body: JSON.stringify({ signal: button.dataset.signal, action: button.dataset.action, date: button.dataset.day }),
        });
        const answer = await response.json().catch(() => null);
        if (response.ok) {
          const article = button.closest(".readiness-signal");
          article.querySelector(".signal-actions").outerHTML = '<p class="chosen"></p>';
          article.querySelector(".chosen").textContent = "Chosen: " + answer.summary;
        } else {
          say("Not changed: " + (answer && answer.error ? answer.error.message : response.status), "failed");
          button.disabled = false;
        }
      } catch (error) {
        say("Changing the plan needs a network.", "offline");
        button.disabled = false;
      }
    });
  }

  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  showOutbox().then(() => {
    root.dataset.ready = "1";
    return sync();
  });
})();
