/* The letter builder on an outcome page (templates/_letter.html): shows the hidden form, fills
   the letter's [placeholders] with what is typed as it is typed, and copies, prints or opens it
   in the reader's email app. Every word it shows comes from the page, in the page's language.
   What is typed stays in this page: no request, cookie or storage ever holds it. */
(function () {
  "use strict";

  var GAP = /\[([^[\]\n]+)\]/g;
  var section = document.querySelector(".letter-section");
  var form = section && section.querySelector(".letter-form");
  var actions = section && section.querySelector(".letter-actions");
  var letter = document.getElementById("letter-text");
  if (!form || !actions || !letter) return;
  var status = actions.querySelector(".letter-status");
  var email = document.getElementById("letter-email");
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-placeholder]"));
  var parts = {};
  Array.prototype.forEach.call(letter.querySelectorAll("[data-letter]"), function (el) {
    parts[el.getAttribute("data-letter")] = { el: el, text: el.textContent };
  });

  function values() {
    var typed = {};
    fields.forEach(function (field) {
      if (field.value.trim()) typed[field.getAttribute("data-placeholder")] = field.value.trim();
    });
    return typed;
  }

  function has(typed, key) { return Object.prototype.hasOwnProperty.call(typed, key); }

  function filled(text, typed) {
    return text.replace(GAP, function (whole, key) { return has(typed, key) ? typed[key] : whole; });
  }

  /* The preview: typed words as text, each gap still to fill as a marked [placeholder]. */
  function show(part, typed) {
    var text = part.text, last = 0, found, gap;
    part.el.textContent = "";
    GAP.lastIndex = 0;
    while ((found = GAP.exec(text))) {
      part.el.appendChild(document.createTextNode(text.slice(last, found.index)));
      if (has(typed, found[1])) {
        part.el.appendChild(document.createTextNode(typed[found[1]]));
      } else {
        gap = part.el.appendChild(document.createElement("mark"));
        gap.className = "letter-gap";
        gap.textContent = found[0];
      }
      last = GAP.lastIndex;
    }
    part.el.appendChild(document.createTextNode(text.slice(last)));
  }

  function update() {
    var typed = values();
    Object.keys(parts).forEach(function (key) { show(parts[key], typed); });
    var subject = filled(parts.subject.text, typed).replace(/\s*\n\s*/g, " ");
    var body = filled(parts.body.text, typed).replace(/\r?\n/g, "\r\n");
    email.href = "mailto:" + encodeURI(actions.getAttribute("data-to")) + "?subject=" +
      encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  function say(key) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = actions.getAttribute("data-" + key); }, 100);
  }

  function select() {
    var range = document.createRange(), selection = window.getSelection();
    range.selectNodeContents(letter);
    selection.removeAllRanges();
    selection.addRange(range);
    say("selected");
  }

  function copy() {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return select();
    navigator.clipboard.writeText(letter.textContent).then(function () { say("copied"); }, select);
  }

  function print() {
    document.documentElement.classList.add("print-letter");
    window.print();
  }

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("print-letter");
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", update);
  actions.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (action) (action.getAttribute("data-action") === "copy" ? copy : print)();
  });
  section.querySelector(".letter-intro").hidden = true;
  section.querySelector(".letter-builder").hidden = false;
  actions.hidden = false;
  update();
}());
