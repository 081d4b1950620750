/* Search for the static export: runs the query from the address (?q=) against index.json,
   a file made at freeze time by the same analysis as the server search (alnguide/analysis.py).
   No dependencies; loaded only on the search page; without it the page shows the A–Z. */
(function (root) {
  "use strict";

  var TOKEN = /[a-z0-9]+/g;

  function fold(text) {
    return Array.from(text.toLowerCase().replace(/\u2019/g, "'"))
      .map(function (ch) { return ch.normalize("NFKD")[0]; }).join("");
  }

  /* Porter stemmer, step for step as whoosh.lang.porter (Python's re.match anchors at the start). */
  var step2list = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate",
    alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive",
    biliti: "ble", logi: "log" };
  var step3list = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var c = "[^aeiouy]+", v = "[aeiou]+";
  var mgr0 = new RegExp("^(" + c + ")?" + v + c);
  var meq1 = new RegExp("^(" + c + ")?" + v + c + "(" + v + ")?$");
  var mgr1 = new RegExp("^(" + c + ")?" + v + c + v + c);
  var sV = new RegExp("^(" + c + ")?[aeiouy]");
  var cV = /^[^aeiouy]+[aeiouy][^aeiouwxy]$/;
  var edIng = /^(.*)(ed|ing)$/, atBlIz = /^(at|bl|iz)$/, step1b = /^([^aeiouylsz])\1$/;
  var re2 = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var re3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var re41 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var re42 = /^(.+?)(s|t)(ion)$/, re5 = /^(.+?)e$/;

  function stem(w) {
    var m, s;
    if (w.length < 3) return w;
    var firstY = w[0] === "y";
    if (firstY) w = "Y" + w.slice(1);
    if (w.endsWith("s")) {
      if (w.endsWith("sses") || w.endsWith("ies")) w = w.slice(0, -2);
      else if (w[w.length - 2] !== "s") w = w.slice(0, -1);
    }
    if (w.endsWith("eed")) {
      if (mgr0.test(w.slice(0, -3))) w = w.slice(0, -1);
    } else if ((m = edIng.exec(w))) {
      s = m[1];
      if (sV.test(s)) {
        w = s;
        if (atBlIz.test(w)) w += "e";
        else if (step1b.test(w)) w = w.slice(0, -1);
        else if (cV.test(w)) w += "e";
      }
    }
    if (w.endsWith("y")) { s = w.slice(0, -1); if (sV.test(s)) w = s + "i"; }
    if ((m = re2.exec(w)) && mgr0.test(m[1])) w = m[1] + step2list[m[2]];
    if ((m = re3.exec(w)) && mgr0.test(m[1])) w = m[1] + step3list[m[2]];
    if ((m = re41.exec(w))) { if (mgr1.test(m[1])) w = m[1]; }
    else if ((m = re42.exec(w))) { s = m[1] + m[2]; if (mgr1.test(s)) w = s; }
    if ((m = re5.exec(w))) {
      s = m[1];
      if (mgr1.test(s) || (meq1.test(s) && !cV.test(s))) w = s;
    }
    if (w.endsWith("ll") && mgr1.test(w)) w = w.slice(0, -1);
    if (firstY) w = "y" + w.slice(1);
    return w;
  }

  /* Welsh: the word and every radical it may be a mutation of (alnguide/welsh.py). */
  function radicals(word, welsh) {
    var found = {}; found[word] = true;
    welsh.tables.forEach(function (table) {
      var best = null;
      Object.keys(table).forEach(function (m) {
        if (word.startsWith(m) && word.length > m.length && (!best || m.length > best.length)) best = m;
      });
      if (best) table[best].forEach(function (r) { found[r + word.slice(best.length)] = true; });
    });
    if (welsh.vowels.indexOf(word[0]) >= 0) found["g" + word] = true;
    if (word[0] === "h" && word.length > 1 && welsh.vowels.indexOf(word[1]) >= 0) found[word.slice(1)] = true;
    return Object.keys(found).sort();
  }

  function words(text, index) {
    var stop = new Set(index.stop);
    return (fold(text).match(TOKEN) || []).filter(function (w) { return !stop.has(w); });
  }

  function forms(word, index) {
    return index.welsh ? radicals(word, index.welsh) : [stem(word)];
  }

  function analyse(text, index) {
    return words(text, index).map(function (w) { return forms(w, index); });
  }

  function expandSynonyms(query, synonyms) {
    var folded = " " + (fold(query).match(TOKEN) || []).join(" ") + " ";
    var extra = Object.keys(synonyms).filter(function (p) { return folded.indexOf(" " + p + " ") >= 0; })
      .map(function (p) { return synonyms[p]; });
    return [query].concat(extra).join(" ");
  }

  /* BM25F as Whoosh scores it: each field on its own (weights already carry the field boost),
     idf = log(N / (df + 1)) + 1 per field, summed over every form of every query word. */
  function search(query, index, limit) {
    var positions = analyse(expandSynonyms(query, index.synonyms), index);
    var n = index.docs.length, scores = {}, k1 = 1.2, b = 0.75, avg = [0, 0, 0];
    index.lengths.forEach(function (row) { for (var f = 0; f < 3; f++) avg[f] += row[f] / n; });
    positions.forEach(function (wordForms) {
      wordForms.forEach(function (form) {
        var postings = index.terms[form];
        if (!postings) return;
        for (var f = 0; f < 3; f++) {
          var df = 0, i;
          for (i = 0; i < postings.length; i += 4) if (postings[i + 1 + f] > 0) df++;
          if (!df) continue;
          var idf = Math.log(n / (df + 1)) + 1;
          for (i = 0; i < postings.length; i += 4) {
            var d = postings[i], w = postings[i + 1 + f];
            if (!w) continue;
            var norm = w + k1 * ((1 - b) + b * index.lengths[d][f] / (avg[f] || 1));
            scores[d] = (scores[d] || 0) + idf * (w * (k1 + 1)) / norm;
          }
        }
      });
    });
    return Object.keys(scores).map(Number)
      .sort(function (x, y) { return scores[y] - scores[x] || x - y; })
      .slice(0, limit || 20)
      .map(function (d) { return { doc: index.docs[d], score: scores[d] }; });
  }

  var api = { fold: fold, stem: stem, radicals: radicals, analyse: analyse,
    expandSynonyms: expandSynonyms, search: search };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }

  /* In the browser: read ?q=, search, and show the results above the A–Z. */
  function plural(forms, lang, count) {
    var i = lang === "cy"
      ? (count === 0 ? 0 : count === 1 ? 1 : count === 2 ? 2 : count === 3 ? 3 : count === 6 ? 4 : 5)
      : (count === 1 ? 0 : 1);
    return forms[i].text.split(String(forms[i].n)).join(String(count));
  }

  function highlighted(text, queryForms, index) {
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (part) {
      var hit = words(part, index).some(function (w) {
        return forms(w, index).some(function (f) { return queryForms.has(f); });
      });
      if (hit) {
        var strong = document.createElement("strong");
        strong.className = "match";
        strong.textContent = part;
        fragment.appendChild(strong);
      } else {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function show(app, index, query) {
    var out = document.getElementById("search-results");
    var results = search(query, index, 20);
    var heading = document.createElement("h2");
    heading.id = "results-heading";
    heading.textContent = plural(JSON.parse(app.dataset.counts), index.lang, results.length);
    out.appendChild(heading);
    var queryForms = new Set([].concat.apply([], analyse(expandSynonyms(query, index.synonyms), index)));
    if (!results.length) {
      var none = document.createElement("p");
      none.textContent = app.dataset.none;
      out.appendChild(none);
      return;
    }
    var list = document.createElement("ol");
    list.className = "search-results";
    results.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.href = r.doc.u;
      link.textContent = r.doc.t;
      var title = document.createElement("h3");
      title.appendChild(link);
      var section = document.createElement("p");
      section.className = "result-section";
      section.textContent = r.doc.c;
      var summary = document.createElement("p");
      summary.appendChild(highlighted(r.doc.s, queryForms, index));
      item.appendChild(title); item.appendChild(section); item.appendChild(summary);
      list.appendChild(item);
    });
    out.appendChild(list);
  }

  function start() {
    var app = document.getElementById("search-app");
    var query = new URLSearchParams(window.location.search).get("q");
    if (!app || query === null) return;
    var input = document.getElementById("search-page-q");
    if (input) input.value = query;
    document.querySelectorAll("a.lang-link").forEach(function (a) { a.search = window.location.search; });
    query = query.trim();
    if (!query) return;
    /* Results replace the A–Z (the no-JavaScript fallback) and have room kept for them before
       they arrive, so nothing jumps on the page as they appear. */
    document.documentElement.classList.add("js-searching");
    if (query.length > 200 || /[\u0000-\u001f\u007f]/.test(query)) {
      var error = document.getElementById("search-results");
      var p = document.createElement("p");
      p.className = "error-message";
      p.textContent = app.dataset.invalid;
      error.appendChild(p);
      return;
    }
    function unavailable() {
      /* Opened from disk, offline with nothing saved, or a server error: the A to Z comes back,
         with a message saying why there are no results. */
      document.documentElement.classList.remove("js-searching");
      var out = document.getElementById("search-results");
      var p = document.createElement("p");
      p.className = "error-message";
      p.textContent = app.dataset.unavailable;
      out.appendChild(p);
    }
    fetch(app.dataset.index).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (index) {
      root.performance && performance.mark("search-start");
      show(app, index, query);
      root.performance && performance.mark("search-end");
    }).catch(unavailable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(this);
