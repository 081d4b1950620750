/* The letter builder on an outcome page (templates/_letter.html): shows the hidden form, fills
   the letter's [placeholders] with what is typed as it is typed, and copies, prints or opens it
   in the reader's email app. Every word it shows comes from the page, in the page's language.
   The box for the date the letter is written starts with today's date, written with the page's
   month names. What is typed stays in this page: no request, cookie or storage ever holds it. */
(function () {
  "use strict";

  var GAP = /\[([^[\]\n]+)\]/g;
  var ENDS = /[.!?\u2026]["'\u201d\u2019)]*$/;  /* words that already end a sentence */
  var section = document.querySelector(".letter-section");
  var form = section && section.querySelector(".letter-form");
  var actions = section && section.querySelector(".letter-actions");
  var letter = document.getElementById("letter-text");
  if (!form || !actions || !letter) return;
  var status = actions.querySelector(".letter-status");
  var email = document.getElementById("letter-email");
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-placeholder]"));
  var months = (form.getAttribute("data-months") || "").split(",");
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

  /* The letter as pieces: its own words, the words typed, and each gap still to fill. The letter's
     full stop straight after typed words that already end a sentence is left out, so "school."
     never becomes "school..". The preview, the copy, the print and the email all come from here. */
  function pieces(text, typed) {
    var found = [], last = 0, ended = false, match;
    function own(words) {
      found.push({ text: ended && words.charAt(0) === "." ? words.slice(1) : words });
    }
    GAP.lastIndex = 0;
    while ((match = GAP.exec(text))) {
      own(text.slice(last, match.index));
      ended = has(typed, match[1]) && ENDS.test(typed[match[1]]);
      found.push(has(typed, match[1]) ? { text: typed[match[1]] } : { gap: match[0] });
      last = GAP.lastIndex;
    }
    own(text.slice(last));
    return found;
  }

  function filled(text, typed) {
    return pieces(text, typed).map(function (piece) { return piece.gap || piece.text; }).join("");
  }

  /* The preview: typed words as text, each gap still to fill as a marked [placeholder]. */
  function show(part, typed) {
    var gap;
    part.el.textContent = "";
    pieces(part.text, typed).forEach(function (piece) {
      if (piece.gap) {
        gap = part.el.appendChild(document.createElement("mark"));
        gap.className = "letter-gap";
        gap.textContent = piece.gap;
      } else if (piece.text) {
        part.el.appendChild(document.createTextNode(piece.text));
      }
    });
  }

  /* Today as a letter is dated: "7 December 2026", "7 Rhagfyr 2026". */
  function today() {
    var now = new Date();
    return now.getDate() + " " + months[now.getMonth()] + " " + now.getFullYear();
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
  fields.forEach(function (field) {
    if (field.hasAttribute("data-today") && !field.value && months.length === 12) field.value = today();
  });
  section.querySelector(".letter-intro").hidden = true;
  section.querySelector(".letter-builder").hidden = false;
  actions.hidden = false;
  update();
}());
