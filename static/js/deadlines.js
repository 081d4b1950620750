/* The deadline calculator in the export: the same rules as alnguide/tools/deadlines/rules.py,
   from the same data (the page's data-deadlines attribute), pinned to the same answers by
   tests/deadline_vectors.json. Dates are day numbers (days since 1 January 1970, UTC), so no
   time zone can move a day. Loaded only on the calculator's page; nothing typed leaves it. */
(function () {
  "use strict";

  var RANGE_DAYS = 2 * 366;

  function dayNumber(y, m, d) { return Date.UTC(y, m - 1, d) / 86400000; }
  function fromISO(text) { var p = text.split("-").map(Number); return dayNumber(p[0], p[1], p[2]); }
  function weekday(n) { return (n + 3) % 7; }  // Monday 0, as Python counts (1 January 1970 was a Thursday)
  function parts(n) { var d = new Date(n * 86400000); return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]; }
  function toISO(n) {
    var p = parts(n);
    return p[0] + "-" + String(p[1]).padStart(2, "0") + "-" + String(p[2]).padStart(2, "0");
  }

  /* [[term: [start, end, [[first, last]...], [closed...]]...]...] -> years of day numbers */
  function calendar(years) {
    return years.map(function (terms) {
      return terms.map(function (t) {
        return { start: fromISO(t[0]), end: fromISO(t[1]),
          breaks: t[2].map(function (b) { return [fromISO(b[0]), fromISO(b[1])]; }),
          closed: t[3].map(fromISO) };
      });
    });
  }

  function yearOf(n, cal) {
    for (var i = 0; i < cal.length; i++) {
      if (cal[i][0].start <= n && n <= cal[i][cal[i].length - 1].end) return cal[i];
    }
    return null;
  }

  function covers(n, cal) {
    if (yearOf(n, cal)) return true;
    for (var i = 0; i + 1 < cal.length; i++) {
      var last = cal[i][cal[i].length - 1].end, first = cal[i + 1][0].start;
      if (last < n && n < first && first - last < 80) return true;
    }
    return false;
  }

  function isSchoolDay(n, cal) {
    var year = yearOf(n, cal);
    return !!year && year.some(function (t) {
      return t.start <= n && n <= t.end && weekday(n) < 5 && t.closed.indexOf(n) < 0 &&
        !t.breaks.some(function (b) { return b[0] <= n && n <= b[1]; });
    });
  }

  /* {date, holidays, noTermsFrom} for a clock {unit, amount} counted from day `start`. */
  function dueDate(clock, start, cal) {
    if (clock.unit === "days") return { date: start + clock.amount, holidays: 0, noTermsFrom: null };
    if (clock.unit === "weeks") return { date: start + 7 * clock.amount, holidays: 0, noTermsFrom: null };
    var day = start, counted = 0, holidays = 0, noTermsFrom = null;
    while (counted < clock.amount) {
      day += 1;
      if (weekday(day) >= 5) continue;
      if (!covers(day, cal)) { if (noTermsFrom === null) noTermsFrom = day; counted += 1; }
      else if (isSchoolDay(day, cal)) counted += 1;
      else holidays += 1;
    }
    return { date: day, holidays: holidays, noTermsFrom: noTermsFrom };
  }

  /* [day number, null] from three fields as typed, or [null, why not]. */
  function readDate(d, m, y, today) {
    var fields = [d, m, y].map(function (x) { return String(x).trim(); });
    if (fields.some(function (x) { return !x; })) return [null, "missing"];
    if (fields.some(function (x) { return !/^[0-9]+$/.test(x); })) return [null, "numbers"];
    var day = Number(fields[0]), month = Number(fields[1]), year = Number(fields[2]);
    if (year < 100 || year > 9999 || month < 1 || month > 12 || day < 1) return [null, "not-a-date"];
    var n = dayNumber(year, month, day), back = parts(n);
    if (back[0] !== year || back[1] !== month || back[2] !== day) return [null, "not-a-date"];
    if (Math.abs(n - today) > RANGE_DAYS) return [null, "out-of-range"];
    return [n, null];
  }

  function longDate(n, names) {
    var p = parts(n);
    return names.days[weekday(n)] + " " + p[2] + " " + names.months[p[1] - 1] + " " + p[0];
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  var api = { dayNumber: dayNumber, fromISO: fromISO, toISO: toISO, calendar: calendar, dueDate: dueDate,
    readDate: readDate, longDate: longDate };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  function start() {
    var form = document.getElementById("deadline-form");
    var out = document.getElementById("deadline-result");
    if (!form || !out) return;
    var data = JSON.parse(form.dataset.deadlines);
    var cal = calendar(data.calendar);
    var now = new Date(), today = dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());

    function clearErrors() {
      form.querySelectorAll(".error-message").forEach(function (e) { e.remove(); });
      form.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
      form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
      var summary = document.querySelector(".error-summary");
      if (summary) summary.remove();
    }

    function showErrors(errors) {
      var summary = element("div", undefined, "error-summary");
      summary.setAttribute("role", "alert");
      summary.tabIndex = -1;
      var heading = element("h2", form.dataset.problem || "");
      summary.appendChild(heading);
      var list = element("ul");
      errors.forEach(function (e) {
        var item = element("li"), a = element("a", e.text);
        a.href = "#" + e.target;
        item.appendChild(a);
        list.appendChild(item);
        var box = document.getElementById(e.target).closest("fieldset");
        box.classList.add("has-error");
        box.insertBefore(element("p", e.text, "error-message"), box.querySelector("legend").nextSibling);
        if (e.field === "date") box.querySelectorAll("input").forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      });
      summary.appendChild(list);
      form.parentNode.insertBefore(summary, form.parentNode.querySelector("h1"));
      summary.focus();
    }

    function show(id, start, due) {
      var clock = data.clocks[id], names = { days: data.days, months: data.months };
      out.textContent = "";
      var section = element("section", undefined, "deadline-result");
      var heading = element("h2", fill(data.texts.due, { clock: clock.name, date: longDate(due.date, names) }));
      heading.id = "result-heading";
      heading.tabIndex = -1;
      section.setAttribute("aria-labelledby", "result-heading");
      section.appendChild(heading);
      if (clock.sure === "check") {
        var p = element("p"); p.appendChild(element("strong", data.texts.estimate)); section.appendChild(p);
      }
      section.appendChild(element("p", fill(data.texts[clock.unit],
        { amount: clock.amount, start: longDate(start, names), holidays: due.holidays })));
      if (due.noTermsFrom !== null) {
        section.appendChild(element("p", fill(data.texts["no-terms"], { from: longDate(due.noTermsFrom, names) })));
      }
      var rule = document.getElementById(id).parentNode;  // the clock's own section below
      var late = element("p");
      if (due.date < today) { late.appendChild(element("strong", data.texts.passed)); late.appendChild(document.createTextNode(" ")); }
      var ruleLate = rule.querySelector(".deadline-late");
      late.appendChild(document.createTextNode(ruleLate ? ruleLate.textContent : ""));
      section.appendChild(late);
      var next = rule.querySelector(".deadline-next");
      if (next) section.appendChild(next.cloneNode(true));
      out.appendChild(section);
    }

    function reveal() {  /* the answer sits above the form: take the reader to it */
      var heading = document.getElementById("result-heading");
      if (heading) heading.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var chosen = form.querySelector("input[name=clock]:checked");
      var read = readDate(form.day.value, form.month.value, form.year.value, today);
      var errors = [];
      if (!chosen) errors.push({ target: form.querySelector("input[name=clock]").id, text: data.errors.clock, field: "clock" });
      if (read[1]) errors.push({ target: "start-day", text: data.errors[read[1]], field: "date" });
      if (errors.length) { out.textContent = ""; showErrors(errors); return; }
      var clock = data.clocks[chosen.value];
      show(chosen.value, read[0], dueDate(clock, read[0], cal));
      reveal();
      var query = "?clock=" + encodeURIComponent(chosen.value) + "&day=" + encodeURIComponent(form.day.value) +
        "&month=" + encodeURIComponent(form.month.value) + "&year=" + encodeURIComponent(form.year.value);
      history.replaceState(null, "", query);
      document.querySelectorAll("a.lang-link").forEach(function (a) { a.search = query; });
    });

    /* Opened from a link with a time limit chosen (?clock=), or a shared answer (?clock=&day=...). */
    var params = new URLSearchParams(location.search);
    var preset = params.get("clock") && document.getElementById("clock-" + params.get("clock"));
    if (preset) preset.checked = true;
    ["day", "month", "year"].forEach(function (f) { if (params.get(f) !== null) form[f].value = params.get(f); });
    if (params.get("day") !== null) form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
