// The monthly self-assessment form: a live preview scored by the server's engine (never computed
// here), autosave every minute, a warning before leaving unsaved work, evidence files checked for
// size before they are sent, and a confirmation before submitting. The form works without it.
(function () {
  "use strict";
  var form = document.getElementById("month-form");
  if (!form || form.dataset.editing !== "true") {
    return;
  }

  var dirty = false;
  var saving = false;
  var stopped = false;
  var previewTimer = null;
  var status = document.getElementById("autosave-status");
  var versionInput = form.querySelector("input[name='Version']");

  function say(text, isError) {
    if (status) {
      status.textContent = text;
      status.classList.toggle("late", !!isError);
    }
  }

  // The typed values only: files travel with a real save.
  function fields() {
    var data = new FormData(form);
    var names = [];
    data.forEach(function (value, name) {
      if (typeof value !== "string") {
        names.push(name);
      }
    });
    names.forEach(function (name) { data.delete(name); });
    return data;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual"
    });
  }

  function expired(response) {
    return response.type === "opaqueredirect" || response.status === 401 || response.status === 302;
  }

  function preview() {
    post(form.dataset.preview, fields()).then(function (response) {
      if (!response.ok) {
        return null;
      }
      return response.json();
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
    }).catch(function () { /* the preview is a convenience; the saved total is on the page */ });
  }

  function autosave() {
    if (!dirty || saving || stopped) {
      return;
    }
    saving = true;
    var sent = dirty;
    dirty = false;
    post(form.dataset.autosave, fields()).then(function (response) {
      if (expired(response)) {
        stopped = true;
        dirty = sent;
        say(form.dataset.sessionExpired, true);
        return null;
      }
      return response.json().then(function (body) {
        if (!response.ok) {
          // A conflict or a refused value: stop saving over someone else's work; the message says what to do.
          stopped = response.status === 409;
          dirty = sent;
          say(body.error || "", true);
          return;
        }
        versionInput.value = body.version;
        say(body.message, false);
      });
    }).catch(function () {
      dirty = sent;
    }).finally(function () {
      saving = false;
    });
  }

  form.addEventListener("input", function (event) {
    if (event.target.type === "file") {
      return;
    }
    dirty = true;
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(preview, 400);
  });

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "file" && input.files && input.files.length > 0) {
      var max = Number(form.dataset.maxFile);
      if (input.files[0].size > max) {
        window.alert(form.dataset.tooLarge.replace("{0}", input.files[0].name));
        input.value = "";
      }
    } else if (input.type === "radio") {
      dirty = true;
      preview();
    }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  form.addEventListener("submit", function () {
    dirty = false;
    stopped = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = form.dataset.unsaved;
    }
  });

  window.setInterval(autosave, 60000);
})();
