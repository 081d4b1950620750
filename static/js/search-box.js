/* The header's search box in the export. The words go to the search page after '#', a part of
   the address that browsers never send to a server, and the search runs there, in the page
   (search.js): no request carries them. Without this script the box has no name, so searching
   sends no words either, and the search page offers its A to Z. Not on the served site, whose
   search runs on the server. */
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("form[data-search-in-page]");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var words = form.querySelector("input[type=search]").value.trim();
      var page = form.action.split("#")[0].split("?")[0];
      location.href = page + (words ? "#q=" + encodeURIComponent(words) : "");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
