// Runs static/js/deadlines.js under node against tests/deadline_vectors.json, printing what it
// worked out as JSON for tests/test_deadlines.py to compare with the vectors and the server.
"use strict";
const fs = require("fs");
const path = require("path");
const d = require(path.join(__dirname, "..", "..", "static", "js", "deadlines.js"));
const [vectorsPath, pagesPath] = process.argv.slice(2);
const v = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
const pages = JSON.parse(fs.readFileSync(pagesPath, "utf8"));  // {lang: the page's data-deadlines}
const cal = d.calendar(v.calendar, v.bankHolidays);
const names = (lang) => ({ days: pages[lang].days, daysSoft: pages[lang].daysSoft, months: pages[lang].months });
const iso = (n) => (n === null ? null : d.toISO(n));

function answer(a) {
  const data = pages[a.lang], clock = data.clocks[a.clock], start = d.fromISO(a.start);
  const due = d.dueDate(clock, start, cal, (a.closed || []).map(d.fromISO));
  return { clock, start, due, said: d.explain(clock, start, due, data.texts, names(a.lang)) };
}

const file = answer(v.calendarFile);
const out = {
  cases: v.cases.map((c) => {
    const due = d.dueDate({ unit: c.unit, amount: c.amount, then: c.then }, d.fromISO(c.start), cal, c.closed.map(d.fromISO));
    return { due: iso(due.date), holidays: due.holidays, noTermsFrom: iso(due.noTermsFrom), training: due.training,
      closures: due.closures };
  }),
  inputs: v.inputs.map((i) => {
    const [n, error] = d.readDate(i.day, i.month, i.year, d.fromISO(i.today));
    return { date: iso(n), error: error };
  }),
  formats: v.formats.map((f) => d.longDate(d.fromISO(f.date), names(f.lang), f.mutated)),
  answers: v.answers.map((a) => answer(a).said),
  calendarFile: d.icsText(v.calendarFile.clock, file.clock, file.start, file.due, file.said, v.calendarFile.stamp),
};
process.stdout.write(JSON.stringify(out));
