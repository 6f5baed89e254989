// Gym-floor mode: one exercise at a time, tap to complete a set, a rest timer, and a session
// that lives in IndexedDB until the server has it. Finished sessions wait in an outbox and are
// sent with an Idempotency-Key (the session's own id), so a resend is never stored twice.
"use strict";
(function () {
  const root = document.getElementById("gym");
  const dataNode = document.getElementById("gym-data");
  if (!root || !dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const athleteId = data.athlete_id;
  const unit = data.unit;
  const KG_PER_LB = 0.45359237;
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrfToken = csrfMeta ? csrfMeta.content : "";
  const exercises = new Map(data.exercises.map((e) => [e.slug, e]));
  const $ = (id) => document.getElementById(id);

  const toShown = (kg) => (unit === "lb" ? kg / KG_PER_LB : kg);
  const toKg = (value) => (unit === "lb" ? value * KG_PER_LB : value);
  const round1 = (value) => Math.round(value * 10) / 10;
  const fmt = (value) => String(round1(value));
  const store = window.runstrongGymStore;
  const rest = window.runstrongRestSignal;
  const clock = rest.clock;
  const newKey = store.newKey;
  const saveCurrent = (s) => store.saveCurrent(athleteId, s);
  const loadCurrent = () => store.loadCurrent(athleteId);
  const clearCurrent = () => store.clearCurrent(athleteId);
  const outboxAll = () => store.outboxAll(athleteId);
  const outboxPut = store.outboxPut;
  const outboxDelete = store.outboxDelete;

  let session = null;

  function persist() {
    return saveCurrent(session).catch((error) => announce("Could not keep the session on this phone: " + error, true));
  }

  function announce(message, isError) {
    const live = $("gym-live");
    live.textContent = message;
    if (isError && window.runstrong) window.runstrong.announce(message, true);
  }

  // -- building sessions ----------------------------------------------------------------------
  function blankSet(slug, extra) {
    const previous = data.previous[slug];
    const last = previous && previous.sets.length ? previous.sets[previous.sets.length - 1] : null;
    return Object.assign(
      {
        reps: last ? last.reps : "",
        load: last ? fmt(toShown(last.load_kg)) : "",
        hold: last && last.duration_s ? last.duration_s : null,
        rpe: "",
        side: "both",
        warmup: false,
        done: false,
      },
      extra || {}
    );
  }

  // Rest adjusted with -15 s / +15 s is remembered on this phone as the exercise's default.
  const restKey = (slug) => "runstrong-rest-" + athleteId + "-" + slug;
  function restFor(slug) {
    const info = exercises.get(slug);
    let saved = null;
    try {
      saved = parseInt(localStorage.getItem(restKey(slug)), 10);
    } catch (error) {
      saved = null;
    }
    return saved > 0 ? saved : info ? info.rest_s : 90;
  }

  function exerciseEntry(slug, sets) {
    return { slug, rest_s: restFor(slug), platesMode: false, sets: sets.length ? sets : [blankSet(slug)] };
  }

  function setsFromSuggestion(slug, count, reps, holdS, perSide) {
    const suggestion = data.suggestions[slug];
    const load = suggestion && suggestion.load_kg ? fmt(toShown(suggestion.load_kg)) : blankSet(slug).load;
    const sides = perSide ? ["left", "right"] : ["both"];
    const sets = [];
    for (let i = 0; i < count; i += 1) {
      for (const side of sides) {
        const sideKg = suggestion && suggestion.side_loads_kg && side !== "both" ? suggestion.side_loads_kg[side] : null;
        const shown = sideKg ? fmt(toShown(sideKg)) : load;
        sets.push({ reps: holdS ? 1 : reps, load: shown, hold: holdS || null, rpe: "", side, warmup: false, done: false });
      }
    }
    return sets;
  }

  function start(kind) {
    const entries = [];
    if (kind === "last" && data.last_session) {
      const grouped = new Map();
      for (const item of data.last_session.sets) {
        if (!grouped.has(item.exercise)) grouped.set(item.exercise, []);
        grouped.get(item.exercise).push({
          reps: item.reps,
          load: fmt(toShown(item.load_kg)),
          hold: item.duration_s,
          rpe: "",
          side: item.side,
          warmup: item.warmup,
          done: false,
        });
      }
      for (const [slug, sets] of grouped) entries.push(exerciseEntry(slug, sets));
    } else if (kind === "plan" && data.plan_today) {
      for (const item of data.plan_today.exercises) {
        const sets = setsFromSuggestion(item.exercise, item.sets, item.reps, item.hold_s, item.per_side);
        entries.push(exerciseEntry(item.exercise, sets));
      }
    }
    session = { key: newKey(), athlete_id: athleteId, started_at: new Date().toISOString(), exercises: entries, index: 0, rest_until: null, rest_total: 0 };
    persist();
    render();
  }

  // -- rendering ------------------------------------------------------------------------------
  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function render() {
    show("gym-start", !session);
    show("gym-session", !!session);
    show("gym-result", false);
    if (!session) {
      renderStart();
      return;
    }
    if (!session.exercises.length) {
      $("gym-position").textContent = "No exercise yet";
      $("gym-exercise-name").textContent = "Add an exercise";
      $("gym-suggestion").textContent = "Choose one below.";
      $("gym-plates").textContent = "";
      $("gym-sets").replaceChildren();
      $("gym-prev").disabled = true;
      $("gym-next").disabled = true;
      $("gym-add-set").disabled = true;
      $("gym-add-warmup").disabled = true;
      $("gym-plates-mode-label").hidden = true;
      return;
    }
    session.index = Math.min(Math.max(session.index, 0), session.exercises.length - 1);
    const entry = session.exercises[session.index];
    const info = exercises.get(entry.slug) || { name: entry.slug, unilateral: false, implement: null };
    $("gym-add-set").disabled = false;
    $("gym-add-warmup").disabled = false;
    $("gym-position").textContent = "Exercise " + (session.index + 1) + " of " + session.exercises.length;
    $("gym-exercise-name").textContent = info.name;
    $("gym-prev").disabled = session.index === 0;
    $("gym-next").disabled = session.index >= session.exercises.length - 1;
    renderSuggestion(entry, info);
    $("gym-plates-mode-label").hidden = info.implement !== "sled";
    $("gym-plates-mode").checked = !!entry.platesMode;
    const list = $("gym-sets");
    list.replaceChildren(...entry.sets.map((item, index) => setRow(entry, info, item, index)));
    renderPlates(entry, info);
  }

  function renderStart() {
    const plan = $("start-plan");
    plan.hidden = !data.plan_today;
    if (data.plan_today) plan.textContent = "Today's plan: " + data.plan_today.title;
    const last = $("start-last");
    last.hidden = !data.last_session;
    if (data.last_session) last.textContent = "Repeat last session (" + data.last_session.date + ")";
  }

  function renderSuggestion(entry, info) {
    const suggestion = data.suggestions[entry.slug];
    const node = $("gym-suggestion");
    if (!suggestion) {
      node.textContent = "No suggestion yet: log this exercise once and the next load follows " + data.progression_rule + ".";
      return;
    }
    let what;
    if (suggestion.hold_s) what = suggestion.sets + " × " + suggestion.hold_s + " s hold";
    else if (suggestion.side_loads_kg) what = suggestion.sets + " × " + suggestion.reps + " per side: left " + fmt(toShown(suggestion.side_loads_kg.left)) + " " + unit + ", right " + fmt(toShown(suggestion.side_loads_kg.right)) + " " + unit;
    else if (suggestion.load_kg) what = suggestion.sets + " × " + suggestion.reps + " at " + fmt(toShown(suggestion.load_kg)) + " " + unit;
    else if (suggestion.target_rpe) what = suggestion.sets + " × " + suggestion.reps + " at RPE " + suggestion.target_rpe;
    else what = suggestion.sets + " × " + suggestion.reps;
    node.textContent =
      suggestion.source === "plan"
        ? "Suggested: " + what + " (" + suggestion.reason + ")."
        : "Suggested: " + what + ". Double progression: " + suggestion.reason + ".";
    node.title = suggestion.source === "plan" ? "" : data.progression_rule;
  }

  function platesFor(totalKg, baseKg) {
    const sizes = data.gym.plates_kg.slice().sort((a, b) => b - a);
    let left = (totalKg - baseKg) / 2;
    const chosen = [];
    for (const size of sizes) {
      while (left >= size - 1e-6) {
        chosen.push(size);
        left -= size;
      }
    }
    return { chosen, short: totalKg - baseKg - 2 * chosen.reduce((a, b) => a + b, 0) };
  }

  function plateUnit(kg) {
    return data.gym.unit === "lb" ? fmt(kg / KG_PER_LB) : fmt(kg);
  }

  function renderPlates(entry, info) {
    const node = $("gym-plates");
    if (!info.implement) {
      node.textContent = "";
      return;
    }
    const next = entry.sets.find((s) => !s.done) || entry.sets[entry.sets.length - 1];
    const load = next ? parseFloat(String(next.load).replace(",", ".")) : NaN;
    if (!isFinite(load) || load <= 0) {
      node.textContent = "";
      return;
    }
    const base = info.implement === "barbell" ? data.gym.bar_kg : data.gym.sled_kg;
    const total = entry.platesMode ? base + 2 * toKg(load) : toKg(load);
    const result = platesFor(total, base);
    const what = info.implement === "barbell" ? "bar " + plateUnit(base) + " " + data.gym.unit : "sled " + plateUnit(base) + " " + data.gym.unit;
    let text = "Plates per side for " + fmt(toShown(total)) + " " + unit + ": " + (result.chosen.length ? result.chosen.map(plateUnit).join(" + ") : "none") + " (" + what + ")";
    if (result.short > 0.01) text += "; " + plateUnit(result.short) + " " + data.gym.unit + " short with your plates";
    if (info.implement === "sled" && !base) text += ". Set the sled's own weight in Gym settings";
    node.textContent = text;
  }

  function previousText(slug, index, item) {
    const previous = data.previous[slug];
    if (!previous) return "First time";
    const same = previous.sets.filter((s) => item.side === "both" || s.side === item.side);
    const match = same[Math.min(index, same.length - 1)];
    if (!match) return "Last time: —";
    const what = match.duration_s ? match.duration_s + " s" : fmt(toShown(match.load_kg)) + " " + unit + " × " + match.reps;
    return "Last time (" + previous.date + "): " + what + (match.warmup ? " warm-up" : "");
  }

  function field(labelText, id, value, attributes) {
    const wrap = document.createElement("div");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    const input = document.createElement("input");
    input.id = id;
    input.value = value === null || value === undefined ? "" : value;
    for (const [name, attr] of Object.entries(attributes)) input.setAttribute(name, attr);
    wrap.append(label, input);
    return [wrap, input];
  }

  function setRow(entry, info, item, index) {
    const row = document.createElement("li");
    row.className = "gym-set" + (item.done ? " done" : "") + (item.warmup ? " warmup" : "");
    const number = document.createElement("span");
    number.className = "set-no";
    number.textContent = item.warmup ? "W" : String(entry.sets.slice(0, index + 1).filter((s) => !s.warmup).length);
    const prefix = "set-" + session.index + "-" + index;
    const loadLabel = entry.platesMode ? "Plates/side " + unit : "Load " + unit;
    const [loadWrap, loadInput] = field(loadLabel, prefix + "-load", item.load, { inputmode: "decimal", autocomplete: "off" });
    const timed = !!item.hold;
    const [repsWrap, repsInput] = field(timed ? "Seconds" : "Reps", prefix + "-reps", timed ? item.hold : item.reps, { inputmode: "numeric", autocomplete: "off" });
    loadInput.addEventListener("input", () => {
      item.load = loadInput.value;
      persist();
      renderPlates(entry, info);
    });
    repsInput.addEventListener("input", () => {
      if (timed) item.hold = parseFloat(repsInput.value) || null;
      else item.reps = repsInput.value;
      persist();
    });
    const done = document.createElement("button");
    done.type = "button";
    done.className = "gym-done";
    done.textContent = "✓";
    done.setAttribute("aria-pressed", item.done ? "true" : "false");
    done.setAttribute("aria-label", "Set " + number.textContent + " done");
    done.addEventListener("click", () => completeSet(entry, item));
    const prev = document.createElement("p");
    prev.className = "set-prev";
    prev.textContent = previousText(entry.slug, index, item);
    const extra = document.createElement("div");
    extra.className = "set-extra";
    const warm = document.createElement("label");
    const warmBox = document.createElement("input");
    warmBox.type = "checkbox";
    warmBox.checked = !!item.warmup;
    warmBox.addEventListener("change", () => {
      item.warmup = warmBox.checked;
      persist();
      render();
    });
    warm.append(warmBox, document.createTextNode("Warm-up"));
    const rpe = document.createElement("select");
    rpe.setAttribute("aria-label", "RPE of set " + number.textContent);
    for (const value of ["", "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5", "10"]) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = value ? "RPE " + value : "RPE –";
      option.selected = String(item.rpe) === value;
      rpe.append(option);
    }
    rpe.addEventListener("change", () => {
      item.rpe = rpe.value;
      persist();
    });
    extra.append(warm, rpe);
    if (info.unilateral) {
      const side = document.createElement("select");
      side.setAttribute("aria-label", "Side of set " + number.textContent);
      for (const value of ["both", "left", "right"]) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = value === "both" ? "side –" : value;
        option.selected = item.side === value;
        side.append(option);
      }
      side.addEventListener("change", () => {
        item.side = side.value;
        persist();
        render();
      });
      extra.append(side);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove set " + number.textContent);
    remove.addEventListener("click", () => {
      entry.sets.splice(index, 1);
      if (!entry.sets.length) session.exercises.splice(session.index, 1);
      persist();
      render();
    });
    extra.append(remove);
    row.append(number, loadWrap, repsWrap, done, prev, extra);
    return row;
  }

  // -- the rest timer -------------------------------------------------------------------------
  function completeSet(entry, item) {
    item.done = !item.done;
    if (item.done) {
      session.rest_total = entry.rest_s;
      session.rest_until = Date.now() + entry.rest_s * 1000;
      rest.prime();
      announce("Set done. Rest " + clock(entry.rest_s) + ".");
    }
    persist();
    render();
    tick();
  }

  function restOver() {
    rest.signal();
    announce("Rest over: next set.");
  }

  function tick() {
    const timer = $("rest-timer");
    if (!session || !session.rest_until) {
      timer.hidden = true;
      return;
    }
    const left = (session.rest_until - Date.now()) / 1000;
    timer.hidden = false;
    if (left <= 0) {
      timer.classList.add("over");
      $("rest-time").textContent = "over";
      if (!session.rest_announced) {
        session.rest_announced = true;
        restOver();
        persist();
      }
      return;
    }
    timer.classList.remove("over");
    session.rest_announced = false;
    $("rest-time").textContent = clock(left);
  }

  function adjustRest(seconds) {
    if (!session || !session.rest_until) return;
    session.rest_until = Math.max(Date.now(), session.rest_until + seconds * 1000);
    const entry = session.exercises[session.index];
    if (entry) {
      entry.rest_s = Math.max(15, Math.min(600, entry.rest_s + seconds));
      try {
        localStorage.setItem(restKey(entry.slug), String(entry.rest_s));
      } catch (error) {
        /* private browsing: the adjustment holds for this session only */
      }
    }
    session.rest_announced = false;
    persist();
    tick();
  }

  // -- finishing and syncing ------------------------------------------------------------------
  function bodyOf(finished) {
    const sets = [];
    for (const entry of finished.exercises) {
      for (const item of entry.sets) {
        if (!item.done) continue;
        const raw = parseFloat(String(item.load).replace(",", ".")) || 0;
        const info = exercises.get(entry.slug) || {};
        let loadKg = toKg(raw);
        if (entry.platesMode && info.implement === "sled") loadKg = data.gym.sled_kg + 2 * toKg(raw);
        const set = {
          exercise: entry.slug,
          reps: item.hold ? 1 : parseInt(item.reps, 10),
          load_kg: Math.round(loadKg * 1000) / 1000,
          side: item.side || "both",
          warmup: !!item.warmup,
        };
        if (item.hold) set.duration_s = Number(item.hold);
        if (item.rpe) set.rpe = Number(item.rpe);
        sets.push(set);
      }
    }
    const seconds = (Date.now() - Date.parse(finished.started_at)) / 1000;
    const body = { started_at: finished.started_at, sets };
    if (seconds >= 60) body.duration_s = Math.min(Math.round(seconds), 6 * 3600);
    return body;
  }

  async function finish() {
    const body = bodyOf(session);
    if (!body.sets.length) {
      announce("Tick off at least one set (✓) before finishing.", true);
      return;
    }
    const bad = body.sets.find((s) => !(s.reps >= 1));
    if (bad) {
      announce("Every finished set needs its reps (or seconds for a hold).", true);
      return;
    }
    const entry = { key: session.key, athlete_id: athleteId, finished_at: new Date().toISOString(), body, error: null };
    await outboxPut(entry);
    await clearCurrent();
    session = null;
    tick();
    show("gym-session", false);
    show("gym-start", false);
    show("gym-result", true);
    $("gym-result-text").textContent = "Saved on this phone; sending…";
    $("gym-records").replaceChildren();
    $("gym-result-link").hidden = true;
    await sync();
  }

  let syncing = false;
  async function sync() {
    if (syncing) return;
    syncing = true;
    try {
      for (const entry of await outboxAll()) {
        let result;
        try {
          result = await store.send(entry, csrfToken);
        } catch (error) {
          break; // no network: everything stays in the outbox until it comes back
        }
        if (result.ok) {
          await outboxDelete(entry.key);
          showSaved(result.answer);
        } else if (result.status >= 500 || result.status === 429) {
          break;
        } else {
          entry.error = result.answer && result.answer.error ? result.answer.error.message : "HTTP " + result.status;
          if (result.status === 401) entry.error = "sign in again, then it will be sent";
          await outboxPut(entry);
        }
      }
    } finally {
      syncing = false;
      await renderOutbox();
    }
  }

  function showSaved(answer) {
    if (!answer) return;
    if (session) {
      announce("An earlier session was sent: " + answer.sets.length + " sets.");
      return;
    }
    {
      show("gym-result", true);
      $("gym-result-text").textContent = "Saved: " + answer.sets.length + " sets.";
      const records = (answer.records || []).map((r) => {
        const li = document.createElement("li");
        li.textContent = r.text;
        return li;
      });
      $("gym-records").replaceChildren(...records);
      const link = $("gym-result-link");
      link.href = "/athletes/" + athleteId + "/strength/" + answer.id;
      link.hidden = false;
      announce("Session saved." + (records.length ? " " + records.map((r) => r.textContent).join(". ") : ""));
    }
  }

  async function renderOutbox() {
    const entries = await outboxAll();
    show("gym-outbox", entries.length > 0);
    const count = entries.length;
    $("gym-outbox-text").textContent = count
      ? count + " finished session" + (count === 1 ? " is" : "s are") + " saved on this phone and waiting to be sent" + (navigator.onLine ? "." : ": it will be sent when the network is back.")
      : "";
    $("gym-outbox-list").replaceChildren(
      ...entries.map((e) => {
        const li = document.createElement("li");
        li.textContent = "Finished " + new Date(e.finished_at).toLocaleString() + ": " + e.body.sets.length + " sets" + (e.error ? " — not sent: " + e.error : "");
        return li;
      })
    );
    if (count && !$("gym-result").hidden && $("gym-result-text").textContent.startsWith("Saved on this phone")) {
      $("gym-result-text").textContent = "Saved on this phone. It will be sent when the network is back (see Waiting to sync).";
    }
  }

  function renderNetwork() {
    const node = $("gym-network");
    node.textContent = navigator.onLine ? "Online." : "Offline: keep logging, nothing is lost.";
    node.classList.toggle("offline", !navigator.onLine);
  }

  // -- wiring ---------------------------------------------------------------------------------
  function fillExerciseChoice() {
    const select = $("gym-exercise-choice");
    const logged = data.exercises.filter((e) => data.previous[e.slug]);
    const others = data.exercises.filter((e) => !data.previous[e.slug]);
    const group = (label, items) => {
      const node = document.createElement("optgroup");
      node.label = label;
      for (const e of items) {
        const option = document.createElement("option");
        option.value = e.slug;
        option.textContent = e.name;
        node.append(option);
      }
      return node;
    };
    select.replaceChildren(group("Done before", logged), group("Library", others));
  }

  $("start-empty").addEventListener("click", () => start("empty"));
  $("start-last").addEventListener("click", () => start("last"));
  $("start-plan").addEventListener("click", () => start("plan"));
  $("gym-prev").addEventListener("click", () => {
    session.index -= 1;
    persist();
    render();
  });
  $("gym-next").addEventListener("click", () => {
    session.index += 1;
    persist();
    render();
  });
  $("gym-add-set").addEventListener("click", () => {
    const entry = session.exercises[session.index];
    const last = entry.sets.filter((s) => !s.warmup).pop() || entry.sets[entry.sets.length - 1];
    entry.sets.push(Object.assign({}, last || blankSet(entry.slug), { done: false, warmup: false }));
    persist();
    render();
  });
  $("gym-add-warmup").addEventListener("click", () => {
    const entry = session.exercises[session.index];
    const first = entry.sets.findIndex((s) => !s.warmup);
    const template = entry.sets[first >= 0 ? first : 0] || blankSet(entry.slug);
    const load = parseFloat(String(template.load).replace(",", ".")) || 0;
    const warm = Object.assign({}, template, { done: false, warmup: true, load: load ? fmt(load / 2) : "", reps: template.hold ? 1 : 10, rpe: "" });
    entry.sets.splice(first >= 0 ? first : entry.sets.length, 0, warm);
    persist();
    render();
  });
  $("gym-add-exercise").addEventListener("click", () => {
    const slug = $("gym-exercise-choice").value;
    const suggestion = data.suggestions[slug];
    const info = exercises.get(slug);
    const perSide = !!(suggestion && suggestion.side_loads_kg);
    const sets = suggestion ? setsFromSuggestion(slug, suggestion.sets, suggestion.reps, suggestion.hold_s, perSide) : [];
    if (info && info.category === "core" && !sets.length && ["front-plank", "side-plank", "hollow-hold", "single-leg-glute-bridge-hold", "copenhagen-plank"].includes(slug)) {
      sets.push(blankSet(slug, { reps: 1, hold: 30 }));
    }
    session.exercises.push(exerciseEntry(slug, sets));
    session.index = session.exercises.length - 1;
    persist();
    render();
    $("gym-exercise-name").focus();
  });
  $("gym-plates-mode").addEventListener("change", () => {
    session.exercises[session.index].platesMode = $("gym-plates-mode").checked;
    persist();
    render();
  });
  $("gym-finish").addEventListener("click", () => finish());
  $("gym-discard").addEventListener("click", async () => {
    const button = $("gym-discard");
    if (button.dataset.confirm !== "1") {
      button.dataset.confirm = "1";
      button.textContent = "Tap again to discard";
      return;
    }
    button.dataset.confirm = "";
    button.textContent = "Discard";
    await clearCurrent();
    session = null;
    tick();
    render();
  });
  $("rest-minus").addEventListener("click", () => adjustRest(-15));
  $("rest-plus").addEventListener("click", () => adjustRest(15));
  $("rest-skip").addEventListener("click", () => {
    session.rest_until = null;
    persist();
    tick();
  });
  $("gym-again").addEventListener("click", () => {
    show("gym-result", false);
    render();
  });
  $("gym-sync-now").addEventListener("click", () => sync());
  window.addEventListener("online", () => {
    renderNetwork();
    sync();
  });
  window.addEventListener("offline", () => {
    renderNetwork();
    renderOutbox();
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) sync();
  });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }
  fillExerciseChoice();
  renderNetwork();
  loadCurrent()
    .then((stored) => {
      session = stored || null;
      render();
      tick();
      root.dataset.ready = "1";
    })
    .catch((error) => announce("This browser keeps no data for gym-floor mode: " + error, true));
  setInterval(tick, 250);
  setInterval(() => {
    if (navigator.onLine) sync();
  }, 15000);
  renderOutbox().then(() => sync());
})();
