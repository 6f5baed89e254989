// The activity page's charts: one plotly.js figure with a panel per series (pace or speed,
// heart rate, elevation, cadence, power) on a shared x axis, so that hover and zoom are shared.
// The data comes as JSON in the page; every chart also has a summary and a table in the page.
"use strict";
(function () {
  const narrow = window.matchMedia("(max-width: 40rem)").matches;
  // Zone bars: widths come from data attributes (no inline styles under the CSP).
  document.querySelectorAll(".zone-bar[data-width]").forEach((bar) => {
    bar.style.width = (parseFloat(bar.dataset.width) / 100) * (narrow ? 2.5 : 5) + "rem";
  });
  const source = document.getElementById("activity-chart-data");
  const element = document.getElementById("chart-activity");
  if (!source || !element || typeof window.Plotly === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const axis = document.getElementById("chart-axis");
  const colours = ["#0b5cad", "#a4161a", "#176b2c", "#6f3fa0", "#b3541e"];

  function clock(seconds) {
    if (seconds === null || !isFinite(seconds)) {
      return "";
    }
    const total = Math.round(seconds);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function paceTicks(values) {
    const finite = values.filter((v) => v !== null && isFinite(v)).sort((a, b) => a - b);
    if (!finite.length) {
      return {};
    }
    // the 2nd to 98th percentile, padded: a stop or a GPS glitch does not squash the line
    const lowQ = finite[Math.floor(finite.length * 0.02)];
    const highQ = finite[Math.min(finite.length - 1, Math.floor(finite.length * 0.98))];
    const pad = Math.max(15, (highQ - lowQ) * 0.15);
    const low = Math.max(0, lowQ - pad);
    const high = highQ + pad;
    const steps = [15, 30, 60, 120, 300, 600, 900];
    const step = steps.find((candidate) => (high - low) / candidate <= 5) || 1800;
    const ticks = [];
    for (let v = Math.floor(low / step) * step; v <= high + step; v += step) {
      ticks.push(v);
    }
    return { tickvals: ticks, ticktext: ticks.map(clock), range: [high, low], autorange: false };
  }

  function draw() {
    const byDistance = axis && axis.value === "distance" && data.distance;
    const x = byDistance ? data.distance : data.timeS;
    const count = data.series.length;
    const gap = 0.04;
    const height = (1 - gap * (count - 1)) / count;
    const traces = [];
    const layout = {
      height: Math.max(240, (narrow ? 130 : 150) * count + 60),
      margin: { l: narrow ? 44 : 60, r: 12, t: 8, b: 40 },
      font: { family: "system-ui, sans-serif", size: narrow ? 11 : 13, color: "#1b1f23" },
      hovermode: "x unified",
      showlegend: false,
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      xaxis: {
        anchor: count > 1 ? "y" + count : "y",
        title: { text: byDistance ? "Distance (" + data.distanceUnit + ")" : "Time" },
        gridcolor: "#e4e8ec",
        showspikes: true,
        spikemode: "across",
        spikethickness: 1,
        spikecolor: "#4a525a",
      },
    };
    if (!byDistance) {
      const last = data.timeS[data.timeS.length - 1] || 0;
      const step = last > 7200 ? 1800 : last > 1800 ? 600 : last > 600 ? 300 : 60;
      const ticks = [];
      for (let v = 0; v <= last; v += step) {
        ticks.push(v);
      }
      layout.xaxis.tickvals = ticks;
      layout.xaxis.ticktext = ticks.map(clock);
    }
    data.series.forEach((series, index) => {
      const name = index === 0 ? "y" : "y" + (index + 1);
      const top = 1 - index * (height + gap);
      const yaxis = {
        domain: [Math.max(0, top - height), top],
        gridcolor: "#e4e8ec",
        title: { text: series.title + (series.pace ? "" : " (" + series.unit + ")"), font: { size: narrow ? 10 : 12 } },
        fixedrange: true,
      };
      let hover = "%{y:.0f} " + series.unit;
      let text = null;
      if (series.pace) {
        Object.assign(yaxis, paceTicks(series.values));
        text = series.values.map((v) => (v === null ? "" : clock(v) + series.unit));
        hover = "%{text}";
      } else if (series.unit === "km/h" || series.unit === "mph") {
        hover = "%{y:.1f} " + series.unit;
      }
      layout["yaxis" + (index === 0 ? "" : index + 1)] = yaxis;
      traces.push({
        x: x,
        y: series.values,
        text: text,
        name: series.title,
        type: "scatter",
        mode: "lines",
        connectgaps: false,
        line: { color: colours[index % colours.length], width: 1.5 },
        yaxis: name,
        hovertemplate: hover,
      });
    });
    element.setAttribute("aria-hidden", "true"); // the summaries and tables say the same
    window.Plotly.react(element, traces, layout, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["lasso2d", "select2d"],
    });
  }

  draw();
  if (axis) {
    axis.addEventListener("change", draw);
  }
})();
