// Draws the area-maxima chart from the JSON the page embeds; the table beside it carries the same figures.
(function () {
  "use strict";
  function drawAreaMaxima() {
    var canvas = document.getElementById("area-maxima");
    var data = document.getElementById("area-maxima-data");
    if (!canvas || !data || typeof window.Chart === "undefined") {
      return;
    }
    var model = JSON.parse(data.textContent);
    var palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#b8860b", "#6a3d9a", "#00838f"];
    var chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: model.labels,
        datasets: model.series.map(function (s, i) {
          return { label: s.name, data: s.values, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang === "en" ? "en-US" : "vi-VN",
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                var i = items[0].dataIndex;
                return model.labels[i] + " · " + model.areaTitles[i];
              }
            }
          }
        },
        scales: { y: { beginAtZero: true, grace: "5%" } }
      }
    });
    canvas.dataset.rendered = chart ? "true" : "false";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAreaMaxima);
  } else {
    drawAreaMaxima();
  }
})();
