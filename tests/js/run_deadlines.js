// Runs static/js/deadlines.js under node against tests/deadline_vectors.json, printing what it
// worked out as JSON for tests/test_deadlines.py to compare with the vectors.
"use strict";
const fs = require("fs");
const path = require("path");
const d = require(path.join(__dirname, "..", "..", "static", "js", "deadlines.js"));
const [vectorsPath, namesPath] = process.argv.slice(2);
const v = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
const names = JSON.parse(fs.readFileSync(namesPath, "utf8"));  // {lang: {days, months}} from the pages
const cal = d.calendar(v.calendar);
const out = {
  cases: v.cases.map((c) => {
    const due = d.dueDate({ unit: c.unit, amount: c.amount }, d.fromISO(c.start), cal);
    return { due: d.toISO(due.date), holidays: due.holidays, noTermsFrom: due.noTermsFrom === null ? null : d.toISO(due.noTermsFrom) };
  }),
  inputs: v.inputs.map((i) => {
    const [n, error] = d.readDate(i.day, i.month, i.year, d.fromISO(i.today));
    return { date: n === null ? null : d.toISO(n), error: error };
  }),
  formats: v.formats.map((f) => d.longDate(d.fromISO(f.date), names[f.lang])),
};
process.stdout.write(JSON.stringify(out));
