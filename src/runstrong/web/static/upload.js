// Import files through the JSON API with an upload progress bar and the per-file report.
// Without JavaScript (or XMLHttpRequest) the form posts to the page and the server answers
// with the same report.
"use strict";
(function () {
  const form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.runstrong) return;
  const input = document.getElementById("import-files");
  const status = document.getElementById("upload-status");
  const progress = document.getElementById("upload-progress");
  const percent = document.getElementById("upload-percent");
  const label = document.getElementById("upload-label");
  const report = document.getElementById("import-report");
  const submit = document.getElementById("import-submit");
  const maxBytes = Number(form.dataset.maxBytes || 0);
  const historyUrl = form.action.replace(/\/import$/, "/history");
  const LABELS = {
    imported: "Imported",
    already_present: "Already there",
    skipped: "Skipped",
    failed: "Failed",
  };

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    return node;
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  function showReport(data, errorMessage) {
    report.replaceChildren();
    if (errorMessage) report.append(element("p", errorMessage, { class: "error", role: "alert", id: "import-error" }));
    if (!data || !Array.isArray(data.files)) return;
    const count = (status) => data.files.filter((file) => file.status === status).length;
    const sum = (key) => data.files.reduce((total, file) => total + (file[key] || 0), 0);
    report.append(element("h2", "Import report", { id: "report-heading" }));
    report.append(
      element(
        "p",
        `${count("imported")} imported, ${count("already_present")} already there, ` +
          `${count("skipped")} skipped, ${count("failed")} failed ` +
          `(${plural(sum("activities_added"), "activity", "activities")} and ` +
          `${plural(sum("strength_sessions_added"), "strength session", "strength sessions")} added).`,
        { id: "import-summary" }
      )
    );
    const table = element("table", null, { id: "import-files-report" });
    const head = element("tr");
    ["File", "Result", "Added", "Details"].forEach((title) => head.append(element("th", title, { scope: "col" })));
    const thead = element("thead");
    thead.append(head);
    table.append(thead);
    const rowsBody = element("tbody");
    data.files.forEach((file) => {
      const row = element("tr", null, { class: `outcome-${file.status}` });
      const added = [];
      if (file.activities_added) added.push(plural(file.activities_added, "activity", "activities"));
      if (file.strength_sessions_added)
        added.push(plural(file.strength_sessions_added, "strength session", "strength sessions"));
      // One line: "a; b.", not "a.; b." (the last note keeps its full stop).
      const notes = [file.message].concat(file.warnings || []).filter(Boolean).map((n) => n.trim());
      const details = notes.map((n, i) => (i < notes.length - 1 ? n.replace(/\.+$/, "") : n)).join("; ");
      row.append(element("td", file.name));
      row.append(element("td", LABELS[file.status] + (file.format ? ` (${file.format})` : "")));
      row.append(element("td", added.join(", ")));
      row.append(element("td", details));
      rowsBody.append(row);
    });
    table.append(rowsBody);
    report.append(table);
    const link = element("p");
    link.append(element("a", "See your history", { href: historyUrl }));
    report.append(link);
  }

  function finish() {
    submit.disabled = false;
    status.hidden = true;
  }

  form.addEventListener("submit", (event) => {
    const files = Array.from(input.files || []);
    if (!files.length) return; // the browser asks for a file
    event.preventDefault();
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (maxBytes && total > maxBytes) {
      const mb = (bytes) => Math.ceil(bytes / (1024 * 1024));
      showReport(null, `These files add up to ${mb(total)} MB; upload at most ${mb(maxBytes)} MB at a time.`);
      return;
    }
    const body = new FormData();
    files.forEach((file) => body.append("files", file, file.name));
    const request = new XMLHttpRequest();
    request.open("POST", form.dataset.api);
    request.setRequestHeader("X-CSRF-Token", window.runstrong.csrfToken);
    request.setRequestHeader("Accept", "application/json");
    label.textContent = "Uploading…";
    progress.max = 100;
    progress.value = 0;
    percent.textContent = "0%";
    status.hidden = false;
    submit.disabled = true;
    report.replaceChildren();
    request.upload.addEventListener("progress", (progressEvent) => {
      if (!progressEvent.lengthComputable) return;
      const done = Math.round((progressEvent.loaded / progressEvent.total) * 100);
      progress.value = done;
      percent.textContent = `${done}%`;
    });
    request.upload.addEventListener("load", () => {
      label.textContent = "Importing…";
      progress.removeAttribute("value"); // indeterminate while the server reads the files
      percent.textContent = "";
    });
    request.addEventListener("load", () => {
      finish();
      let data = null;
      try {
        data = JSON.parse(request.responseText);
      } catch (error) {
        data = null;
      }
      if (request.status >= 200 && request.status < 300) {
        showReport(data, null);
        form.reset();
      } else {
        const message = data && data.error ? data.error.message : `The import failed (HTTP ${request.status}).`;
        showReport(data, message);
      }
    });
    request.addEventListener("error", () => {
      finish();
      showReport(null, "The upload did not reach the server: check the connection and try again.");
    });
    request.send(body);
  });
})();
