// Runs static/js/search.js under node against the shared test vectors and an exported index
// (a manifest and its pieces, read from disk as the browser would fetch them), printing what it
// found as JSON for tests/test_search.py to compare with the expectations and the server.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "..", "static", "js", "search.js"));
const [vectorsPath, enManifest, cyManifest] = process.argv.slice(2);
const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));

function searcher(manifestPath) {
  const folder = path.dirname(manifestPath);
  const fetched = [];
  const s = new search.Searcher(JSON.parse(fs.readFileSync(manifestPath, "utf8")), (name) => {
    fetched.push(name);
    return Promise.resolve(JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")));
  });
  s.fetched = fetched;
  return s;
}

async function main() {
  const searchers = { en: searcher(enManifest), cy: searcher(cyManifest) };
  const out = { analysis: vectors.analysis.map((v) => search.analyse(v.text, searchers[v.lang].m)), queries: [] };
  for (const v of vectors.queries) {
    const found = await searchers[v.lang].search(v.q);
    const docs = await searchers[v.lang].docs(found.ranked.slice(0, 5).map((r) => r[0]));
    out.queries.push({ urls: docs.map((d) => d.u), total: found.ranked.length });
  }
  out.suggestions = [];
  for (const v of vectors.suggestions) out.suggestions.push(await searchers[v.lang].suggest(v.q));
  const started = process.hrtime.bigint();
  let timed = 0;
  for (let i = 0; i < 20; i++) for (const v of vectors.queries) { await searchers[v.lang].search(v.q); timed++; }
  out.msPerQuery = Number(process.hrtime.bigint() - started) / 1e6 / timed;
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
