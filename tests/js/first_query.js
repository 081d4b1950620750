// What a reader's first search downloads: for each query, a fresh page (nothing cached) loads the
// manifest, the chunks its words are in, and the first page of results. Prints the file names
// fetched per query as JSON, for the size test and the benchmark to add up.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "..", "static", "js", "search.js"));
const [manifestPath, ...queries] = process.argv.slice(2);
const folder = path.dirname(manifestPath);

async function main() {
  const out = {};
  for (const q of queries) {
    const fetched = [path.basename(manifestPath)];
    const s = new search.Searcher(JSON.parse(fs.readFileSync(manifestPath, "utf8")), (name) => {
      fetched.push(name);
      return Promise.resolve(JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")));
    });
    const found = await s.search(q);
    await s.docs(found.ranked.slice(0, search.PER_PAGE).map((r) => r[0]));
    out[q] = fetched;
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
