/* A grouped bar chart from the JSON a page carries ({labels, datasets: [{label, values}]}),
   e.g. the pipeline funnel. No inline script: the content security policy stays strict. */
(function () {
  "use strict";
  var PALETTE = ["#1d5fa8", "#c5832b", "#3f8f5a", "#a03a7c", "#5b6b7d", "#d0463b", "#2a9d8f",
                 "#7a5cc2", "#8c6d1f", "#0f6e75", "#b5476b", "#4d7c0f"];
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source || typeof Chart === "undefined") { return; }
      var data = JSON.parse(source.textContent);
      Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.datasets.map(function (set, i) {
            return { label: set.label, data: set.values, backgroundColor: PALETTE[i % PALETTE.length] };
          })
        },
        options: { responsive: true, plugins: { legend: { position: "bottom" } },
                   scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
  });
}());
