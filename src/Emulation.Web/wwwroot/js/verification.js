// The verifier's pages: the bulk accept's confirmation names how many are accepted, "tick all"
// for the submitted rows, and a confirmation before every other action that carries one
// (publish, reopen, extend, close out). Everything works without it: the server then asks for
// the confirmation itself (a confirmation step, or a required tick box).
(function () {
  "use strict";
  var accept = document.getElementById("accept-form");
  var all = document.getElementById("pick-all");

  function picks() {
    return accept ? Array.prototype.slice.call(accept.querySelectorAll("input[type='checkbox'][name$='.Selected']")) : [];
  }

  function ticked() {
    return picks().filter(function (box) { return box.checked; }).length;
  }

  if (all && picks().length > 0) {
    all.hidden = false;
    all.addEventListener("change", function () {
      picks().forEach(function (box) { box.checked = all.checked; });
    });
    accept.addEventListener("change", function (event) {
      if (event.target === all) {
        return;
      }
      var count = ticked();
      all.checked = count === picks().length;
      all.indeterminate = count > 0 && count < picks().length;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter || form.querySelector("button[data-confirm]");
    if (!button || !button.dataset.confirm) {
      return;
    }
    if (form === accept) {
      var count = ticked();
      if (count === 0) {
        // Nothing ticked: the server answers that nothing was chosen.
        return;
      }
      if (window.confirm(button.dataset.confirm.replace("{0}", count))) {
        document.getElementById("accept-confirmed").value = "true";
      } else {
        event.preventDefault();
      }
      return;
    }
    if (!window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
