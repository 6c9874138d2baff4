// Backups: while a backup runs, asks the server for its state every second and shows the page again when it is done.
(function () {
  "use strict";
  var status = document.getElementById("backup-status");
  if (!status || status.dataset.state !== "Running") {
    return;
  }
  function poll() {
    fetch(status.dataset.statusUrl, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s && s.state !== "Running") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
