// The verifier's review: a criterion whose appraised inputs differ from the current ones shows its
// reason field (required then), the appraised points are scored by the server's engine as the
// inputs change (never computed here), a dispute's new value shows when "change" is chosen, and
// Accept and Return ask for confirmation. The page works without it.
(function () {
  "use strict";

  function numeric(text) {
    return /^\s*-?\d+(\.\d+)?\s*$/.test(text);
  }

  function same(a, b) {
    a = (a || "").trim();
    b = (b || "").trim();
    if (numeric(a) && numeric(b)) {
      return Number(a) === Number(b);
    }
    return a === b;
  }

  function current(box, suffix) {
    var checked = box.querySelector("input[type='radio'][name$='" + suffix + "']:checked");
    if (checked) {
      return checked.value;
    }
    var input = box.querySelector("input:not([type='radio']):not([type='hidden'])[name$='" + suffix + "']");
    return input ? input.value : "";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  var form = document.getElementById("review-form");
  if (form) {
    form.classList.add("scripted");
    var timer = null;
    var sent = false;

    var mark = function (box) {
      var changed = !same(current(box, ".Value"), box.dataset.defaultValue) ||
        !same(current(box, ".Denominator"), box.dataset.defaultDenominator);
      var criterion = box.closest(".criterion");
      criterion.classList.toggle("is-changed", changed);
      var reason = box.querySelector(".reason textarea");
      if (reason) {
        reason.required = changed;
      }
    };

    var preview = function () {
      fetch(form.dataset.preview, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
        redirect: "manual"
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (result) {
        if (!result) {
          return;
        }
        Object.keys(result.criteria).forEach(function (code) {
          var output = form.querySelector("output[data-points='" + CSS.escape(code) + "']");
          if (output) {
            output.textContent = result.criteria[code];
          }
        });
        Object.keys(result.areas).forEach(function (code) {
          var output = document.querySelector("output[data-area='" + CSS.escape(code) + "']");
          if (output) {
            output.textContent = result.areas[code];
          }
        });
        document.querySelectorAll("output[data-total]").forEach(function (total) {
          total.textContent = result.total;
        });
        var lateness = document.querySelector("output[data-lateness]");
        if (lateness) {
          lateness.textContent = "−" + result.lateness;
        }
      }).catch(function () { /* the preview is a convenience; the saved figures follow the save */ });
    };

    form.querySelectorAll(".appraisal").forEach(mark);

    var changed = function (event) {
      var box = event.target.closest(".appraisal");
      if (!box || event.target.closest(".reason, .finding-box")) {
        return;
      }
      mark(box);
      window.clearTimeout(timer);
      if (!sent) {
        timer = window.setTimeout(preview, 400);
      }
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);

    // No preview once the form is sent: one answered after the redirect would read the page's
    // one-time message ("accepted", "returned") before the page shows it.
    form.addEventListener("submit", function () {
      sent = true;
      window.clearTimeout(timer);
    });
  }

  var disputes = document.getElementById("dispute-form");
  if (disputes) {
    disputes.classList.add("scripted");
    var show = function (item) {
      var choice = item.querySelector("input[name$='.Decision']:checked");
      item.classList.toggle("is-changing", !!choice && choice.value === "Changed");
    };
    disputes.querySelectorAll(".dispute-answer").forEach(show);
    disputes.addEventListener("change", function (event) {
      var item = event.target.closest(".dispute-answer");
      if (item && event.target.name && /\.Decision$/.test(event.target.name)) {
        show(item);
      }
    });
  }
})();
