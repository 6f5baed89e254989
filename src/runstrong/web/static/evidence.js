// The evidence page while its report is computed: poll the background job, reload when ready.
"use strict";
(function () {
  const dataNode = document.getElementById("evidence-data");
  if (!dataNode || !window.runstrong) {
    return;
  }
  const config = JSON.parse(dataNode.textContent);
  const stateNode = document.getElementById("evidence-job-state");
  let delay = 500;
  let waited = 0;

  function show(text) {
    if (stateNode) {
      stateNode.textContent = text;
    }
  }

  async function poll() {
    let job;
    try {
      job = await window.runstrong.api("GET", config.jobUrl);
    } catch (error) {
      show(`Could not ask how the analysis is going (${error.message}); reload the page to try again.`);
      return;
    }
    if (job.state === "finished") {
      show("Done: loading the report…");
      window.location.reload();
      return;
    }
    if (job.state === "failed") {
      show(`The analysis failed: ${job.error || "unknown error"}. Reload the page to try again.`);
      return;
    }
    waited += delay;
    show(`The analysis of your weeks is ${job.state === "queued" ? "waiting to start" : "running"} (${Math.round(waited / 1000)} s so far)…`);
    delay = Math.min(delay * 1.5, 3000);
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, delay);
})();
