/* Mang Bagja: what the templates once did inline, which the Content-Security-Policy (script-src 'self',
   style-src 'self') no longer runs. */
(function () {
  "use strict";

  // Bars drawn to a computed width carry it as data-lebar="37.5" (percent); a style="width: …" attribute would be
  // refused, setting the property from a script is not. Run on load and on every piece htmx swaps in.
  function lebar(root) {
    var bars = root.querySelectorAll ? root.querySelectorAll("[data-lebar]") : [];
    if (root.matches && root.matches("[data-lebar]")) bars = [root].concat(Array.prototype.slice.call(bars));
    Array.prototype.forEach.call(bars, function (el) {
      var persen = parseFloat(el.getAttribute("data-lebar"));
      el.style.width = (isFinite(persen) ? Math.min(Math.max(persen, 0), 100) : 0) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { lebar(document); });
  document.addEventListener("htmx:load", function (event) { lebar(event.target); });

  // Buttons marked data-cetak open the browser's print dialog (the list of temporary passwords).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-cetak]")) window.print();
  });
})();
