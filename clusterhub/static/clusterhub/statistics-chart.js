/* Draws the statistics explorer's chart from the JSON the page carries (no inline script,
   so the content security policy stays strict). Forecasts, targets and estimates are drawn
   dashed with hollow points; actual figures solid. Redrawn after htmx swaps the explorer. */
(function () {
  "use strict";
  var PALETTE = ["#1d5fa8", "#c5832b", "#3f8f5a", "#a03a7c", "#5b6b7d", "#d0463b", "#2a9d8f", "#7a5cc2"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    if (canvas._chart) { canvas._chart.destroy(); }
    var datasets = data.datasets.map(function (set, index) {
      var color = PALETTE[index % PALETTE.length];
      var notActual = function (i) { return set.kinds[i] && set.kinds[i] !== "actual"; };
      return {
        label: set.label,
        data: set.values,
        borderColor: color,
        backgroundColor: color,
        spanGaps: true,
        tension: 0.1,
        pointRadius: 4,
        pointBackgroundColor: set.values.map(function (_, i) { return notActual(i) ? "#ffffff" : color; }),
        segment: {
          borderDash: function (ctx) { return notActual(ctx.p1DataIndex) ? [6, 4] : undefined; }
        }
      };
    });
    canvas._chart = new Chart(canvas, {
      type: "line",
      data: { labels: data.years, datasets: datasets },
      options: {
        responsive: true,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              afterLabel: function (ctx) {
                var kind = data.datasets[ctx.datasetIndex].kinds[ctx.dataIndex];
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
