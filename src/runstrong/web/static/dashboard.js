// The dashboard charts: plotly.js (served by the app) drawing the JSON embedded in the page.
// Every chart also has a summary and a data table in the page, so nothing here is essential.
"use strict";
(function () {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof window.Plotly === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const colour = (name, fallback) => (css.getPropertyValue(name) || fallback).trim();
  const palette = {
    ink: colour("--ink", "#1b1f23"),
    muted: colour("--muted", "#4a525a"),
    run: colour("--run", "#0b5cad"),
    strength: colour("--strength", "#b3541e"),
    good: colour("--good", "#176b2c"),
    warn: colour("--warn", "#8a5300"),
    bad: colour("--bad", "#a4161a"),
  };
  const muscleColours = [
    "#0b5cad", "#b3541e", "#176b2c", "#6f3fa0", "#8a5300", "#a4161a",
    "#22707a", "#5b5f1e", "#9c2f6b", "#3d4f8f", "#4a525a", "#7a4a12",
  ];
  const config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["lasso2d", "select2d"],
  };

  function layout(extra) {
    return Object.assign(
      {
        margin: { l: 48, r: 48, t: 8, b: 40 },
        height: 300,
        font: { family: "system-ui, sans-serif", size: 13, color: palette.ink },
        legend: { orientation: "h", y: -0.18 },
        hovermode: "x unified",
        paper_bgcolor: "rgba(0,0,0,0)",
        plot_bgcolor: "rgba(0,0,0,0)",
        xaxis: { type: "date", gridcolor: "#e4e8ec" },
        yaxis: { gridcolor: "#e4e8ec", zerolinecolor: "#c9d1d9" },
      },
      extra
    );
  }

  function draw(id, traces, extraLayout, emptyText) {
    const element = document.getElementById(id);
    if (!element) {
      return;
    }
    const hasPoints = traces.some((trace) => trace.x && trace.x.length > 0);
    if (!hasPoints) {
      element.classList.add("chart-empty");
      element.textContent = emptyText;
      return;
    }
    element.setAttribute("aria-hidden", "true"); // the summary and table above say the same
    window.Plotly.newPlot(element, traces, layout(extraLayout), config);
  }

  // One day per value from firstDay (local days of the athlete, as dates without a time).
  const firstDay = Date.parse(data.firstDay + "T00:00:00Z");
  const days = data.ctl.map((_, i) => new Date(firstDay + i * 86400000).toISOString().slice(0, 10));

  draw(
    "chart-fitness",
    [
      { x: days, y: data.ctl, name: "Fitness (CTL)", type: "scatter", mode: "lines",
        line: { color: palette.run, width: 2.5 } },
      { x: days, y: data.atl, name: "Fatigue (ATL)", type: "scatter", mode: "lines",
        line: { color: palette.strength, width: 1.5 } },
      { x: days, y: data.tsb, name: "Form (TSB)", type: "bar", yaxis: "y2",
        marker: { color: data.tsb.map((v) => (v < 0 ? palette.bad : palette.good)) } },
    ],
    {
      height: 340,
      yaxis: { title: { text: "AU a day" }, domain: [0.34, 1], gridcolor: "#e4e8ec" },
      yaxis2: { title: { text: "TSB" }, domain: [0, 0.26], gridcolor: "#e4e8ec",
        zerolinecolor: palette.muted },
      bargap: 0,
    },
    "No load yet."
  );

  const loadTraces = [
    { x: days, y: data.runLoad, name: "Running", type: "bar", marker: { color: palette.run } },
    { x: days, y: data.strengthLoad, name: "Strength", type: "bar",
      marker: { color: palette.strength } },
  ];
  if (data.otherLoad) {
    loadTraces.push({ x: days, y: data.otherLoad, name: "Other", type: "bar",
      marker: { color: palette.muted } });
  }
  draw("chart-load", loadTraces, { barmode: "stack", bargap: 0.1, legend: { orientation: "h",
    y: -0.18, traceorder: "normal" },
    yaxis: { title: { text: "AU (RPE × min)" }, gridcolor: "#e4e8ec" } }, "No load yet.");

  const [bandLow, bandHigh] = data.acwrBand;
  draw(
    "chart-acwr",
    [
      { x: days, y: data.acwr, name: "ACWR (EWMA 7:28)", type: "scatter", mode: "lines",
        connectgaps: false, line: { color: palette.ink, width: 2 } },
    ],
    {
      showlegend: false,
      yaxis: { title: { text: "ratio" }, rangemode: "tozero", gridcolor: "#e4e8ec" },
      shapes: [
        { type: "rect", xref: "paper", x0: 0, x1: 1, y0: bandLow, y1: bandHigh,
          fillcolor: "rgba(23,107,44,0.12)", line: { width: 0 }, layer: "below" },
        { type: "line", xref: "paper", x0: 0, x1: 1, y0: data.acwrSpike, y1: data.acwrSpike,
          line: { color: palette.bad, width: 1.5, dash: "dash" } },
      ],
      annotations: [
        { xref: "paper", x: 1, y: data.acwrSpike, xanchor: "right", yanchor: "bottom",
          text: "signal above " + data.acwrSpike.toFixed(2), showarrow: false,
          font: { color: palette.bad, size: 12 } },
      ],
    },
    "No ratio yet: it needs 28 days of history."
  );

  draw(
    "chart-e1rm",
    [
      { x: data.e1rm.days, y: data.e1rm.values, name: "Leg press e1RM", type: "scatter",
        mode: "lines+markers", line: { color: palette.strength, width: 2 },
        marker: { size: 6 }, hovertemplate: "%{y:.1f} " + data.massUnit + "<extra></extra>" },
    ],
    { showlegend: false, hovermode: "closest",
      yaxis: { title: { text: "e1RM (" + data.massUnit + ")" }, gridcolor: "#e4e8ec" } },
    "No leg press sets with an e1RM estimate in this period."
  );

  const muscles = Object.keys(data.sets.muscles);
  draw(
    "chart-sets",
    muscles.map((muscle, index) => ({
      x: data.sets.weeks.map((day) => day.slice(5)), y: data.sets.muscles[muscle], name: muscle,
      type: "bar", hovertemplate: "%{y:.1f} sets, 7 days to %{x}<extra>" + muscle + "</extra>",
      marker: { color: muscleColours[index % muscleColours.length] },
    })),
    { barmode: "stack", hovermode: "closest",
      xaxis: { type: "category", gridcolor: "#e4e8ec" },
      yaxis: { title: { text: "hard sets" }, gridcolor: "#e4e8ec" },
      legend: { orientation: "h", y: -0.3 }, height: 340 },
    "No hard strength sets in the last 12 weeks."
  );

  draw(
    "chart-asymmetry",
    [
      { x: data.asymmetry.days, y: data.asymmetry.percent, name: "Asymmetry", type: "scatter",
        mode: "lines+markers", line: { color: palette.ink, width: 2 }, marker: { size: 6 },
        hovertemplate: "%{y:.1f} %<extra></extra>" },
    ],
    {
      showlegend: false, hovermode: "closest",
      yaxis: { title: { text: "% difference" }, rangemode: "tozero", gridcolor: "#e4e8ec" },
      shapes: [
        { type: "line", xref: "paper", x0: 0, x1: 1, y0: data.asymmetry.caution,
          y1: data.asymmetry.caution, line: { color: palette.warn, dash: "dot", width: 1.5 } },
        { type: "line", xref: "paper", x0: 0, x1: 1, y0: data.asymmetry.high,
          y1: data.asymmetry.high, line: { color: palette.bad, dash: "dash", width: 1.5 } },
      ],
    },
    "No single-leg press sets on both legs in this period."
  );
})();
