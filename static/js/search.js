/* Search for the static export. The index is made at freeze time by the same analysis as the
   server's search (alnguide/search/analysis.py, static_index.py): a small manifest, and pieces
   fetched only as a query needs them (the chunks holding its words, then the results shown).
   Queries run in place: the address is updated with history.replaceState, so it stays the one
   to share, and the back button leaves the page. The words are kept after '#' (`#q=…&page=2`),
   which browsers never send to a server, so no request carries them (the privacy page says so);
   an older link's `?q=` still works, and is dropped from the address once read. No dependencies; loaded only on the search
   page; without it the page shows the A to Z. Under node it exports the analysis and scoring
   for the shared test vectors (tests/js/run_vectors.js). */
(function (root) {
  "use strict";

  var TOKEN = /[a-z0-9]+/g;
  var PER_PAGE = 20;

  /* Only characters outside ASCII are decomposed (each code point's first unit), as
     analysis.fold does: the same text as mapping every character, without an array of them. */
  function fold(text) {
    return text.toLowerCase().replace(/\u2019/g, "'")
      .replace(/[^\x00-\x7f]/gu, function (ch) { return ch.normalize("NFKD")[0]; });
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

  /* Welsh: the word and every radical it may be a mutation of (alnguide/search/welsh.py). */
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
    return Object.keys(found);
  }

  /* Welsh plural and agent endings folded (welsh.singulars): "cynlluniau" -> "cynllun". */
  function singulars(word, welsh) {
    var found = [];
    if (welsh.keep.indexOf(word) >= 0) return found;
    Object.keys(welsh.endings).forEach(function (ending) {
      var stem = word.slice(0, word.length - ending.length);
      if (word.endsWith(ending) && stem.length >= welsh.minStem) {
        found.push(stem + welsh.endings[ending]);
        if (stem.endsWith("nn")) found.push(stem.slice(0, -1) + welsh.endings[ending]);
      }
    });
    return found;
  }

  /* The manifest's stop words as a Set, and each word's forms, kept on the manifest: a page of
     results highlights ~600 words, and building the Set and the Welsh forms again for each
     was most of a query's time once its pieces were loaded. */
  function words(text, m) {
    var stop = m._stop || (m._stop = new Set(m.stop));
    return (fold(text).match(TOKEN) || []).filter(function (w) { return !stop.has(w); });
  }

  function forms(word, m) {
    var known = m._forms || (m._forms = new Map());
    var found = known.get(word);
    if (!found) known.set(word, found = formsOf(word, m));
    return found;
  }

  function formsOf(word, m) {
    if (!m.welsh) return [stem(word)];
    var found = {};
    radicals(word, m.welsh).forEach(function (r) {
      found[r] = true;
      singulars(r, m.welsh).forEach(function (s) { found[s] = true; });
    });
    return Object.keys(found).sort();
  }

  function analyse(text, m) {
    return words(text, m).map(function (w) { return forms(w, m); });
  }

  function expandSynonyms(query, synonyms) {
    var folded = " " + (fold(query).match(TOKEN) || []).join(" ") + " ";
    var extra = Object.keys(synonyms).filter(function (p) { return folded.indexOf(" " + p + " ") >= 0; })
      .map(function (p) { return synonyms[p]; });
    return [query].concat(extra).join(" ");
  }

  /* The chunk a term is in: the last whose first term is not after it. */
  function chunkOf(term, firsts) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* BM25F as Whoosh scores it: each field on its own (weights already carry the field boost),
     idf = log(N / (df + 1)) + 1 per field, summed over every form of every query word.
     A posting is [doc, weight x3 fields, length x3 fields]. */
  var STRIDE = 7;
  function score(positions, postings, m) {
    var n = m.n, scores = {}, k1 = 1.2, b = 0.75;
    positions.forEach(function (wordForms) {
      wordForms.forEach(function (form) {
        var list = postings[form];
        if (!list) return;
        for (var f = 0; f < 3; f++) {
          var df = 0, i;
          for (i = 0; i < list.length; i += STRIDE) if (list[i + 1 + f] > 0) df++;
          if (!df) continue;
          var idf = Math.log(n / (df + 1)) + 1;
          for (i = 0; i < list.length; i += STRIDE) {
            var d = list[i], w = list[i + 1 + f];
            if (!w) continue;
            var norm = w + k1 * ((1 - b) + b * list[i + 4 + f] / (m.avg[f] || 1));
            scores[d] = (scores[d] || 0) + idf * (w * (k1 + 1)) / norm;
          }
        }
      });
    });
    return Object.keys(scores).map(Number)
      .sort(function (x, y) { return scores[y] - scores[x] || x - y; })
      .map(function (d) { return [d, scores[d]]; });
  }

  /* One language's index. `load(name)` returns a promise of the JSON at that address, relative
     to the search page; every piece is loaded once. */
  function Searcher(manifest, load) {
    this.m = manifest;
    this.load = load;
    this.pieces = {};
  }
  Searcher.prototype.piece = function (name) {
    if (!this.pieces[name]) this.pieces[name] = this.load(this.m.dir + name);
    return this.pieces[name];
  };
  /* The question guides named by a subject word typed (key "<form>!", no synonyms added) come
     first, by score then document order; then every other result in its order (the rule in
     alnguide/search/documents.subject_index, as server_index.guides_first applies it). */
  function guidesFirst(ranked, typed, postings) {
    var guides = {};
    typed.forEach(function (wordForms) {
      wordForms.forEach(function (form) {
        (postings[form + "!"] || []).forEach(function (d) { guides[d] = true; });
      });
    });
    if (!Object.keys(guides).length) return ranked;
    var scores = {};
    ranked.forEach(function (r) { scores[r[0]] = r[1]; });
    var first = Object.keys(guides).map(Number)
      .map(function (d) { return [d, scores[d] || 0]; })
      .sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    return first.concat(ranked.filter(function (r) { return !guides[r[0]]; }));
  }

  /* {positions, ranked: [[doc, score]...]} for a query: only the chunks of its forms are fetched. */
  Searcher.prototype.search = function (query) {
    var self = this;
    var positions = analyse(expandSynonyms(query, self.m.synonyms), self.m);
    var typed = analyse(query, self.m);
    var chunks = {};
    positions.forEach(function (wordForms) {
      wordForms.forEach(function (form) { chunks[chunkOf(form, self.m.chunks)] = true; });
    });
    typed.forEach(function (wordForms) {
      wordForms.forEach(function (form) { chunks[chunkOf(form + "!", self.m.chunks)] = true; });
    });
    return Promise.all(Object.keys(chunks).map(function (i) { return self.piece("t" + i + ".json"); }))
      .then(function (loaded) {
        var postings = {};
        loaded.forEach(function (chunk) { Object.assign(postings, chunk); });
        return { positions: positions, ranked: guidesFirst(score(positions, postings, self.m), typed, postings) };
      });
  };
  Searcher.prototype.docs = function (ids) {
    var self = this;
    return Promise.all(ids.map(function (d) { return self.piece("d" + d + ".json"); }));
  };
  /* Whether two words are within `limit` edits (insert, delete, change one letter): what
     Whoosh's Levenshtein automaton lets through for the server's "did you mean" (no swaps:
     its automaton has none, though its slow fallback would count them). */
  function within(a, b, limit) {
    var row = [], next, i, j, best;
    if (Math.abs(a.length - b.length) > limit) return false;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      next = [i];
      best = i;
      for (j = 1; j <= b.length; j++) {
        next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        if (next[j] < best) best = next[j];
      }
      if (best > limit) return false;
      row = next;
    }
    return row[b.length] <= limit;
  }

  /* "Did you mean": each word changed to the most frequent word of the pages (then the last in
     order) within two edits, as the server's Whoosh corrector chooses; null if none changed.
     Its piece (s.json) is fetched only for a query that found nothing. */
  Searcher.prototype.suggest = function (query) {
    var self = this;
    return self.piece("s.json").then(function (byCount) {
      var vocabulary = self._vocabulary;
      if (!vocabulary) {
        vocabulary = self._vocabulary = [];
        Object.keys(byCount).forEach(function (count) {
          byCount[count].split(" ").forEach(function (w) { vocabulary.push([w, Number(count)]); });
        });
      }
      var changed = false;
      var out = query.trim().split(/\s+/).filter(Boolean).map(function (word) {
        var folded = words(word, self.m).join(""), best = null, bestCount = 0;
        if (!folded) return word;
        vocabulary.forEach(function (entry) {
          if ((entry[1] > bestCount || (entry[1] === bestCount && entry[0] > best)) &&
              within(entry[0], folded, 2)) { best = entry[0]; bestCount = entry[1]; }
        });
        if (best === null || best === folded) return word;
        changed = true;
        return best;
      });
      return changed ? out.join(" ") : null;
    });
  };

  /* A word from England's SEN system in the query: [word, glossary address, Welsh name] or null. */
  Searcher.prototype.england = function (query) {
    var folded = " " + (fold(query).match(TOKEN) || []).join(" ") + " ";
    var phrases = Object.keys(this.m.england).sort(function (x, y) { return y.length - x.length; });
    for (var i = 0; i < phrases.length; i++) {
      if (folded.indexOf(" " + phrases[i] + " ") >= 0) return this.m.england[phrases[i]];
    }
    return null;
  };

  var api = { fold: fold, stem: stem, radicals: radicals, singulars: singulars, analyse: analyse,
    expandSynonyms: expandSynonyms, chunkOf: chunkOf, score: score, within: within, Searcher: Searcher,
    PER_PAGE: PER_PAGE };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }

  /* In the browser. */
  function plural(forms, lang, count) {
    var i = lang === "cy"
      ? (count === 0 ? 0 : count === 1 ? 1 : count === 2 ? 2 : count === 3 ? 3 : count === 6 ? 4 : 5)
      : (count === 1 ? 0 : 1);
    return forms[i].text.split(String(forms[i].n)).join(String(count));
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function highlighted(text, queryForms, m) {
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (part) {
      var hit = words(part, m).some(function (w) {
        return forms(w, m).some(function (f) { return queryForms.has(f); });
      });
      fragment.appendChild(hit ? element("strong", "match", part) : document.createTextNode(part));
    });
    return fragment;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)d/g, function (_, key) { return String(values[key]); });
  }

  function address(query, page) {
    return "#q=" + encodeURIComponent(query) + (page > 1 ? "&page=" + page : "");
  }

  /* What the address asks for: {q, page} from after '#', else an older link's query, or null. */
  function asked() {
    var hash = new URLSearchParams(location.hash.slice(1));
    var params = hash.get("q") !== null ? hash : new URLSearchParams(location.search);
    if (params.get("q") === null) return null;
    return { q: params.get("q"), page: parseInt(params.get("page") || "1", 10) || 1 };
  }

  function start() {
    var app = document.getElementById("search-app");
    if (!app) return;
    var out = document.getElementById("search-results");
    var input = document.getElementById("search-page-q");
    var form = input && input.form;
    var searcher = null, otherSearcher = null;
    var shown = 0;

    function message(text) {
      out.textContent = "";
      out.appendChild(element("p", "error-message", text));
    }

    function unavailable(error) {
      /* Opened from disk, offline with nothing saved, or a server error: the A to Z comes back,
         with a message saying why there are no results. Offline (over http(s), the browser says
         so, or the network failed and the offline worker had no copy) the reason is that: say
         so, and link the offline page, which lists what is kept on this phone. */
      document.documentElement.classList.remove("js-searching");
      var worker = "serviceWorker" in navigator && navigator.serviceWorker.controller;
      var offline = out.dataset.offline && /^https?:$/.test(location.protocol) &&
        (navigator.onLine === false || (error instanceof TypeError && worker));
      if (!offline) { message(app.dataset.unavailable); return; }
      message(out.dataset.offline + " ");
      var kept = element("a", null, out.dataset.offlineLink);
      kept.href = out.dataset.offlineUrl;
      out.firstChild.appendChild(kept);
    }

    /* A language's index from its manifest's address; its pieces are beside the manifest. */
    function open(manifestUrl) {
      var base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
      function json(url) {
        return fetch(url).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      }
      return json(manifestUrl).then(function (manifest) {
        return new Searcher(manifest, function (name) { return json(base + name); });
      });
    }

    function index() {
      if (!searcher) searcher = open(app.dataset.index);
      return searcher;
    }

    /* The other language's index, read only when a query finds nothing here. */
    function otherIndex() {
      if (!otherSearcher) otherSearcher = open(app.dataset.otherIndex);
      return otherSearcher;
    }

    /* What to offer when nothing is found: a spelling from this index ("did you mean"), and the
       other language's search when its index finds the words (a Welsh word on the English page). */
    function hintsFor(s, query) {
      var suggestion = s.suggest(query).catch(function () { return null; });
      var there = app.dataset.otherIndex ? otherIndex().then(function (o) { return o.search(query); })
        .then(function (found) { return found.ranked.length > 0; }, function () { return false; }) : false;
      return Promise.all([suggestion, there]).then(function (both) {
        return { suggestion: both[0], other: both[1] };
      });
    }

    function show(s, query, page, found, docs, hints) {
      var ranked = found.ranked, total = ranked.length, first = (page - 1) * PER_PAGE;
      out.textContent = "";
      var heading = element("h2", null, plural(JSON.parse(app.dataset.counts), s.m.lang, total));
      heading.id = "results-heading";
      out.appendChild(heading);
      var england = s.england(query);
      if (england) {
        var line = element("p", "england-word");
        var parts = app.dataset.england.replace("%(word)s", england[0]).split("%(term)s");
        line.appendChild(document.createTextNode(parts[0]));
        var term = element("a", null, england[2]);
        term.href = england[1];
        line.appendChild(term);
        line.appendChild(document.createTextNode(parts[1] || ""));
        out.appendChild(line);
      }
      if (hints.other) {
        var other = element("p", "other-language");
        var there = element("a");
        there.href = app.dataset.otherSearch + address(query, 1);
        there.hreflang = app.dataset.otherLang;
        var texts = app.dataset.other.split("%(query)s");
        there.appendChild(document.createTextNode(texts[0]));
        var phrase = element("span", null, query);
        phrase.lang = app.dataset.otherLang;
        there.appendChild(phrase);
        there.appendChild(document.createTextNode(texts[1] || ""));
        other.appendChild(there);
        out.appendChild(other);
      }
      if (hints.suggestion) {
        var suggestion = element("p", "suggestion", app.dataset.suggest + " ");
        var again = element("a", null, hints.suggestion);
        again.href = address(hints.suggestion, 1);
        suggestion.appendChild(again);
        suggestion.appendChild(document.createTextNode("?"));
        out.appendChild(suggestion);
      }
      if (!total) { out.appendChild(element("p", null, app.dataset.none)); return; }
      var pages = Math.ceil(total / PER_PAGE);
      if (pages > 1) {
        out.appendChild(element("p", "result-count", fill(app.dataset.showing,
          { first: first + 1, last: first + docs.length, total: total })));
      }
      var queryForms = new Set([].concat.apply([], found.positions));
      var list = element("ol", "search-results");
      list.start = first + 1;
      docs.forEach(function (doc) {
        var item = element("li", "search-result");
        var link = element("a", null, doc.t);
        link.href = doc.u;
        var title = element("h3");
        title.appendChild(link);
        var summary = element("p");
        summary.appendChild(highlighted(doc.s, queryForms, s.m));
        item.appendChild(title);
        item.appendChild(element("p", "result-section", doc.c));
        item.appendChild(summary);
        list.appendChild(item);
      });
      out.appendChild(list);
      if (pages > 1) {
        var nav = element("nav", "pagination");
        nav.setAttribute("aria-label", app.dataset.more);
        var ul = element("ul");
        [[page - 1, app.dataset.prev, "prev", page > 1], [page + 1, app.dataset.next, "next", page < pages]]
          .forEach(function (p) {
            if (!p[3]) return;
            var li = element("li"), a = element("a", null, p[1]);
            a.href = address(query, p[0]);
            a.rel = p[2];
            a.addEventListener("click", function (e) { e.preventDefault(); run(query, p[0]); });
            li.appendChild(a);
            ul.appendChild(li);
          });
        nav.appendChild(ul);
        out.appendChild(nav);
      }
    }

    function run(query, page) {
      var ticket = ++shown;
      query = query.trim();
      history.replaceState(null, "", location.pathname + (query ? address(query, page) : ""));
      document.querySelectorAll("a.lang-link").forEach(function (a) { a.search = ""; a.hash = location.hash; });
      if (input) input.value = query;
      if (!query) { document.documentElement.classList.remove("js-searching"); out.textContent = ""; return; }
      /* Results replace the A to Z (the no-JavaScript fallback), with room kept for them. */
      document.documentElement.classList.add("js-searching");
      if (query.length > 200 || /[\u0000-\u001f\u007f]/.test(query)) { message(app.dataset.invalid); return; }
      index().then(function (s) {
        root.performance && performance.mark("search-start");
        return s.search(query).then(function (found) {
          var pages = Math.max(1, Math.ceil(found.ranked.length / PER_PAGE));
          page = Math.min(Math.max(1, page), pages);
          var ids = found.ranked.slice((page - 1) * PER_PAGE, page * PER_PAGE).map(function (r) { return r[0]; });
          var hints = found.ranked.length ? Promise.resolve({}) : hintsFor(s, query);
          return Promise.all([s.docs(ids), hints]).then(function (both) {
            if (ticket !== shown) return;  // a newer query has started
            show(s, query, page, found, both[0], both[1]);
            root.performance && performance.mark("search-end");
          });
        });
      }).catch(unavailable);
    }

    if (form) {
      form.addEventListener("submit", function (e) { e.preventDefault(); run(input.value, 1); });
    }
    var first = asked();
    if (first) run(first.q, first.page);
    /* New words after "#" in this page's address (typed, or back and forward) run again. */
    root.addEventListener("hashchange", function () {
      var again = asked();
      if (again) run(again.q, again.page);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(this);
