// Draws every chart the page embeds: a <canvas data-chart="id"> reads its figures from the
// <script type="application/json" id="id"> beside it; the table under it carries the same figures.
(function () {
  "use strict";
  var palette = ["#1f5fa8", "#c0392b", "#2e8b57", "#b8860b", "#6a3d9a", "#00838f"];
  var lineColours = ["#333333", "#b8860b", "#6a3d9a"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var model = JSON.parse(source.textContent);
    var locale = document.documentElement.lang === "en" ? "en-US" : "vi-VN";
    var percent = model.format === "Percent";
    var horizontal = model.kind === "HorizontalBar";
    var line = model.kind === "Line";
    if (horizontal) {
      // A ranking: one row per unit, tall enough to read every name.
      canvas.parentElement.style.height = Math.max(160, model.labels.length * 24 + 60) + "px";
    }
    var bars = 0;
    var lines = 0;
    var datasets = model.series.map(function (s, i) {
      var asLine = line || s.line;
      var colour = asLine && !line ? lineColours[lines++ % lineColours.length] : palette[(line ? lines++ : bars++) % palette.length];
      return {
        type: asLine ? "line" : "bar",
        label: s.name,
        data: s.values,
        backgroundColor: s.wide ? colour + "80" : colour,
        borderColor: s.wide ? colour + "80" : colour,
        borderDash: s.dashed ? [6, 4] : [],
        // Each line its own marker, so the series part without colour too.
        pointStyle: asLine ? ["circle", "rect", "triangle", "rectRot"][i % 4] : undefined,
        borderWidth: s.wide ? 7 : 2,
        pointRadius: asLine ? (s.wide ? 7 : 4) : undefined,
        order: s.wide ? 2 : 1,
        spanGaps: true,
        fill: false,
        tension: 0
      };
    });
    var format = function (value) {
      if (value === null || value === undefined) {
        return "–";
      }
      return percent
        ? (value / 100).toLocaleString(locale, { style: "percent", maximumFractionDigits: 1 })
        : Number(value).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    };
    // Bars start at zero; lines show the change, from just under their lowest figure.
    var valueAxis = {
      beginAtZero: !line,
      grace: "5%",
      ticks: { callback: function (v) { return percent ? v + " %" : v; } }
    };
    if (model.max !== null && model.max !== undefined) {
      valueAxis.suggestedMax = model.max;
      valueAxis.max = model.max;
      valueAxis.grace = 0;
    }
    var chart = new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: { labels: model.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: locale,
        plugins: {
          legend: {
            display: datasets.length > 1,
            labels: { usePointStyle: true, sort: function (a, b) { return a.datasetIndex - b.datasetIndex; } }
          },
          tooltip: {
            callbacks: {
              title: function (items) {
                var i = items[0].dataIndex;
                return model.longLabels ? model.longLabels[i] : model.labels[i];
              },
              label: function (item) { return item.dataset.label + ": " + format(item.raw); }
            }
          }
        },
        scales: horizontal
          ? { x: valueAxis, y: { ticks: { autoSkip: false } } }
          : { y: valueAxis }
      }
    });
    canvas.dataset.rendered = chart ? "true" : "false";
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
