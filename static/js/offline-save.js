/* "Save the whole guide on this phone" (the home page) and the list of saved pages (the offline
   page). The list of what to save, with each file's size, is made by the build
   (offline-<lang>.json at the site's root); each file is fetched through the service worker,
   which keeps it. Nothing is sent anywhere but this site. */
(function () {
  "use strict";
  var worker = "serviceWorker" in navigator && /^https?:$/.test(location.protocol);

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  function size(bytes) {
    return bytes < 1e6 ? Math.max(1, Math.round(bytes / 1e3)) + " KB" : (bytes / 1e6).toFixed(1) + " MB";
  }

  function isPage(address) { return /(^|\/)(index\.html)?$/.test(address); }

  function controlled() {
    return navigator.serviceWorker.ready.then(function () {
      if (navigator.serviceWorker.controller) return;
      return new Promise(function (resolve) {
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
      });
    });
  }

  function saveGuide(box) {
    var listUrl = new URL(box.getAttribute("data-list-url"), location.href).href;
    var sizeUrl = new URL(box.getAttribute("data-size-url"), location.href).href;
    var button = document.getElementById("save-button");
    var status = document.getElementById("save-status");
    var progress = document.getElementById("save-progress");
    function json(url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    }
    /* The size first (a few bytes); the list of every file (which grows with the guide) only
       when the reader taps the button. */
    json(sizeUrl).then(function (summary) {
      document.getElementById("save-size").textContent =
        fill(box.getAttribute("data-size"), { pages: summary.pages, size: size(summary.bytes) });
      box.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        json(listUrl).then(run, function () {
          button.disabled = false;
          status.textContent = fill(box.getAttribute("data-failed"), { done: 0, pages: summary.pages });
        });
      });
    }).catch(function () {});

    function run(list) {
      var files = list.files, next = 0, done = 0, pages = 0, bytes = 0, failed = 0, shown = -1;
      button.disabled = true;
      progress.hidden = false;
      progress.max = files.length;
      function report() {
        progress.value = done;
        var tenth = Math.floor(10 * done / files.length);
        if (tenth !== shown) {  // a screen reader hears ten steps, not hundreds
          shown = tenth;
          status.textContent = fill(box.getAttribute("data-saving"), { done: pages, pages: list.pages });
        }
      }
      function one() {
        if (next >= files.length) return Promise.resolve();
        var file = files[next++];
        return fetch(new URL(file[0], listUrl).href).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.arrayBuffer();
        }).then(function () {
          bytes += file[1];
          if (isPage(file[0])) pages += 1;
        }, function () { failed += 1; }).then(function () { done += 1; report(); return one(); });
      }
      report();
      controlled().then(function () {
        return Promise.all([one(), one(), one(), one()]);
      }).then(function () {
        progress.hidden = true;
        button.disabled = false;
        status.textContent = failed
          ? fill(box.getAttribute("data-failed"), { done: pages, pages: list.pages })
          : fill(box.getAttribute("data-done"), { pages: pages, size: size(bytes) });
      });
    }
  }

  /* On the offline page: the pages of this language kept on this phone, by title (the question
     guides' steps are left out: each guide's start leads to them). */
  function listSaved(box) {
    var root = new URL(box.getAttribute("data-root-url"), location.href).href.replace(/index\.html$/, "");
    var guides = new URL(box.getAttribute("data-guides-url"), location.href).href.replace(/index\.html$/, "");
    var own = root + box.getAttribute("data-lang") + "/";
    var selfUrl = new URL(box.getAttribute("data-self-url"), location.href).href.replace(/index\.html$/, "");
    var prefix = "aln-guide " + new URL(root).pathname + " ";
    var here = document.querySelectorAll("main a");
    var listed = {};
    listed[selfUrl] = true;
    for (var i = 0; i < here.length; i++) listed[here[i].href.replace(/index\.html$/, "")] = true;
    caches.keys().then(function (names) {
      var name = names.filter(function (n) { return n.indexOf(prefix) === 0; }).pop();
      if (!name) return [];
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (request) { return request.url; }).filter(function (url) {
            var step = url.indexOf(guides) === 0 && url.slice(guides.length).split("/").length > 2;
            return url.indexOf(own) === 0 && /\/$/.test(url) && !step && !listed[url];
          }).map(function (url) {
            return cache.match(url).then(function (r) { return r.text(); }).then(function (html) {
              var title = (/<title>([^<]*)<\/title>/.exec(html) || ["", url])[1].split(" – ")[0];
              var text = new DOMParser().parseFromString(title, "text/html").documentElement.textContent;
              return [text, url];
            });
          }));
        });
      });
    }).then(function (pages) {
      if (!pages.length) return;
      var list = document.getElementById("saved-list");
      pages.sort(function (a, b) { return a[0].localeCompare(b[0], box.getAttribute("data-lang")); });
      pages.forEach(function (page) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = page[1];
        link.textContent = page[0];
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = false;
    }).catch(function () {});
  }

  var save = document.getElementById("save-guide");
  if (save && worker) saveGuide(save);
  var saved = document.getElementById("saved-pages");
  if (saved && "caches" in window) listSaved(saved);
})();
