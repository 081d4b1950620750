/* The guide's service worker (made by alnguide/tools/offline/views.py from
   templates/tools/sw.js). It sits at the site's root, so its scope is the whole guide under
   any sub-path. Each build fills in its version and the addresses it keeps, relative to here.

   - Nothing is fetched ahead while the page loads: when a page of the guide has loaded and the
     network is quiet, static/js/offline.js tells the worker ("settled", with the page's
     address), and only then does it keep, once per build, the core of that page's language
     (CORE: the home, the list of guides, the calculator, the offline page, and the scripts
     and styles those pages use), never the other language's, never a page twice. When
     the page is a step of a question guide, the whole guide is kept (every step and outcome:
     the links under the guide's start, GUIDES), so it works to the end with no signal. A
     reader who asks to save data (Save-Data) gets nothing ahead: only the pages they open.
   - Its cache is named for the build: a changed site gets a new cache, and the old caches of
     this site (the same scope) are deleted when the new worker takes over.
   - Files named by a hash (static/…, the search index's pieces) never change: cache first.
   - Pages and JSON: the network first, so they are always revalidated and updates reach
     readers; the kept copy only when the network fails. Answers marked no-store are not kept.
   - What a reader kept stays kept across builds (copied into the new cache, then replaced when
     fetched online), so a new export never takes away a guide saved on a phone; but only what
     the new build still has (its lists, LISTS), so withdrawn advice goes with the old build.
   - A page with no kept copy, offline: the offline page in the page's language (or the other
     language's, if only that one is kept), which lists what is kept. On the served site, a page
     asked with a query (a search, a calculation) is the server's to answer: offline, the
     offline page too, never the page without its answer.
   - Only the guide's own addresses (OWN: its language folders, its static files, its own files
     at its root): any other address under its scope (a council's own pages, where the guide
     is at a host's root) is left to the network, never kept and never answered from here.
   - A 404 or 410 for this script or a list of the build's files means the guide was taken
     down: the worker unregisters itself and deletes its caches. */
"use strict";

var VERSION = {{ version|tojson }};
var CORE = {{ core|tojson }};
var OFFLINE = {{ offline|tojson }};
var LISTS = {{ lists|tojson }};
var OWN = {{ own|tojson }};
var GUIDES = {{ guides|tojson }};
/* The path segment of a "Change" page in each language ('…/transport/our-choice/change/…'): a
   guide's steps and outcomes are kept whole, but not its Change pages, one for each answer on
   every way through (several times the guide's own pages, and reached only online in a few taps). */
var CHANGE = {{ change|tojson }};
var EXPORT = {{ export|tojson }};

var SCOPE = new URL("./", self.location).href;
var PREFIX = "aln-guide " + new URL(SCOPE).pathname + " ";
var CACHE = PREFIX + VERSION;
var HASHED = /(?:\.[0-9a-f]{10}\.[a-z0-9]+|\/index-[0-9a-f]{10}\.json|\/[0-9a-f]{10}\/[a-z]\d+\.json)$/;

/* One entry per page: no query (the export's pages ignore it; the server's answers to a query
   are no-store) and no index.html (the export links to it; its address ends in a slash). */
function key(url) {
  var u = new URL(url, SCOPE);
  u.search = "";
  u.hash = "";
  if (/\/index\.html$/.test(u.pathname)) u.pathname = u.pathname.slice(0, -10);
  return u.href;
}

function keepable(response) {
  return response && response.ok && response.type === "basic" &&
    !/no-store/.test(response.headers.get("Cache-Control") || "");
}

/* A page may not be answered with a response that was redirected: keep a plain copy. */
function plain(response) {
  if (!response.redirected) return Promise.resolve(response);
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText,
                                headers: response.headers });
  });
}

function put(url, response) {
  return plain(response).then(function (copy) {
    return caches.open(CACHE).then(function (cache) { return cache.put(key(url), copy); });
  });
}

/* One of the guide's own addresses: a page or file of one of its folders, or one of its own files
   at its root (the query and fragment aside). */
function own(url) {
  if (url.indexOf(SCOPE) !== 0) return false;
  var path = url.slice(SCOPE.length).split(/[?#]/)[0];
  return OWN.some(function (mine) { return /\/$/.test(mine) ? path.indexOf(mine) === 0 : path === mine; });
}

function older(names) {
  return names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
}

/* The lists of this build's files, kept with it, when an older build's cache is there to carry
   pages over from (see carryForward). Not on a first visit, which needs none of them. */
function keepLists() {
  return caches.keys().then(function (names) {
    if (!older(names).length) return;
    return Promise.all(LISTS.map(function (path) {
      var url = new URL(path, self.location).href;
      return fetch(url, { cache: "no-cache" }).then(function (response) {
        if (!keepable(response)) throw new Error(url + " answered " + response.status);
        return put(url, response);
      });
    }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(keepLists().then(function () { return self.skipWaiting(); }));
});

/* The language folder an address of the guide is in ("en", "cy"), or "" (its home, static/…). */
function languageOf(url) {
  if (url.indexOf(SCOPE) !== 0) return "";
  var lang = url.slice(SCOPE.length).split("/")[0];
  return Object.prototype.hasOwnProperty.call(CORE, lang) && url.length > SCOPE.length + lang.length ? lang : "";
}

/* The question guide a page is a step of: the address of its start ('…/en/pathways/transport/'),
   or "" for any other page (the list of guides included). */
function guideOf(url) {
  var lang = languageOf(url);
  var guides = lang && new URL(GUIDES[lang], SCOPE).href;
  if (!guides || key(url).indexOf(guides) !== 0) return "";
  var first = key(url).slice(guides.length).split("/")[0];
  return first ? guides + first + "/" : "";
}

/* A made-up address in the cache saying that something was kept whole in this build (the core
   of a language, a guide): never fetched, never carried over, never listed as a page. */
function marker(what) { return new Request(SCOPE + "sw.js?kept=" + encodeURIComponent(what)); }

var ASSETS = /<(?:script src|link rel="(?:stylesheet|icon)" href)="([^"]+)"/g;
var LINKS = /<a [^>]*?href="([^"]+)"/g;

function addressesIn(html, base, pattern) {
  var found = [], match;
  pattern.lastIndex = 0;
  while ((match = pattern.exec(html))) {
    try { found.push(new URL(match[1].replace(/&amp;/g, "&"), base).href); } catch (e) { /* not an address */ }
  }
  return found;
}

/* One address, kept unless it is: a page is revalidated (the copy the browser has of the page
   it just showed costs a 304), a hashed file may come from the browser's own cache. Gives the
   kept response (to read its links), or null. */
function keepOne(cache, url) {
  return cache.match(key(url)).then(function (found) {
    if (found) return found;
    var hashed = HASHED.test(new URL(url).pathname);
    return fetch(url, { cache: hashed ? "default" : "no-cache" }).then(function (response) {
      if (!keepable(response)) return null;
      return put(url, response.clone()).then(function () { return response; });
    });
  }).catch(function () { return null; });
}

/* Keep these addresses and the scripts, styles and icon their pages use, four at a time, each
   once; with `within` (a guide's start), every page under it that they link to, and so on:
   the whole guide, every step and outcome. */
function keepAll(cache, urls, within) {
  var seen = {};
  function fresh(url) {
    var k = key(url);
    if (seen[k] || !own(k)) return false;
    seen[k] = true;
    return true;
  }
  function round(list) {
    var found = [], next = 0;
    function one() {
      if (next >= list.length) return Promise.resolve();
      var url = list[next++];
      return keepOne(cache, url).then(function (response) {
        if (!response || !/text\/html/.test(response.headers.get("Content-Type") || "")) return;
        return response.text().then(function (html) {
          addressesIn(html, key(url), ASSETS).forEach(function (a) {
            if (HASHED.test(new URL(a).pathname) && fresh(a)) found.push(a);
          });
          if (within) {
            addressesIn(html, key(url), LINKS).forEach(function (a) {
              if (key(a).indexOf(within) === 0 && !isChange(key(a).slice(within.length)) && fresh(a)) {
                found.push(a);
              }
            });
          }
        });
      }).then(one);
    }
    return Promise.all([one(), one(), one(), one()]).then(function () {
      return found.length ? round(found) : undefined;
    });
  }
  return round(urls.filter(fresh));
}

function isChange(rest) {
  var parts = rest.split("/");
  return Object.keys(CHANGE).some(function (lang) { return parts.indexOf(CHANGE[lang]) !== -1; });
}

/* Save-Data: the reader asked for as little as possible to be downloaded. */
function savingData(asked) {
  return !!asked || !!(self.navigator.connection && self.navigator.connection.saveData);
}

/* A page of the guide has loaded and the network is quiet (static/js/offline.js): keep that
   page, the core of its language (once per build) and, for a step of a question guide, the
   whole guide (once per build). */
function settle(url, saveData) {
  if (!own(url)) return Promise.resolve();
  var lang = languageOf(url), guide = guideOf(url);
  return caches.open(CACHE).then(function (cache) {
    if (savingData(saveData)) return keepAll(cache, [url], "");
    return Promise.all([lang && cache.match(marker(lang)), guide && cache.match(marker(guide))])
      .then(function (done) {
        var core = lang && !done[0] ? CORE[lang].map(function (p) { return new URL(p, self.location).href; }) : [];
        return keepAll(cache, [url].concat(core), "").then(function () {
          return core.length ? cache.put(marker(lang), new Response("")) : undefined;
        }).then(function () {
          if (!guide || done[1]) return;
          return keepAll(cache, [guide], guide).then(function () {
            return cache.put(marker(guide), new Response(""));
          });
        });
      });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "settled" && typeof data.url === "string") {
    event.waitUntil(settle(data.url.split("#")[0], data.saveData));
  }
});

/* Every address of this build, from its lists (kept on install when there is anything to carry). */
function addresses(cache) {
  return Promise.all(LISTS.map(function (path) {
    var url = new URL(path, self.location).href;
    return cache.match(key(url)).then(function (found) {
      return found ? found.json() : { files: [] };
    }).then(function (list) {
      return list.files.map(function (file) { return key(new URL(file[0], url).href); });
    });
  })).then(function (lists) {
    var all = {};
    lists.forEach(function (list) { list.forEach(function (address) { all[address] = true; }); });
    return all;
  });
}

/* The pages a reader kept (opened, or saved with the whole guide) stay kept across a new build:
   each is copied into the new cache unless the new build already keeps it, and is replaced as
   soon as it is fetched online. A page the new build no longer has is not copied: its advice
   was withdrawn. Hashed files are not copied: a page from an older build gets the current file
   of the same name (see sameFile). Then the old caches go. */
function carryForward(names) {
  return caches.open(CACHE).then(function (cache) {
    return addresses(cache).then(function (current) {
      return names.reduce(function (done, name) {
        return done.then(function () { return caches.open(name); }).then(function (old) {
          return old.keys().then(function (requests) {
            return Promise.all(requests.filter(function (request) {
              return current[request.url] && !HASHED.test(new URL(request.url).pathname);
            }).map(function (request) {
              return cache.match(request).then(function (found) {
                return found || old.match(request).then(function (response) {
                  return response && cache.put(request, response);
                });
              });
            }));
          });
        });
      }, Promise.resolve());
    });
  });
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    var old = older(names);
    return carryForward(old).then(function () {
      return Promise.all(old.map(function (name) { return caches.delete(name); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

function kept(url) {
  return caches.open(CACHE).then(function (cache) { return cache.match(key(url)); });
}

/* A static file by its name without the hash ("static/css/main.css"): an older build's page,
   kept offline, asks for its own build's file; the current one of the same name stands in. */
function sameFile(url) {
  var plainName = function (u) { return u.replace(/\.[0-9a-f]{10}(\.[a-z0-9]+)$/, "$1"); };
  var wanted = plainName(url);
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      var same = requests.filter(function (r) { return r.url !== url && plainName(r.url) === wanted; })[0];
      return same ? cache.match(same) : Response.error();
    });
  });
}

function cacheFirst(request) {
  return kept(request.url).then(function (found) {
    return found || fetch(request).then(function (response) {
      if (!keepable(response)) return response;
      return put(request.url, response.clone()).then(function () { return response; });
    }, function () { return sameFile(request.url); });
  });
}

/* The offline page's links are written for its own address: shown at another, each relative
   address is made absolute. */
function offlinePage(request) {
  var path = new URL(request.url).pathname.slice(new URL(SCOPE).pathname.length);
  var lang = path.slice(0, 3) === "cy/" ? "cy" : "en";
  var pages = [lang].concat(Object.keys(OFFLINE).filter(function (l) { return l !== lang; }))
    .map(function (l) { return new URL(OFFLINE[l], self.location).href; });
  var page;
  return pages.reduce(function (found, candidate) {  // this language's, else the one kept
    return found.then(function (response) {
      if (response) return response;
      page = candidate;
      return kept(candidate);
    });
  }, Promise.resolve(undefined)).then(function (found) {
    if (!found) return Response.error();
    return found.text().then(function (html) {
      html = html.replace(/ (href|src|data-[a-z-]*url)="([^"]*)"/g, function (all, name, value) {
        if (!value || value[0] === "#" || /^[a-z][a-z0-9+.-]*:/i.test(value)) return all;
        var absolute = new URL(value.replace(/&amp;/g, "&"), page).href;
        return " " + name + '="' + absolute.replace(/&/g, "&amp;") + '"';
      });
      return new Response(html, { status: 503, statusText: "Offline",
                                  headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

/* The guide was taken down when this script or a list of its files is gone (404 or 410; a page
   alone may be gone by mistake or moved): leave this phone as if it had never been here. */
var checking = null;
function gone(response) { return response.status === 404 || response.status === 410; }

function withdraw() {
  return self.registration.unregister().then(function () {
    return caches.keys();
  }).then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; })
      .map(function (name) { return caches.delete(name); }));
  });
}

function checkWithdrawn(response) {
  var lists = LISTS.map(function (path) { return new URL(path, self.location).href; });
  if (lists.indexOf(key(response.url || "")) >= 0) return withdraw();
  if (!checking) {
    checking = fetch(self.location.href, { cache: "no-store" }).then(function (script) {
      if (gone(script)) return withdraw();
    }, function () {}).then(function () { checking = null; });
  }
  return checking;
}

function networkFirst(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (gone(response)) event.waitUntil(checkWithdrawn(response));
    if (!keepable(response)) return response;
    var saving = put(request.url, response.clone());
    if (request.mode === "navigate") {
      event.waitUntil(saving);  // the reader sees the page at once
      return response;
    }
    return saving.then(function () { return response; });  // "save the whole guide" counts kept files
  }, function () {
    /* Served, a query is the server's to answer (a search, a calculation): the page without
       its answer would look like one. */
    var asked = !EXPORT && request.mode === "navigate" && new URL(request.url).search;
    return (asked ? Promise.resolve(undefined) : kept(request.url)).then(function (found) {
      if (found) return found;
      return request.mode === "navigate" ? offlinePage(request) : Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !own(request.url)) return;  // the network's, as with no worker
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  var path = new URL(request.url).pathname;
  event.respondWith(HASHED.test(path) ? cacheFirst(request) : networkFirst(event));
});
