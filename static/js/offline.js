/* Registers the guide's service worker (sw.js at the site's root; its logic is in
   site/alnguide/templates/tools/sw.js), so the pages a reader opens and the core of the guide
   work with no signal. Only over http(s), where the browser has service workers; anywhere else
   the guide works exactly as before. Nothing is asked for while the page loads: once it has
   loaded and the network has been quiet for a second, the worker is registered and told which
   page this is ("settled"), and only then keeps the core of this page's language (and, on a
   step of a question guide, the whole guide). The reader's Save-Data choice goes with it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var url = new URL(script.getAttribute("data-sw-url"), location.href).href;
  var QUIET_MS = 1000;

  function settled() {
    var saveData = !!(navigator.connection && navigator.connection.saveData);
    navigator.serviceWorker.register(url).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ type: "settled", url: location.href, saveData: saveData });
      }
    }).catch(function () {});
  }

  /* The network is quiet: no file has finished loading for QUIET_MS. */
  function whenQuiet(then) {
    var last = performance.now(), watch = null;
    try {
      watch = new PerformanceObserver(function () { last = performance.now(); });
      watch.observe({ type: "resource" });
    } catch (e) { watch = null; }
    (function check() {
      if (performance.now() - last < QUIET_MS) { setTimeout(check, 250); return; }
      if (watch) watch.disconnect();
      then();
    })();
  }

  function loaded() { whenQuiet(settled); }
  if (document.readyState === "complete") loaded();
  else window.addEventListener("load", loaded);
})();
