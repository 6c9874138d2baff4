// The import form: refuses a file over the limit before sending it, asks before replacing months,
// and sends the file with XMLHttpRequest to show the upload's progress, then "checking and
// importing" while the server reads every row. Without script the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || typeof window.FormData === "undefined") {
    return;
  }
  var box = document.getElementById("import-progress");
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var busy = false;

  function show(message, percent) {
    box.hidden = false;
    text.textContent = message;
    if (percent === null) {
      bar.removeAttribute("value");
    } else {
      bar.value = percent;
    }
  }

  function replaceResult(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("import-result");
    var current = document.getElementById("import-result");
    if (fresh && current) {
      current.replaceWith(fresh);
      var heading = fresh.querySelector("h2, [role=alert]");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      return true;
    }
    return false;
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    var file = input && input.files && input.files[0];
    if (busy) {
      event.preventDefault();
      return;
    }
    if (file && file.size > Number(form.dataset.maxBytes)) {
      event.preventDefault();
      window.alert(form.dataset.tooLarge.replace("{0}", Math.ceil(file.size / 1048576)));
      return;
    }
    var replace = form.querySelector("input[name=Replace]");
    var button = form.querySelector("button[data-confirm-replace]");
    if (replace && replace.checked && button && !window.confirm(button.dataset.confirmReplace)) {
      event.preventDefault();
      return;
    }
    if (!file || typeof window.XMLHttpRequest === "undefined") {
      return;
    }
    event.preventDefault();
    busy = true;
    button.disabled = true;
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "import");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round((e.loaded / e.total) * 100);
        show(form.dataset.uploading.replace("{0}", percent), percent);
      }
    });
    request.upload.addEventListener("load", function () {
      show(form.dataset.checking, null);
    });
    request.addEventListener("load", function () {
      busy = false;
      button.disabled = false;
      var type = request.getResponseHeader("Content-Type") || "";
      if (request.status === 200 && type.indexOf("application/json") === 0) {
        var answer = JSON.parse(request.responseText);
        if (answer.redirect) {
          window.location.assign(answer.redirect);
          return;
        }
      }
      if (request.status === 200 && replaceResult(request.responseText)) {
        box.hidden = true;
        return;
      }
      show(form.dataset.failed.replace("{0}", String(request.status)), 0);
    });
    request.addEventListener("error", function () {
      busy = false;
      button.disabled = false;
      show(form.dataset.failed.replace("{0}", "0"), 0);
    });
    show(form.dataset.uploading.replace("{0}", "0"), 0);
    request.send(new FormData(form));
  });
})();
