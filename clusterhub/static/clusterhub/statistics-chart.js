/* Draws the statistics explorer's chart from the JSON the page carries (no inline script,
   so the content security policy stays strict). Years sit on a linear axis, so uneven gaps
   between the years a source reports stay visible. Forecasts, targets and estimates are
   drawn dashed with hollow points; actual figures solid. Redrawn after htmx swaps. */
(function () {
  "use strict";
  var PALETTE = ["#1d5fa8", "#c5832b", "#3f8f5a", "#a03a7c", "#5b6b7d", "#d0463b", "#2a9d8f",
                 "#7a5cc2", "#8c6d1f", "#0f6e75", "#b5476b", "#4d7c0f"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // Canvas text does not inherit CSS: use the page's font (Noto Sans KR) for Korean labels.
    Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    if (canvas._chart) { canvas._chart.destroy(); }
    var datasets = data.datasets.map(function (set, index) {
      var color = PALETTE[index % PALETTE.length];
      var notActual = function (i) { return set.points[i] && set.points[i].kind !== "actual"; };
      return {
        label: set.label,
        data: set.points,
        borderColor: color,
        backgroundColor: color,
        tension: 0.1,
        pointRadius: 4,
        pointBackgroundColor: set.points.map(function (_, i) { return notActual(i) ? "#ffffff" : color; }),
        segment: {
          borderDash: function (ctx) { return notActual(ctx.p1DataIndex) ? [6, 4] : undefined; }
        }
      };
    });
    canvas._chart = new Chart(canvas, {
      type: "line",
      data: { datasets: datasets },
      options: {
        responsive: true,
        parsing: { xAxisKey: "x", yAxisKey: "y" },
        interaction: { mode: "nearest", intersect: false },
        scales: {
          x: {
            type: "linear",
            ticks: { stepSize: 1, callback: function (value) { return String(value); } }
          },
          y: { beginAtZero: true }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? String(items[0].raw.x) : ""; },
              afterLabel: function (ctx) {
                var kind = ctx.raw.kind;
                return kind && kind !== "actual" ? "(" + (data.labels[kind] || kind) + ")" : "";
              }
            }
          }
        }
      }
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
}());
