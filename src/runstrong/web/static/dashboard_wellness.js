// The dashboard's wellness chart: HRV (ln rMSSD, its 7-day mean and normal band), resting heart
// rate, sleep and a soreness heat strip by region, heavy leg sessions marked. plotly.js is served
// by the app; the summary above the chart says the same in words.
"use strict";
(function () {
  const source = document.getElementById("dashboard-data");
  const element = document.getElementById("chart-wellness");
  if (!source || !element || typeof window.Plotly === "undefined") return;
  const w = JSON.parse(source.textContent).wellness;
  if (!w) return;
  const x = w.dates;
  const ln = w.rmssd_ms.map((v) => (v === null ? null : Math.log(v)));
  const regions = Object.keys(w.soreness);
  const label = (r) => r.replace("_", " ");
  const traces = [
    { x, y: w.normal_high, name: "normal range", type: "scatter", mode: "lines", line: { width: 0 },
      hoverinfo: "skip", showlegend: false, yaxis: "y" },
    { x, y: w.normal_low, name: "normal range (60-day mean ± 0.5 SD)", type: "scatter", mode: "lines",
      line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(23,107,44,0.15)", yaxis: "y" },
    { x, y: ln, name: "ln rMSSD (morning)", type: "scatter", mode: "markers",
      marker: { color: "#0b5cad", size: 5 }, yaxis: "y" },
    { x, y: w.ln_rmssd_7d, name: "7-day mean", type: "scatter", mode: "lines",
      line: { color: "#0b5cad", width: 2.5 }, connectgaps: true, yaxis: "y" },
    { x, y: w.resting_hr_bpm, name: "resting HR (bpm)", type: "scatter", mode: "lines+markers",
      line: { color: "#a4161a", width: 1.5 }, marker: { size: 4 }, connectgaps: true, yaxis: "y2" },
    { x, y: w.sleep_h, name: "sleep (h)", type: "bar", marker: { color: "#6f3fa0" }, yaxis: "y3" },
    { x, y: regions.map(label), z: regions.map((r) => w.soreness[r]), type: "heatmap", zmin: 0, zmax: 10,
      colorscale: [[0, "#f6f8fa"], [0.4, "#f2cc60"], [0.7, "#d1661e"], [1, "#a4161a"]],
      colorbar: { title: { text: "sore" }, len: 0.26, y: 0.12, thickness: 10 }, hoverongaps: false,
      name: "soreness", yaxis: "y4", xgap: 1, ygap: 1 },
  ];
  const shapes = w.heavy_strength_days.map((day) => ({
    type: "line", xref: "x", yref: "paper", x0: day, x1: day, y0: 0, y1: 1,
    line: { color: "#b3541e", width: 1, dash: "dot" },
  }));
  const layout = {
    height: 520,
    margin: { l: 86, r: 24, t: 8, b: 36 },
    font: { family: "system-ui, sans-serif", size: 12, color: "#1b1f23" },
    legend: { orientation: "h", y: -0.08 },
    hovermode: "x unified",
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    xaxis: { type: "date", gridcolor: "#e4e8ec", anchor: "y4" },
    yaxis: { title: { text: "ln rMSSD" }, domain: [0.7, 1], gridcolor: "#e4e8ec" },
    yaxis2: { title: { text: "HR" }, domain: [0.5, 0.66], gridcolor: "#e4e8ec" },
    yaxis3: { title: { text: "sleep h" }, domain: [0.3, 0.46], gridcolor: "#e4e8ec", rangemode: "tozero" },
    yaxis4: { domain: [0, 0.26], automargin: true },
    shapes,
  };
  element.setAttribute("aria-hidden", "true");
  window.Plotly.newPlot(element, traces, layout, { responsive: true, displaylogo: false });
})();
