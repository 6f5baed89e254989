// The strength form, fast on a phone: "Add set" copies the last set in one tap (both sides of a
// single-leg exercise at once), choosing an exercise fills in its reps and load from last time,
// and single-leg exercises get one row per side. Without JavaScript the form still works: the
// server prefills the last session's sets and leaves empty rows to fill.
"use strict";
(function () {
  const form = document.getElementById("strength-form");
  const body = document.getElementById("set-rows");
  if (!form || !body) return;
  const addButton = document.getElementById("add-set");
  const addHint = document.getElementById("add-set-hint");
  const unit = form.dataset.loadUnit || "kg";
  // set-kind (work or warm-up) is on the edit form only.
  const FIELDS = ["set-exercise", "set-reps", "set-load", "set-rpe", "set-side", "set-kind"];

  let lastLoads = {};
  try {
    const node = document.getElementById("last-loads");
    lastLoads = (node && JSON.parse(node.textContent)) || {};
  } catch (error) {
    lastLoads = {};
  }

  const rows = () => Array.from(body.querySelectorAll("tr.set-row"));
  const field = (row, name) => row.querySelector("." + name);
  const kinds = Boolean(body.querySelector(".set-kind"));

  function unilateral(row) {
    const select = field(row, "set-exercise");
    const option = select.options[select.selectedIndex];
    return Boolean(option && option.dataset.unilateral === "true");
  }

  function renumber() {
    rows().forEach((row, index) => {
      const n = index + 1;
      row.querySelector(".set-number").textContent = String(n);
      field(row, "set-exercise").setAttribute("aria-label", `Set ${n} exercise`);
      field(row, "set-reps").setAttribute("aria-label", `Set ${n} reps${kinds ? ", or seconds such as 40s for a hold" : ""}`);
      field(row, "set-load").setAttribute("aria-label", `Set ${n} load in ${unit}`);
      field(row, "set-rpe").setAttribute("aria-label", `Set ${n} RPE, 1 to 10`);
      field(row, "set-side").setAttribute("aria-label", `Set ${n} side`);
      if (kinds) field(row, "set-kind").setAttribute("aria-label", `Set ${n} type: work or warm-up`);
      row.querySelector(".remove-set").setAttribute("aria-label", `Remove set ${n}`);
    });
  }

  // cloneNode copies attributes, not what was typed or chosen since: copy the values too.
  function copyOf(row) {
    const copy = row.cloneNode(true);
    FIELDS.forEach((name) => {
      if (field(row, name)) field(copy, name).value = field(row, name).value;
    });
    copy.querySelector(".remove-set").hidden = false;
    return copy;
  }

  function fillFromLastTime(row) {
    const entry = lastLoads[field(row, "set-exercise").value];
    if (!entry || !entry.sets || !entry.sets.length) return;
    const side = field(row, "set-side").value;
    const match = entry.sets.find((s) => s.side === side) || entry.sets[0];
    field(row, "set-reps").value = match.reps;
    field(row, "set-load").value = match.load;
    field(row, "set-rpe").value = match.rpe;
  }

  function exerciseChosen(row) {
    const slug = field(row, "set-exercise").value;
    if (!slug) return;
    const side = field(row, "set-side");
    const changed = [row];
    if (unilateral(row)) {
      if (side.value === "both") side.value = "left";
      const next = row.nextElementSibling;
      const hasTwin =
        next && field(next, "set-exercise").value === slug && field(next, "set-side").value !== side.value;
      if (!hasTwin) {
        const twin = copyOf(row);
        field(twin, "set-side").value = side.value === "left" ? "right" : "left";
        row.after(twin);
        changed.push(twin);
      }
    } else {
      side.value = "both";
    }
    changed.forEach(fillFromLastTime);
    renumber();
  }

  // Copies the last filled-in set (or left-right pair) and puts the copy right after it, ahead
  // of any empty rows still waiting at the end.
  function addSet() {
    const all = rows();
    const filled = all.filter((row) => field(row, "set-exercise").value);
    const last = filled[filled.length - 1] || all[all.length - 1];
    if (!last) return;
    const previous = last.previousElementSibling;
    const pair =
      previous &&
      field(previous, "set-exercise").value === field(last, "set-exercise").value &&
      field(previous, "set-side").value === "left" &&
      field(last, "set-side").value === "right";
    const copies = (pair ? [previous, last] : [last]).map(copyOf);
    last.after(...copies);
    renumber();
    field(copies[0], "set-reps").focus();
  }

  function removeSet(row) {
    if (rows().length === 1) {
      FIELDS.forEach((name) => {
        if (field(row, name)) field(row, name).value = { "set-side": "both", "set-kind": "work" }[name] || "";
      });
    } else {
      row.remove();
    }
    renumber();
    addButton.focus();
  }

  body.addEventListener("change", (event) => {
    if (event.target.classList.contains("set-exercise")) exerciseChosen(event.target.closest("tr"));
  });
  body.addEventListener("click", (event) => {
    const button = event.target.closest(".remove-set");
    if (button) removeSet(button.closest("tr"));
  });
  addButton.addEventListener("click", addSet);
  addButton.hidden = false;
  if (addHint) addHint.hidden = false;
  body.querySelectorAll(".remove-set").forEach((button) => {
    button.hidden = false;
  });
})();
