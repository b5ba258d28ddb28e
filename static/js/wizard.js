// Progressive enhancement for the wizard; every step works without this file.
(function () {
  "use strict";
  var form = document.querySelector("[data-wizard-form]");
  if (!form) return;

  // Show the "why not applicable" box only when "not applicable" is chosen.
  form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
    var note = fieldset.querySelector("[data-note]");
    if (!note) return;
    var input = note.querySelector("input");
    function sync() {
      var chosen = fieldset.querySelector("input[type=radio]:checked");
      var na = chosen && chosen.value === "na";
      note.hidden = !na && !(input && input.value) && !note.querySelector(".is-invalid");
    }
    fieldset.addEventListener("change", sync);
    sync();
  });

  // Follow-up questions ("which one?", the SOC 2 and ISO details) show only when the answer they
  // follow asks for them: data-show-when="requests=soc2|tender_requirements=soc2,either".
  // Anything already typed, or marked invalid, stays visible so no answer is hidden.
  var conditional = form.querySelectorAll("[data-show-when]");
  function chosen(name) {
    var values = [];
    form.querySelectorAll("[name$='-" + name + "']").forEach(function (input) {
      if ((input.type === "checkbox" || input.type === "radio") && input.checked) values.push(input.value);
      if (input.tagName === "SELECT") values.push(input.value);
    });
    return values;
  }
  function applies(rule) {
    return rule.split("|").some(function (part) {
      var pieces = part.split("="), wanted = (pieces[1] || "").split(",");
      return chosen(pieces[0]).some(function (value) { return wanted.indexOf(value) !== -1; });
    });
  }
  function filled(block) {
    if (block.querySelector(".is-invalid")) return true;
    return Array.prototype.some.call(block.querySelectorAll("input[type=text], input[type=date], input[type=number]"), function (input) {
      return input.value && input.value !== "0";
    });
  }
  function syncConditional() {
    conditional.forEach(function (block) {
      block.hidden = !applies(block.getAttribute("data-show-when")) && !filled(block);
    });
  }
  if (conditional.length) {
    form.addEventListener("change", syncConditional);
    syncConditional();
  }

  // Warn before leaving a page with answers that were typed but not yet saved. A page sent back
  // with errors holds answers the server did not keep, so it counts as unsaved from the start.
  var dirty = !!form.querySelector(".is-invalid, [aria-invalid=true]");
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  document.querySelectorAll("[data-confirm-reset]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!window.confirm("Start over? Your answers so far will be cleared.")) event.preventDefault();
      else dirty = false;
    });
  });
})();

// After a failed submit, move focus to the first answer that needs attention; otherwise to the
// step's heading, so a screen reader announces the new step and Tab starts at its first question.
(function () {
  "use strict";
  var invalid = document.querySelector(".is-invalid, [aria-invalid=true]");
  if (invalid && typeof invalid.focus === "function") { invalid.focus(); return; }
  var heading = document.getElementById("step-heading");
  if (heading) heading.focus({ preventScroll: true });
})();
