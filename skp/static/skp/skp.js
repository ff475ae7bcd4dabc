/* SKP pages: the status doughnut of the daftar nominatif. Chart.js is vendored (static/vendor/chartjs); the
   numbers are also listed next to the chart, so the page is complete without this file. */
(function () {
  "use strict";

  var angka = new Intl.NumberFormat("id-ID");

  function gambarDonat(root) {
    if (typeof window.Chart === "undefined") return;
    root.querySelectorAll("canvas[data-grafik-donat]").forEach(function (canvas) {
      if (canvas.dataset.digambar) return;
      var source = document.getElementById(canvas.dataset.grafikDonat);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      canvas.dataset.digambar = "1";
      new window.Chart(canvas, {
        type: "doughnut",
        data: {
          labels: data.labels,
          datasets: [{ data: data.data, backgroundColor: data.warna, borderWidth: 1 }]
        },
        options: {
          maintainAspectRatio: false,
          animation: false, // older office PCs and cheap phones: draw once
          cutout: "55%",
          plugins: {
            legend: { display: false }, // the list next to the chart is the legend, with links
            tooltip: { callbacks: { label: function (ctx) { return " " + ctx.label + ": " + angka.format(ctx.parsed); } } }
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { gambarDonat(document); });
  document.addEventListener("htmx:afterSettle", function (event) { gambarDonat(event.target); });
})();
