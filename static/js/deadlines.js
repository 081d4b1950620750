/* The deadline calculator in the export: the same rules as alnguide/tools/deadlines/rules.py,
   from the same data (the page's data-deadlines attribute), pinned to the same answers by
   tests/deadline_vectors.json. Dates are day numbers (days since 1 January 1970, UTC), so no
   time zone can move a day. Loaded only on the calculator's page; nothing typed leaves it. */
(function () {
  "use strict";

  var RANGE_DAYS = 2 * 366;

  function dayNumber(y, m, d) {  /* setUTCFullYear, not Date.UTC, which reads years 0 to 99 as 1900 to 1999 */
    var t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    return t.getTime() / 86400000;
  }
  function fromISO(text) { var p = text.split("-").map(Number); return dayNumber(p[0], p[1], p[2]); }
  function weekday(n) { return (n + 3) % 7; }  // Monday 0, as Python counts (1 January 1970 was a Thursday)
  function parts(n) { var d = new Date(n * 86400000); return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]; }
  function toISO(n) {
    var p = parts(n);
    return p[0] + "-" + String(p[1]).padStart(2, "0") + "-" + String(p[2]).padStart(2, "0");
  }

  /* [{training, terms: [[start, end, [[first, last]...], [closed...]]...]}...] -> years of day numbers */
  function calendar(years, bankHolidays) {
    return {
      years: years.map(function (y) {
        return { training: y.training, terms: y.terms.map(function (t) {
          return { start: fromISO(t[0]), end: fromISO(t[1]),
            breaks: t[2].map(function (b) { return [fromISO(b[0]), fromISO(b[1])]; }),
            closed: t[3].map(fromISO) };
        }) };
      }),
      bankHolidays: (bankHolidays || []).map(fromISO)
    };
  }

  function first(y) { return y.terms[0].start; }
  function last(y) { return y.terms[y.terms.length - 1].end; }

  function yearOf(n, cal) {
    for (var i = 0; i < cal.years.length; i++) {
      if (first(cal.years[i]) <= n && n <= last(cal.years[i])) return cal.years[i];
    }
    return null;
  }

  function covers(n, cal) {
    if (yearOf(n, cal)) return true;
    for (var i = 0; i + 1 < cal.years.length; i++) {
      var end = last(cal.years[i]), next = first(cal.years[i + 1]);
      if (end < n && n < next && next - end < 80) return true;
    }
    return false;
  }

  function isSchoolDay(n, cal, closed) {
    var year = yearOf(n, cal);
    if (!year || cal.bankHolidays.indexOf(n) >= 0 || (closed && closed.indexOf(n) >= 0)) return false;
    return year.terms.some(function (t) {
      return t.start <= n && n <= t.end && weekday(n) < 5 && t.closed.indexOf(n) < 0 &&
        !t.breaks.some(function (b) { return b[0] <= n && n <= b[1]; });
    });
  }

  function isWorkingDay(n, cal) { return weekday(n) < 5 && cal.bankHolidays.indexOf(n) < 0; }

  /* {date, holidays, noTermsFrom, training, closures} for a clock {unit, amount, then} counted from
     day `start`, leaving out the family's own closure days `closed` (day numbers). */
  function dueDate(clock, start, cal, closed) {
    closed = closed || [];
    if (clock.unit === "days" || clock.unit === "weeks") {
      var length = clock.amount * (clock.unit === "weeks" ? 7 : 1);
      var end = start + length;
      if (clock.then === "first-working-day") { while (!isWorkingDay(end, cal)) end += 1; }
      return { date: end, holidays: 0, noTermsFrom: null, training: 0, closures: 0 };
    }
    var day = start, counted = 0, holidays = 0, closures = 0, noTermsFrom = null, years = [];
    while (counted < clock.amount) {
      day += 1;
      if (weekday(day) >= 5) continue;
      if (!covers(day, cal)) { if (noTermsFrom === null) noTermsFrom = day; counted += 1; }
      else if (isSchoolDay(day, cal, closed)) {
        counted += 1;
        var year = yearOf(day, cal);
        if (years.indexOf(year) < 0) years.push(year);
      }
      else if (isSchoolDay(day, cal)) closures += 1;
      else holidays += 1;
    }
    var training = closed.length || noTermsFrom !== null ? 0 :
      years.reduce(function (sum, y) { return sum + y.training; }, 0);
    return { date: day, holidays: holidays, noTermsFrom: noTermsFrom, training: training, closures: closures };
  }

  /* [day number, null] from three fields as typed, or [null, why not]. */
  function readDate(d, m, y, today) {
    var fields = [d, m, y].map(function (x) { return String(x).trim(); });
    if (fields.some(function (x) { return !x; })) return [null, "missing"];
    if (fields.some(function (x) { return !/^[0-9]+$/.test(x); })) return [null, "numbers"];
    if (fields[2].length !== 4) return [null, "year-digits"];
    if (fields[0].length > 2 || fields[1].length > 2) return [null, "not-a-date"];
    var day = Number(fields[0]), month = Number(fields[1]), year = Number(fields[2]);
    if (year < 1 || month < 1 || month > 12 || day < 1) return [null, "not-a-date"];
    var n = dayNumber(year, month, day), back = parts(n);
    if (back[0] !== year || back[1] !== month || back[2] !== day) return [null, "not-a-date"];
    if (Math.abs(n - today) > RANGE_DAYS) return [null, "out-of-range"];
    return [n, null];
  }

  var MAX_CLOSURES = 20;

  /* [[day numbers, sorted], null] from the closure days as typed, or [[], "closures"]. */
  function readClosures(text, today) {
    var found = [];
    var items = String(text || "").split(/[,;\n]+/);
    for (var i = 0; i < items.length; i++) {
      var item = items[i].trim();
      if (!item) continue;
      var match = /^(\d{1,2})[ /.-]+(\d{1,2})[ /.-]+(\d{4})$/.exec(item);
      if (!match) return [[], "closures"];
      var read = readDate(match[1], match[2], match[3], today);
      if (read[1]) return [[], "closures"];
      if (found.indexOf(read[0]) < 0) found.push(read[0]);
    }
    if (found.length > MAX_CLOSURES) return [[], "closures"];
    return [found.sort(function (a, b) { return a - b; }), null];
  }

  /* "dydd Llun 10 Rhagfyr 2018" (names.days), or mutated: "ddydd Llun ..." (names.daysSoft). */
  function longDate(n, names, mutated) {
    var p = parts(n);
    return (mutated ? names.daysSoft : names.days)[weekday(n)] + " " + p[2] + " " + names.months[p[1] - 1] + " " + p[0];
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  /* Each date as %(x)s and %(x_soft)s, as alnguide/tools/deadlines/dates.py gives them. */
  function dateValues(names, days) {
    var values = {};
    Object.keys(days).forEach(function (key) {
      if (days[key] === null || days[key] === undefined) return;
      values[key] = longDate(days[key], names);
      values[key + "_soft"] = longDate(days[key], names, true);
    });
    return values;
  }

  function merge(a, b) { var out = {}; [a, b].forEach(function (o) { Object.keys(o).forEach(function (k) { out[k] = o[k]; }); }); return out; }

  /* What the page says about one result, as views.explain does: {kind, heading, strong, notes}. */
  function explain(clock, start, due, texts, names) {
    var kind, heading, strong = [], notes = [];
    if (due.noTermsFrom !== null) {
      kind = "not-before";
      heading = fill(texts["not-before"], merge({ clock: clock.name }, dateValues(names, { date: due.date })));
      strong.push(fill(texts["not-before-why"], dateValues(names, { from: due.noTermsFrom })));
    } else if (clock.whose === "family") {
      kind = "family";
      heading = fill(clock.headline, dateValues(names, { date: due.date }));
    } else {
      kind = "due";
      heading = fill(texts.due, merge({ clock: clock.name }, dateValues(names, { date: due.date })));
    }
    if (kind === "family") strong.push(texts["send-early"]);
    if (clock.sure === "check") strong.push(texts.estimate);
    notes.push(fill(texts[clock.then || clock.unit],
      merge({ amount: clock.amount, holidays: due.holidays }, dateValues(names, { start: start }))));
    if (due.closures) notes.push(fill(texts.closures, { closures: due.closures }));
    else if (due.training) notes.push(fill(texts.training, { days: due.training }));
    return { kind: kind, heading: heading, strong: strong, notes: notes };
  }

  /* The calendar file, as alnguide/tools/deadlines/ics.py makes it. */
  function icsEscape(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n/g, "\n").replace(/\n/g, "\\n");
  }

  function icsFold(line) {
    var out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (size + width > 75) { out.push(current); current = " "; size = 1; }
      current += ch;
      size += width;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function compact(n) { return toISO(n).replace(/-/g, ""); }

  function icsText(id, clock, start, due, said, stamp) {
    var description = said.strong.concat(said.notes, [clock.late]).join("\n\n");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Canllaw ADY - ALN Guide//Deadlines//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
      "UID:" + id + "-" + toISO(start) + "-" + toISO(due.date) + "@canllaw-ady",
      "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + compact(due.date), "DTEND;VALUE=DATE:" + compact(due.date + 1),
      "SUMMARY:" + icsEscape(said.heading), "DESCRIPTION:" + icsEscape(description), "TRANSP:TRANSPARENT",
      "END:VEVENT", "END:VCALENDAR"];
    return lines.map(function (l) { return icsFold(l) + "\r\n"; }).join("");
  }

  var api = { dayNumber: dayNumber, fromISO: fromISO, toISO: toISO, calendar: calendar, dueDate: dueDate,
    readDate: readDate, readClosures: readClosures, longDate: longDate, explain: explain, icsText: icsText };
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
    var cal = calendar(data.calendar, data.bankHolidays);
    var names = { days: data.days, daysSoft: data.daysSoft, months: data.months };
    var now = new Date(), today = dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
    var fileUrl = null;

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
        var box = document.getElementById(e.target).closest("fieldset, .field");
        box.classList.add("has-error");
        var before = box.querySelector("legend, .hint");
        box.insertBefore(element("p", e.text, "error-message"), before ? before.nextSibling : box.firstChild);
        var marked = e.target === "start-year" ? "#start-year" : "input, textarea";  /* only the year, if only it is wrong */
        if (e.field !== "clock") box.querySelectorAll(marked).forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      });
      summary.appendChild(list);
      form.parentNode.insertBefore(summary, form.parentNode.querySelector("h1"));
      summary.focus();
    }

    function show(id, start, due) {
      var clock = data.clocks[id];
      var said = explain(clock, start, due, data.texts, names);
      out.textContent = "";
      var section = element("section", undefined, "deadline-result deadline-" + said.kind);
      var heading = element("h2", said.heading);
      heading.id = "result-heading";
      heading.tabIndex = -1;
      section.setAttribute("aria-labelledby", "result-heading");
      section.appendChild(heading);
      said.strong.forEach(function (line) { var p = element("p"); p.appendChild(element("strong", line)); section.appendChild(p); });
      said.notes.forEach(function (line) { section.appendChild(element("p", line)); });
      var late = element("p");
      if (due.date < today) { late.appendChild(element("strong", data.texts.passed)); late.appendChild(document.createTextNode(" ")); }
      late.appendChild(document.createTextNode(clock.late));
      section.appendChild(late);
      /* The calendar file, made here: nothing is sent or kept (a blob: address in this page only). */
      var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
      if (fileUrl) URL.revokeObjectURL(fileUrl);
      fileUrl = URL.createObjectURL(new Blob([icsText(id, clock, start, due, said, stamp)], { type: "text/calendar" }));
      var file = element("p", undefined, "deadline-calendar"), link = element("a", data.texts.calendar);
      link.href = fileUrl;
      link.download = id + "-" + toISO(due.date) + ".ics";
      file.appendChild(link);
      section.appendChild(file);
      var next = document.getElementById(id).parentNode.querySelector(".deadline-next");  // the clock's own section below
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
      var closed = readClosures(form.closed ? form.closed.value : "", today);
      var errors = [];
      if (!chosen) errors.push({ target: form.querySelector("input[name=clock]").id, text: data.errors.clock, field: "clock" });
      if (read[1]) errors.push({ target: read[1] === "year-digits" ? "start-year" : "start-day", text: data.errors[read[1]], field: "date" });
      if (closed[1]) errors.push({ target: "closed", text: data.errors[closed[1]], field: "closed" });
      if (errors.length) { out.textContent = ""; showErrors(errors); return; }
      var clock = data.clocks[chosen.value];
      show(chosen.value, read[0], dueDate(clock, read[0], cal, closed[0]));
      reveal();
      var fields = [["clock", chosen.value], ["day", form.day.value], ["month", form.month.value], ["year", form.year.value],
        ["closed", form.closed ? form.closed.value : ""]];
      var query = "?" + fields.filter(function (f) { return f[1]; })
        .map(function (f) { return f[0] + "=" + encodeURIComponent(f[1]); }).join("&");
      history.replaceState(null, "", query);
      document.querySelectorAll("a.lang-link").forEach(function (a) { a.search = query; });
    });

    /* Opened from a link with a time limit chosen (?clock=), or a shared answer (?clock=&day=...). */
    var params = new URLSearchParams(location.search);
    var preset = params.get("clock") && document.getElementById("clock-" + params.get("clock"));
    if (preset) preset.checked = true;
    ["day", "month", "year", "closed"].forEach(function (f) { if (params.get(f) !== null && form[f]) form[f].value = params.get(f); });
    if (params.get("day") !== null) form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
