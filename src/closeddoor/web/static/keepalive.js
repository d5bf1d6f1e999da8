/* closeddoor: keep the session alive while someone types in a long form (progress notes,
   addenda, psychotherapy notes), so a note written over more than the idle time-out is not
   lost on submit. Typing is activity; a page nobody types in still times out.

   Forms opt in with `data-keepalive`; the CSRF token is the form's own hidden field. At most
   one request a minute. If the session has already ended, the page's [data-session-lost]
   notice is shown so the writer knows before pressing save. */
(function () {
  "use strict";
  var INTERVAL_MS = 60 * 1000;
  var lastSent = 0;

  function showSessionLost() {
    var notice = document.querySelector("[data-session-lost]");
    if (notice) {
      notice.hidden = false;
    }
  }

  function keepAlive(form) {
    var token = form.querySelector("input[name='csrf_token']");
    if (!token) {
      return;
    }
    var body = new URLSearchParams();
    body.set("csrf_token", token.value);
    // A signed-out session answers with a redirect to the sign-in page; "manual" keeps it
    // from being followed, so anything but 204 means the session is gone.
    fetch("/session/keepalive", {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      cache: "no-store"
    }).then(function (response) {
      if (response.status !== 204) {
        showSessionLost();
      }
    }).catch(function () {
      lastSent = 0; // offline for a moment: the next keystroke tries again
    });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    var form = target && target.closest ? target.closest("form[data-keepalive]") : null;
    if (!form) {
      return;
    }
    var now = Date.now();
    if (now - lastSent < INTERVAL_MS) {
      return;
    }
    lastSent = now;
    keepAlive(form);
  });
}());
