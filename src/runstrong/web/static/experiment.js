// The power curve of an experiment design: plotly.js (served by the app) drawing the JSON in the
// page. The summary and the table in the page say the same, so nothing here is essential.
"use strict";
(function () {
  const source = document.getElementById("experiment-data");
  const element = document.getElementById("power-curve");
  if (!source || !element || typeof window.Plotly === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const ink = (css.getPropertyValue("--ink") || "#1b1f23").trim();
  const run = (css.getPropertyValue("--run") || "#0b5cad").trim();
  const good = (css.getPropertyValue("--good") || "#176b2c").trim();
  const x = data.curve.map((p) => p.effect_percent);
  const y = data.curve.map((p) => p.power * 100);
  const top = Math.max(...x, 8.5);
  const traces = [
    { x: x, y: y, mode: "lines+markers", name: "power", line: { color: run, width: 3 },
      hovertemplate: "%{x:.1f} %: power %{y:.0f} %<extra></extra>" },
  ];
  const layout = {
    margin: { l: 52, r: 16, t: 8, b: 48 },
    height: 300,
    font: { family: "system-ui, sans-serif", size: 13, color: ink },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    showlegend: false,
    xaxis: { title: { text: "true change (%)" }, range: [0, top], gridcolor: "#e4e8ec" },
    yaxis: { title: { text: "power (%)" }, range: [0, 100], gridcolor: "#e4e8ec" },
    shapes: [
      { type: "rect", xref: "x", yref: "paper", x0: 2, x1: 8, y0: 0, y1: 1,
        fillcolor: good, opacity: 0.08, line: { width: 0 } },
      { type: "line", xref: "paper", x0: 0, x1: 1, y0: 80, y1: 80,
        line: { color: "#8a5300", dash: "dash", width: 1 } },
      { type: "line", x0: data.detectable, x1: data.detectable, yref: "paper", y0: 0, y1: 1,
        line: { color: "#8a5300", dash: "dot", width: 1 } },
    ],
    annotations: [
      { x: 5, y: 0.02, yref: "paper", text: "trials: 2–8 %", showarrow: false,
        yanchor: "bottom", font: { size: 12, color: good } },
    ],
  };
  element.setAttribute("aria-hidden", "true");
  window.Plotly.newPlot(element, traces, layout, { responsive: true, displaylogo: false,
    modeBarButtonsToRemove: ["lasso2d", "select2d"] });
})();
