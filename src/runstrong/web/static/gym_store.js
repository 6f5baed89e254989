// Gym-floor storage: the session in progress and the outbox of finished sessions, kept in
// IndexedDB so that a reload, a closed tab or a lost signal loses nothing; and sending one
// finished session with its Idempotency-Key (the session's own id). The morning check-in
// (checkin.js) keeps its unsent check-ins here too, one per athlete and day, sent with PUT.
"use strict";
(function () {
  const dbReady = new Promise((resolve, reject) => {
    const request = indexedDB.open("runstrong-gym", 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("current")) db.createObjectStore("current");
      if (!db.objectStoreNames.contains("outbox")) db.createObjectStore("outbox", { keyPath: "key" });
      if (!db.objectStoreNames.contains("checkins")) db.createObjectStore("checkins", { keyPath: "key" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

  async function run(storeName, mode, action) {
    const db = await dbReady;
    return new Promise((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = action(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Resolves to {status, answer}; rejects when there is no network (the entry stays queued).
  async function send(entry, csrfToken) {
    const response = await fetch("/api/v1/athletes/" + entry.athlete_id + "/strength-sessions", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRF-Token": csrfToken,
        "Idempotency-Key": entry.key,
      },
      body: JSON.stringify(entry.body),
    });
    const answer = await response.json().catch(() => null);
    return { status: response.status, ok: response.ok, answer };
  }

  // A day's check-in is stored whole by PUT: sending it twice stores it once.
  async function sendCheckin(entry, csrfToken) {
    const response = await fetch("/api/v1/athletes/" + entry.athlete_id + "/checkins/" + entry.day, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken },
      body: JSON.stringify(entry.body),
    });
    const answer = await response.json().catch(() => null);
    return { status: response.status, ok: response.ok, answer };
  }

  window.runstrongGymStore = {
    sendCheckin,
    checkinPut: (entry) => run("checkins", "readwrite", (st) => st.put(entry)),
    checkinAll: (athleteId) =>
      run("checkins", "readonly", (st) => st.getAll()).then((all) => all.filter((e) => e.athlete_id === athleteId)),
    checkinDelete: (key) => run("checkins", "readwrite", (st) => st.delete(key)),
    newKey,
    send,
    saveCurrent: (athleteId, session) => run("current", "readwrite", (st) => st.put(session, athleteId)),
    loadCurrent: (athleteId) => run("current", "readonly", (st) => st.get(athleteId)),
    clearCurrent: (athleteId) => run("current", "readwrite", (st) => st.delete(athleteId)),
    outboxAll: (athleteId) =>
      run("outbox", "readonly", (st) => st.getAll()).then((all) => all.filter((e) => e.athlete_id === athleteId)),
    outboxPut: (entry) => run("outbox", "readwrite", (st) => st.put(entry)),
    outboxDelete: (key) => run("outbox", "readwrite", (st) => st.delete(key)),
  };
})();
