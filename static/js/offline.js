/* Registers the guide's service worker (sw.js at the site's root; its logic is in
   site/alnguide/templates/tools/sw.js), so the pages a reader opens and the core of the guide
   work with no signal. Only over http(s), where the browser has service workers, and after the
   page has loaded; anywhere else the guide works exactly as before. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var url = new URL(script.getAttribute("data-sw-url"), location.href).href;
  function register() { navigator.serviceWorker.register(url).catch(function () {}); }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
