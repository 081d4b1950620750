// Runs static/js/search.js under node against the test vectors and the exported indexes,
// printing what it found as JSON for tests/test_search.py to compare with the expectations.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "..", "static", "js", "search.js"));
const [vectorsPath, enIndex, cyIndex] = process.argv.slice(2);
const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
const indexes = { en: JSON.parse(fs.readFileSync(enIndex, "utf8")), cy: JSON.parse(fs.readFileSync(cyIndex, "utf8")) };
const out = {
  analysis: vectors.analysis.map((v) => search.analyse(v.text, indexes[v.lang])),
  queries: vectors.queries.map((v) => search.search(v.q, indexes[v.lang], 5).map((r) => r.doc.u)),
};
let timed = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < 20; i++) for (const v of vectors.queries) { search.search(v.q, indexes[v.lang], 20); timed++; }
out.msPerQuery = Number(process.hrtime.bigint() - started) / 1e6 / timed;
process.stdout.write(JSON.stringify(out));
