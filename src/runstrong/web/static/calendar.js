// The plan calendar: drag a session card onto a morning or evening of another day to move it.
// The server re-plans the week and answers with the hard rule a move would break; the page then
// reloads to show the re-planned week. Each card's "Move…" form does the same without a mouse.
"use strict";
(function () {
  const dataNode = document.getElementById("plan-data");
  if (!dataNode || !window.runstrong) {
    return;
  }
  const config = JSON.parse(dataNode.textContent);
  const FLASH_KEY = "runstrong.plan.moved";
  let dragged = null;

  function cardOf(node) {
    return node instanceof Element ? node.closest(".session[draggable='true']") : null;
  }

  function slotOf(node) {
    return node instanceof Element ? node.closest(".slot[data-day][data-slot]") : null;
  }

  function withinWindow(card, slot) {
    const day = slot.dataset.day;
    return day >= card.dataset.minDay && day <= card.dataset.maxDay;
  }

  function clearMarks() {
    document.querySelectorAll(".slot.drop-ok, .slot.drop-hover").forEach((slot) => {
      slot.classList.remove("drop-ok", "drop-hover");
    });
    if (dragged) {
      dragged.classList.remove("dragging");
    }
  }

  function titleOf(card) {
    const title = card.querySelector(".session-title");
    const kind = title ? title.querySelector(".kind") : null;
    const text = title ? title.textContent.slice(kind ? kind.textContent.length : 0) : "";
    return text.trim().replace(/\s+/g, " ") || "the session";
  }

  async function move(card, day, slot) {
    const url = config.moveUrl.replace("{id}", encodeURIComponent(card.dataset.sessionId));
    card.setAttribute("aria-busy", "true");
    let result;
    try {
      result = await window.runstrong.api("POST", url, { day, slot });
    } catch (error) {
      card.removeAttribute("aria-busy");
      window.runstrong.announce(`Not moved: ${error.message}`, true);
      card.focus();
      return;
    }
    const when = slot === "am" ? "morning" : "evening";
    let message = `Moved ${titleOf(card)} to ${day} (${when}); the rest of its week was re-planned.`;
    const leftOut = (result && result.left_out) || [];
    if (leftOut.length) {
      const names = leftOut.map((s) => `${s.title} (${s.day} ${s.slot})`).join(", ");
      message += ` To keep weekly loads within their limits, the re-plan left out: ${names}.`;
    }
    try {
      sessionStorage.setItem(FLASH_KEY, JSON.stringify({ message, focus: card.id }));
    } catch (ignored) {
      // Private browsing may refuse storage: the reload still shows the new plan.
    }
    window.location.reload();
  }

  document.addEventListener("dragstart", (event) => {
    const card = cardOf(event.target);
    if (!card) {
      return;
    }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.sessionId);
    card.classList.add("dragging");
    document.querySelectorAll(".slot[data-day]").forEach((slot) => {
      if (withinWindow(card, slot)) {
        slot.classList.add("drop-ok");
      }
    });
  });

  document.addEventListener("dragend", () => {
    clearMarks();
    dragged = null;
  });

  // Every slot takes a drop; one outside the session's week is refused by the server with a
  // message saying why, which helps more than a drop that silently does nothing.
  document.addEventListener("dragover", (event) => {
    const slot = slotOf(event.target);
    if (!slot || !dragged) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    slot.classList.add("drop-hover");
  });

  document.addEventListener("dragleave", (event) => {
    const slot = slotOf(event.target);
    if (slot && !slot.contains(event.relatedTarget)) {
      slot.classList.remove("drop-hover");
    }
  });

  document.addEventListener("drop", (event) => {
    const slot = slotOf(event.target);
    const card = dragged;
    if (!slot || !card) {
      return;
    }
    event.preventDefault();
    clearMarks();
    dragged = null;
    if (slot.contains(card)) {
      return; // dropped where it already is
    }
    move(card, slot.dataset.day, slot.dataset.slot);
  });

  let saved = null;
  try {
    saved = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
  } catch (ignored) {
    saved = null;
  }
  if (saved) {
    const flash = JSON.parse(saved);
    window.runstrong.announce(flash.message, false);
    const card = document.getElementById(flash.focus);
    if (card) {
      card.focus();
    }
  }
})();
