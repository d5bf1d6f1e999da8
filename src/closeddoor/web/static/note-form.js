/* closeddoor: the progress-note form. Choosing an appointment fills the session date and
   shows its service code at once. Without JavaScript the form's "Use this appointment's date
   and code" button does the same on the server, so this file only saves a round trip; it sends
   nothing anywhere. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-note-form]");
  if (!form) {
    return;
  }
  var choice = form.querySelector("#appointment_id");
  var date = form.querySelector("#session_date");
  var code = form.querySelector("[data-service-code]");
  if (!choice || !date) {
    return;
  }
  form.querySelectorAll("[data-no-js-only]").forEach(function (button) {
    button.hidden = true;
  });
  choice.addEventListener("change", function () {
    var option = choice.options[choice.selectedIndex];
    if (!option || !option.value) {
      if (code) {
        code.textContent = "";
      }
      return;
    }
    if (option.dataset.date) {
      date.value = option.dataset.date;
    }
    if (code) {
      code.textContent = option.dataset.code
        ? "Service code " + option.dataset.code + " (from the appointment)."
        : "";
    }
  });
}());
